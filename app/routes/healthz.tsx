import { prisma } from "~/utils/db.server";

/**
 * Liveness and database reachability, for load balancers and the test harness. Whether the
 * server should take traffic after a deploy (migrations applied) is /readyz (docs/deploy.md).
 */
export async function loader() {
  await prisma.$queryRawUnsafe("SELECT 1");
  return new Response("ok", { headers: { "Content-Type": "text/plain", "Cache-Control": "no-store" } });
}
