// Readiness, for load balancers and deploys (docs/deploy.md): 200 once the database answers and
// has every migration this version needs, 503 otherwise (with what is missing).
import { checkReadiness } from "~/utils/readiness.server";

export async function loader() {
  const readiness = await checkReadiness();
  return new Response(JSON.stringify(readiness), {
    status: readiness.ready ? 200 : 503,
    headers: { "Content-Type": "application/json", "Cache-Control": "no-store" },
  });
}
