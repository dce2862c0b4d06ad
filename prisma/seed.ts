// Seeds the demo marketplace (one admin, three lender partners with products, four merchants with
// export orders). Run on first `npm start`, by `npm run db:reset`, and by `prisma db seed`.
import "../scripts/load-env";
import { prisma } from "~/utils/db.server";
import { printDemoAccounts, seedDemo } from "../tests/factories/demo";

const users = await prisma.user.count();
if (users > 0) {
  console.info("The database already has users: demo data not seeded.");
} else {
  await seedDemo(prisma);
  console.info("Demo data seeded.");
  printDemoAccounts();
}
await prisma.$disconnect();
