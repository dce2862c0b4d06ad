// For the browser test of servicing: time passes for one deal. Moves the deal's funding and
// instalment dates back by the given days (as if it had been funded that long ago), then runs the
// daily servicing job once, as the scheduler would that day. Run as
// `node --import tsx tests/setup/servicing-clock.ts <dealId> <days>` with the run's DATABASE_URL.
import { runServicingJobs } from "~/domain/servicing/jobs.server";
import { prisma } from "~/utils/db.server";

const [dealId, daysText] = process.argv.slice(2);
const days = Number(daysText);
if (!dealId || !Number.isInteger(days) || days < 0) {
  console.error("usage: servicing-clock.ts <dealId> <days>");
  process.exit(2);
}

const back = (date: Date) => new Date(date.getTime() - days * 86_400_000);

const deal = await prisma.deal.findUniqueOrThrow({
  where: { id: dealId },
  select: { fundingId: true, fundedOn: true, instalments: { select: { id: true, dueOn: true } } },
});
await prisma.$transaction(async (tx) => {
  await tx.deal.update({ where: { id: dealId }, data: { fundedOn: back(deal.fundedOn) } });
  const funding = await tx.funding.findUniqueOrThrow({
    where: { id: deal.fundingId },
    select: { fundedOn: true },
  });
  await tx.funding.update({ where: { id: deal.fundingId }, data: { fundedOn: back(funding.fundedOn) } });
  for (const instalment of deal.instalments)
    await tx.dealInstalment.update({ where: { id: instalment.id }, data: { dueOn: back(instalment.dueOn) } });
});
console.info(JSON.stringify(await runServicingJobs(prisma)));
await prisma.$disconnect();
