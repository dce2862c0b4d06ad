// The lender queue's status counts come from ReferralStatusCount, kept by triggers on Referral.
// Random sequences of writes (new referrals, status changes, a referral moved to another lender,
// deletes, an application deleted with its referrals, a rolled-back transaction) must leave the
// counts equal to counting the referrals themselves, after every step.
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { createLenderOrg, createMerchant, createProduct, OPEN_TERM_LOAN, unique } from "#tests/factories";
import { REFERRAL_STATUSES } from "~/domain/applications/workflow";
import { lenderQueueSummary } from "~/domain/lenders/queue.server";
import { prisma } from "~/utils/db.server";

const APPLICATIONS = 6;
let lenders: { orgId: string; productId: string }[] = [];
let merchantId = "";

beforeAll(async () => {
  const merchant = await createMerchant(prisma, {
    email: `${unique("counts")}@example.com`,
    userName: "Counts Owner",
    password: "counting referrals 2026",
    legalName: "Counts Exports LLC",
  });
  merchantId = merchant.merchantId;
  lenders = [];
  for (const name of ["Counts Lender A", "Counts Lender B"]) {
    const org = await createLenderOrg(prisma, { name: unique(name) });
    const product = await createProduct(prisma, {
      lenderOrgId: org.id,
      name: `${name} loan`,
      ...OPEN_TERM_LOAN,
    });
    lenders.push({ orgId: org.id, productId: product.id });
  }
});

const status = fc.constantFrom(...REFERRAL_STATUSES);
const operation = fc.oneof(
  fc.record({
    kind: fc.constant("insert" as const),
    app: fc.nat(APPLICATIONS - 1),
    lender: fc.nat(1),
    status,
  }),
  fc.record({ kind: fc.constant("status" as const), pick: fc.nat(), status }),
  fc.record({ kind: fc.constant("statusMany" as const), lender: fc.nat(1), status }),
  fc.record({ kind: fc.constant("move" as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant("delete" as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant("deleteApplication" as const), app: fc.nat(APPLICATIONS - 1) }),
  fc.record({ kind: fc.constant("rolledBack" as const), pick: fc.nat(), status }),
);

async function expectCountsMatch(orgIds: string[]) {
  const counted = await prisma.referral.groupBy({
    by: ["lenderOrgId", "status"],
    where: { lenderOrgId: { in: orgIds } },
    _count: { _all: true },
  });
  const kept = await prisma.referralStatusCount.findMany({
    where: { lenderOrgId: { in: orgIds }, count: { gt: 0 } },
  });
  const key = (org: string, s: string) => `${org}/${s}`;
  expect(Object.fromEntries(kept.map((row) => [key(row.lenderOrgId, row.status), row.count]))).toEqual(
    Object.fromEntries(counted.map((row) => [key(row.lenderOrgId, row.status), row._count._all])),
  );
  // Never below zero, whatever the order of the writes.
  expect(await prisma.referralStatusCount.count({ where: { count: { lt: 0 } } })).toBe(0);
}

describe("the queue's status counts", () => {
  it("equal a count of the referrals after every write", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(operation, { minLength: 1, maxLength: 25 }), async (operations) => {
        const applications = await Promise.all(
          Array.from({ length: APPLICATIONS }, () =>
            prisma.application.create({
              data: {
                merchantId,
                requestedAmountCents: 5_000_000,
                purpose: "Counts test",
                productTypeWanted: "ANY",
                tenorDays: 90,
                status: "SUBMITTED",
                submittedAt: new Date(),
              },
              select: { id: true },
            }),
          ),
        );
        const applicationIds = applications.map((a) => a.id);
        const referralIds = async () =>
          (
            await prisma.referral.findMany({
              where: { applicationId: { in: applicationIds } },
              orderBy: { id: "asc" },
              select: { id: true, lenderOrgId: true },
            })
          ).map((r) => r);
        const orgIds = lenders.map((l) => l.orgId);
        for (const op of operations) {
          const existing = await referralIds();
          const picked =
            "pick" in op && existing.length > 0 ? existing[op.pick % existing.length] : undefined;
          if (op.kind === "insert") {
            const lender = lenders[op.lender] ?? lenders[0];
            const applicationId = applicationIds[op.app] ?? "";
            const taken = await prisma.referral.count({
              where: { applicationId, lenderProductId: lender?.productId },
            });
            if (lender && taken === 0)
              await prisma.referral.create({
                data: {
                  applicationId,
                  lenderProductId: lender.productId,
                  lenderOrgId: lender.orgId,
                  fitRank: 1,
                  status: op.status,
                },
              });
          } else if (op.kind === "status" && picked) {
            await prisma.referral.update({ where: { id: picked.id }, data: { status: op.status } });
          } else if (op.kind === "statusMany") {
            await prisma.referral.updateMany({
              where: { applicationId: { in: applicationIds }, lenderOrgId: lenders[op.lender]?.orgId },
              data: { status: op.status },
            });
          } else if (op.kind === "move" && picked) {
            const other = lenders.find((l) => l.orgId !== picked.lenderOrgId);
            if (other)
              await prisma.referral.update({ where: { id: picked.id }, data: { lenderOrgId: other.orgId } });
          } else if (op.kind === "delete" && picked) {
            await prisma.referral.delete({ where: { id: picked.id } });
          } else if (op.kind === "deleteApplication") {
            await prisma.application.deleteMany({ where: { id: applicationIds[op.app] } });
          } else if (op.kind === "rolledBack" && picked) {
            await expect(
              prisma.$transaction(async (tx) => {
                await tx.referral.update({ where: { id: picked.id }, data: { status: op.status } });
                throw new Error("rolled back on purpose");
              }),
            ).rejects.toThrow("rolled back on purpose");
          }
          await expectCountsMatch(orgIds);
        }
        // What the queue shows is the same.
        for (const lender of lenders) {
          const summary = await lenderQueueSummary(prisma, lender.orgId);
          const direct = await prisma.referral.count({ where: { lenderOrgId: lender.orgId } });
          expect(summary.total).toBe(direct);
        }
        await prisma.application.deleteMany({ where: { id: { in: applicationIds } } });
        await expectCountsMatch(orgIds);
      }),
      { numRuns: 15, seed: Number(process.env.FUZZ_SEED ?? 20261127) },
    );
  }, 120_000);
});
