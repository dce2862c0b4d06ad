// `npm run jobs:once`: the scheduled duties, run once now (for operations and tests).
import "./load-env";
import { runJobsOnce } from "~/domain/jobs/jobs.server";
import { prisma } from "~/utils/db.server";

const outcome = await runJobsOnce(prisma);
console.info(JSON.stringify(outcome));
await prisma.$disconnect();
