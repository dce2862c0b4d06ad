import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createExportOrder, createMerchant, seedFxRates, unique } from "#tests/factories";
import { createSandboxPublicToken } from "~/domain/bank/plaid.server";
import { connectBank, syncConnection } from "~/domain/bank/sync.server";
import { percent } from "~/domain/scoring/reasons";
import { currentScoreReport, getScoreReport } from "~/domain/scoring/score.server";
import { MODEL_VERSION } from "~/domain/scoring/scorecard";
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

  it("shows the score page with every characteristic and what would raise the score, stating the values", async () => {
    const merchant = await scoredMerchant("declining_business");
    const cookie = await cookieFor(merchant.userId);
    const html = await (await request("/merchant/score", { cookie })).text();
    const report = await currentScoreReport(prisma, merchant.merchantId);
    expect(report.modelVersion).toBe(MODEL_VERSION);
    const nsf = report.features.nsfEvents90d;
    expect(nsf).toBeGreaterThan(1);
    expect(html).toContain("What would raise your score");
    expect(html).toContain(`${nsf} NSF or overdraft fees in the last 90 days.`);
    expect(html).not.toContain("What holds the score back");
    for (const name of ["Average monthly revenue", "NSF/overdraft events, 90 days", "Years in business"])
      expect(html).toContain(name);
    expect(html).toMatch(/Grade [DE]/);
    // The notice's principal reasons are the same value-true sentences.
    expect(report.reasons).toContainEqual({
      code: "R04",
      text: `${nsf} NSF or overdraft fees in the last 90 days.`,
    });
    const dashboard = await (await request("/merchant", { cookie })).text();
    expect(dashboard).toContain("See how it is computed");
  });

  it("does not hold a steady payer share against a steady exporter; missing orders are said to be missing", async () => {
    const merchant = await scoredMerchant("steady_exporter");
    const report = await currentScoreReport(prisma, merchant.merchantId);
    const share = report.features.topPayerShare ?? 1;
    expect(share).toBeLessThan(0.35);
    expect(report.reasons.map((r) => r.code)).not.toContain("R08");
    expect(report.reasons).toContainEqual({ code: "R09", text: "No open export orders on file." });
    const html = await (
      await request("/merchant/score", { cookie: await cookieFor(merchant.userId) })
    ).text();
    expect(html).toContain(
      `One payer accounts for ${percent(share)} of sales deposits over the last 12 months.`,
    );
    expect(html).not.toContain("depends heavily on a single payer");
  });

  it("keeps the text of a report stored under an older model version, and never serves it as today's", async () => {
    const merchant = await scoredMerchant("steady_exporter");
    const current = await currentScoreReport(prisma, merchant.merchantId);
    const oldReasons = [
      { code: "R08", text: "Sales revenue depends heavily on a single payer." },
      { code: "R02", text: "Sales revenue fell over the last three months compared with the three before." },
    ];
    const frozenAt = new Date();
    const old = await prisma.scoreReport.create({
      data: {
        merchantId: merchant.merchantId,
        modelVersion: "trs-1",
        asOfDate: new Date(`${current.asOf}T00:00:00Z`),
        scoreable: true,
        score: current.score,
        grade: current.grade,
        featuresJson: JSON.stringify(current.features),
        pointsJson: JSON.stringify({
          rawPoints: current.rawPoints,
          characteristics: current.characteristics,
        }),
        reasonsJson: JSON.stringify(oldReasons),
        dataSummaryJson: JSON.stringify(current.dataSummary),
        inputsHash: current.inputsHash,
        frozenAt,
      },
      select: { id: true },
    });
    const stored = await getScoreReport(prisma, merchant.merchantId, old.id);
    expect(stored).toMatchObject({ modelVersion: "trs-1", reasons: oldReasons, frozenAt });
    const again = await currentScoreReport(prisma, merchant.merchantId);
    expect(again.id).toBe(current.id);
    expect(again.reasons).toEqual(current.reasons);
    const row = await prisma.scoreReport.findUniqueOrThrow({
      where: { id: old.id },
      select: { reasonsJson: true, modelVersion: true },
    });
    expect(row).toEqual({ reasonsJson: JSON.stringify(oldReasons), modelVersion: "trs-1" });
  });

  it("recomputes, under the new version, a merchant whose only unfrozen report is an older version's", async () => {
    const merchant = await scoredMerchant("steady_exporter");
    const current = await currentScoreReport(prisma, merchant.merchantId);
    await prisma.scoreReport.update({
      where: { id: current.id },
      data: { modelVersion: "trs-1", reasonsJson: JSON.stringify([{ code: "R08", text: "old" }]) },
    });
    const next = await currentScoreReport(prisma, merchant.merchantId);
    expect(next.id).not.toBe(current.id);
    expect(next.modelVersion).toBe(MODEL_VERSION);
    expect(next.reasons.map((r) => r.text)).not.toContain("old");
  });
});
