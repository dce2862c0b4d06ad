// How jobs share the work when every app server runs them (app/domain/jobs/claims.server.ts,
// docs/deploy.md): a claimed row is skipped by another server's claim (PostgreSQL), and a bank sync
// asked for while another one runs — perhaps on another server — is run by the jobs once it ends.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMerchant, unique } from "#tests/factories";
import { createSandboxPublicToken } from "~/domain/bank/plaid.server";
import { connectBank, resumeInterruptedSyncs, syncConnection } from "~/domain/bank/sync.server";
import { claimRow } from "~/domain/jobs/claims.server";
import { databaseEngine, prisma } from "~/utils/db.server";
import { startTestSandbox } from "../setup/plaid-sandbox";

let sandbox: Awaited<ReturnType<typeof startTestSandbox>>;
beforeAll(async () => {
  sandbox = await startTestSandbox();
});
afterAll(async () => {
  await sandbox.close();
});

async function merchantWithBank() {
  const merchant = await createMerchant(prisma, {
    email: `${unique("claims")}@example.com`,
    userName: "Claims",
    password: "correct horse battery staple",
    legalName: unique("Claims Exports "),
    complete: true,
  });
  const { public_token } = await createSandboxPublicToken("steady_exporter");
  const { connectionId } = await connectBank(prisma, {
    merchantId: merchant.merchantId,
    publicToken: public_token,
    actor: { id: merchant.userId, role: "MERCHANT" },
    ip: "127.0.0.1",
  });
  return { merchant, connectionId };
}

describe("row claims", () => {
  it("claims a row that exists, and no row that does not", async () => {
    const { connectionId } = await merchantWithBank();
    expect(await prisma.$transaction((tx) => claimRow(tx, "BankConnection", connectionId))).toBe(true);
    expect(await prisma.$transaction((tx) => claimRow(tx, "BankConnection", "no-such-row"))).toBe(false);
  });

  it.skipIf(databaseEngine() !== "postgresql")(
    "on PostgreSQL, skips at once a row another transaction holds, and claims it once that ends",
    async () => {
      const { connectionId } = await merchantWithBank();
      let release: () => void = () => undefined;
      const held = new Promise<void>((resolve) => {
        release = resolve;
      });
      let claimedFirst: () => void = () => undefined;
      const first = new Promise<void>((resolve) => {
        claimedFirst = resolve;
      });
      const holder = prisma.$transaction(
        async (tx) => {
          expect(await claimRow(tx, "BankConnection", connectionId)).toBe(true);
          claimedFirst();
          await held;
        },
        { timeout: 10_000 },
      );
      await first;
      const started = Date.now();
      expect(await prisma.$transaction((tx) => claimRow(tx, "BankConnection", connectionId))).toBe(false);
      expect(Date.now() - started).toBeLessThan(1_000);
      release();
      await holder;
      expect(await prisma.$transaction((tx) => claimRow(tx, "BankConnection", connectionId))).toBe(true);
    },
  );
});

describe("a sync asked for while another runs", () => {
  it("is remembered in the database and run by the jobs once the running one ends", async () => {
    const { connectionId } = await merchantWithBank();
    // A sync is running elsewhere (its lease is fresh).
    await prisma.bankConnection.update({ where: { id: connectionId }, data: { syncStartedAt: new Date() } });
    expect(await syncConnection(prisma, connectionId)).toEqual({ status: "busy" });
    const wanted = await prisma.bankConnection.findUniqueOrThrow({
      where: { id: connectionId },
      select: { syncWantedAt: true, lastSyncedAt: true },
    });
    expect(wanted.syncWantedAt).toBeInstanceOf(Date);
    expect(wanted.lastSyncedAt).toBeNull();

    // While it runs, the jobs leave it be.
    const before = await prisma.bankConnection.count({ where: { syncStartedAt: { not: null } } });
    expect(before).toBeGreaterThanOrEqual(1);
    await resumeInterruptedSyncs(prisma);
    expect(
      (
        await prisma.bankConnection.findUniqueOrThrow({
          where: { id: connectionId },
          select: { lastSyncedAt: true },
        })
      ).lastSyncedAt,
    ).toBeNull();

    // It ends (its lease released): the next run of the jobs syncs again.
    await prisma.bankConnection.update({ where: { id: connectionId }, data: { syncStartedAt: null } });
    expect(await resumeInterruptedSyncs(prisma)).toBeGreaterThanOrEqual(1);
    let after = { syncWantedAt: new Date() as Date | null, lastSyncedAt: null as Date | null };
    for (let i = 0; i < 200 && !after.lastSyncedAt; i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      after = await prisma.bankConnection.findUniqueOrThrow({
        where: { id: connectionId },
        select: { syncWantedAt: true, lastSyncedAt: true },
      });
    }
    expect(after.lastSyncedAt).toBeInstanceOf(Date);
    expect(after.syncWantedAt).toBeNull();
    expect(await prisma.bankTransaction.count({ where: { account: { connectionId } } })).toBeGreaterThan(0);
  });
});
