// Re-screening after a list load as the product does it (docs/design/sanctions.md): 10,000
// merchants, each with a live application (legal and trade name, two owners, two buyers: the
// names of the sanctions bench), the shipped SDN list loaded as a new version, then
// `rescreenAfterLoad`, which screens every party and stores each screening (and its hits, audited)
// in one transaction per application. Against the matcher alone on the same names: the difference
// is the database's share.
import { readFileSync } from "node:fs";
import path from "node:path";
import { type BenchRow, timingRow } from "./row";
import { partiesOf } from "./sanctions";

export async function rescreenBenchmark(options: { merchants?: number } = {}): Promise<BenchRow> {
  const merchants = options.merchants ?? 10_000;
  const { prisma } = await import("~/utils/db.server");
  const { loadSdnList, indexOf, SHIPPED_SDN_FILE } = await import("~/domain/sanctions/lists.server");
  const { rescreenAfterLoad } = await import("~/domain/sanctions/review.server");
  const names = partiesOf(merchants);
  const created = new Date("2026-11-01T00:00:00Z");
  for (let start = 0; start < merchants; start += 1_000) {
    const batch = Array.from({ length: Math.min(1_000, merchants - start) }, (_, k) => {
      const i = start + k;
      const n = (j: number) => names[i * 6 + j] as string;
      return {
        i,
        merchantId: `rs-merchant-${i}`,
        applicationId: `rs-application-${i}`,
        legalName: n(0),
        dbaName: n(1),
        owners: [n(2), n(3)],
        buyers: [n(4), n(5)],
      };
    });
    await prisma.merchant.createMany({
      data: batch.map((b) => ({ id: b.merchantId, legalName: b.legalName, dbaName: b.dbaName })),
    });
    await prisma.beneficialOwner.createMany({
      data: batch.flatMap((b) =>
        b.owners.map((name, j) => ({
          merchantId: b.merchantId,
          name,
          title: "Owner",
          ownershipBps: 5000 - j,
        })),
      ),
    });
    await prisma.exportOrder.createMany({
      data: batch.flatMap((b) =>
        b.buyers.map((buyerName, j) => ({
          id: `rs-order-${b.i}-${j}`,
          merchantId: b.merchantId,
          buyerName,
          buyerCountry: "JP",
          poNumber: `RS-${b.i}-${j}`,
          amountCents: 5_000_000n,
          currency: "USD",
          orderDate: created,
          paymentTerm: "OPEN_ACCOUNT",
          paymentTermDays: 60,
          incoterm: "FOB",
          status: "OPEN",
        })),
      ),
    });
    await prisma.application.createMany({
      data: batch.map((b) => ({
        id: b.applicationId,
        merchantId: b.merchantId,
        requestedAmountCents: 8_000_000,
        purpose: "Materials and freight for two export orders",
        productTypeWanted: "ANY",
        tenorDays: 90,
        // Half in lenders' hands, a tenth funded: all of them are re-screened.
        status: b.i % 10 === 0 ? "FUNDED" : b.i % 2 ? "IN_REVIEW" : "SUBMITTED",
        submittedAt: created,
        createdAt: created,
      })),
    });
    await prisma.applicationOrder.createMany({
      data: batch.flatMap((b) =>
        b.buyers.map((_, j) => ({ applicationId: b.applicationId, exportOrderId: `rs-order-${b.i}-${j}` })),
      ),
    });
  }

  const loadStarted = performance.now();
  const { list } = await loadSdnList(prisma, {
    sdn: readFileSync(SHIPPED_SDN_FILE),
    listDate: new Date("2024-05-03T00:00:00Z"),
    fileName: path.basename(SHIPPED_SDN_FILE),
  });
  const loadMs = performance.now() - loadStarted;
  const index = await indexOf(prisma, list.id);

  const started = performance.now();
  const outcome = await rescreenAfterLoad(prisma, { list, actor: null });
  const allMs = performance.now() - started;
  const [screenings, hits] = await Promise.all([prisma.screening.count(), prisma.screeningHit.count()]);

  const matcherStarted = performance.now();
  for (const name of names) index.search(name);
  const matcherMs = performance.now() - matcherStarted;
  return timingRow({
    name: `re-screen every party of ${merchants.toLocaleString("en-US")} merchants after a list load, stored (per name)`,
    medianMs: allMs / outcome.names,
    referenceName: "the matcher alone on the same names",
    referenceMedianMs: matcherMs / names.length,
    targetMs: 5,
    detail: `${outcome.applications.toLocaleString("en-US")} applications, ${outcome.names.toLocaleString("en-US")} names in ${(allMs / 1000).toFixed(1)} s (${screenings.toLocaleString("en-US")} screenings and ${hits.toLocaleString("en-US")} hits stored, ${outcome.openHits.toLocaleString("en-US")} open); the list loaded in ${(loadMs / 1000).toFixed(1)} s`,
  });
}
