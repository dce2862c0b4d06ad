// Any other address under /api/v1: a problem, not the app's HTML 404 page.
import { problem } from "~/web/api/problem.server";

const notFound = () =>
  problem("not-found", "There is no such endpoint. The API is described at /api/v1/openapi.json.");

export const loader = notFound;
export const action = notFound;
