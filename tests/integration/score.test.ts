import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createExportOrder, createMerchant, seedFxRates, unique } from "#tests/factories";
import { createSandboxPublicToken } from "~/domain/bank/plaid.server";
import { connectBank, syncConnection } from "~/domain/bank/sync.server";
import { currentScoreReport } from "~/domain/scoring/score.server";
import { prisma } from "~/utils/db.server";
import { startTestSandbox } from "../setup/plaid-sandbox";
import { cookieFor, request } from "./app";

let sandbox: Awaited<ReturnType<typeof startTestSandbox>>;
const today = new Date().toISOString().slice(0, 10);

beforeAll(async () => {
  sandbox = await startTestSandbox({ today });
  await seedFxRates(prisma, new Date(`${today}T00:00:00Z`));
});
afterAll(async () => {
  await sandbox.close();
});

async function scoredMerchant(persona: string) {
  const merchant = await createMerchant(prisma, {
    email: `${unique("score")}@example.com`,
    userName: "Score",
    password: "correct horse battery staple",
    legalName: "Score LLC",
    complete: true,
    yearFounded: 2014,
  });
  const { public_token } = await createSandboxPublicToken(persona);
  const { connectionId } = await connectBank(prisma, {
    merchantId: merchant.merchantId,
    publicToken: public_token,
    actor: { id: merchant.userId, role: "MERCHANT" },
    ip: "127.0.0.1",
  });
  expect((await syncConnection(prisma, connectionId)).status).toBe("synced");
  return merchant;
}

describe("stored score reports", () => {
  it("computes from the synced data, keeps the report while nothing changes, and makes a new one when data changes", async () => {
    const merchant = await scoredMerchant("steady_exporter");
    const first = await currentScoreReport(prisma, merchant.merchantId);
    expect(first.scoreable).toBe(true);
    expect(first.grade).toMatch(/^[A-C]$/);
    expect(first.dataSummary.transactions).toBeGreaterThan(400);
    const again = await currentScoreReport(prisma, merchant.merchantId);
    expect(again.id).toBe(first.id);

    await createExportOrder(prisma, {
      merchantId: merchant.merchantId,
      buyerName: "Yamato Outdoor Supply K.K.",
      buyerCountry: "JP",
      poNumber: "YOS-1",
      amountMinor: 18_600_000n,
      currency: "JPY",
      orderDate: new Date(`${today}T00:00:00Z`),
      paymentTerm: "LETTER_OF_CREDIT",
      paymentTermDays: 60,
      incoterm: "FOB",
    });
    const changed = await currentScoreReport(prisma, merchant.merchantId);
    expect(changed.id).not.toBe(first.id);
    expect(changed.score ?? 0).toBeGreaterThan(first.score ?? 0);
    expect(changed.reasons.map((r) => r.text)).not.toContain("No open export orders on file.");
    expect(await prisma.scoreReport.count({ where: { merchantId: merchant.merchantId } })).toBe(2);
  });

  it("never changes a frozen report", async () => {
    const merchant = await scoredMerchant("new_business");
    const report = await currentScoreReport(prisma, merchant.merchantId);
    expect(report.scoreable).toBe(false);
    await prisma.scoreReport.update({ where: { id: report.id }, data: { frozenAt: new Date() } });
    const next = await currentScoreReport(prisma, merchant.merchantId);
    expect(next.id).not.toBe(report.id);
    const frozen = await prisma.scoreReport.findUniqueOrThrow({
      where: { id: report.id },
      select: { inputsHash: true, frozenAt: true },
    });
    expect(frozen).toEqual({ inputsHash: report.inputsHash, frozenAt: expect.any(Date) });
  });

  it("shows the score page with every characteristic and the reasons, and a card on the dashboard", async () => {
    const merchant = await scoredMerchant("declining_business");
    const cookie = await cookieFor(merchant.userId);
    const html = await (await request("/merchant/score", { cookie })).text();
    expect(html).toContain("Insufficient-funds or overdraft items on business account in the last 90 days.");
    for (const name of ["Average monthly revenue", "NSF/overdraft events, 90 days", "Years in business"])
      expect(html).toContain(name);
    expect(html).toMatch(/Grade [DE]/);
    const dashboard = await (await request("/merchant", { cookie })).text();
    expect(dashboard).toContain("See how it is computed");
  });
});
