// Marketplace sales of one merchant: CSV import (all or nothing, never twice) and monthly totals.
import crypto from "node:crypto";
import { recordAudit } from "~/domain/audit/audit.server";
import { parseCsv, type RowError } from "~/domain/imports/csv";
import { BULK_TRANSACTION, type Db } from "~/utils/db.server";
import { SALES_CSV_COLUMNS, salesRowKey, salesRowSchema } from "./sales";

type Actor = { id: string; role: string };

export async function checkSalesCsv(db: Db, merchantId: string, text: string, today: Date) {
  const sha256 = crypto.createHash("sha256").update(text).digest("hex");
  const previous = await db.salesImport.findUnique({
    where: { merchantId_sha256: { merchantId, sha256 } },
    select: { fileName: true, createdAt: true, rowCount: true },
  });
  if (previous) {
    return {
      sha256,
      rows: [],
      errors: [] as RowError[],
      fileErrors: [
        `This file was already imported on ${previous.createdAt.toISOString().slice(0, 10)} (${previous.fileName}, ${previous.rowCount} rows); nothing is added twice.`,
      ],
    };
  }
  const parsed = parseCsv(text, SALES_CSV_COLUMNS, salesRowSchema({ today }));
  const errors = [...parsed.errors];
  const seen = new Map<string, number>();
  for (const row of parsed.rows) {
    const key = salesRowKey(row.value);
    const first = seen.get(key);
    if (first !== undefined)
      errors.push({
        line: row.line,
        column: "period_start",
        message: `The same channel, period and currency are also on line ${first}.`,
      });
    else seen.set(key, row.line);
  }
  if (parsed.rows.length > 0) {
    const starts = parsed.rows.map((r) => r.value.periodStart);
    const existing = await db.salesRecord.findMany({
      where: {
        merchantId,
        periodStart: {
          gte: new Date(Math.min(...starts.map((d) => d.getTime()))),
          lte: new Date(Math.max(...starts.map((d) => d.getTime()))),
        },
      },
      select: { channel: true, periodStart: true, periodEnd: true, currency: true, buyerCountry: true },
    });
    const onFile = new Set(existing.map(salesRowKey));
    for (const row of parsed.rows) {
      if (onFile.has(salesRowKey(row.value))) {
        errors.push({
          line: row.line,
          column: "period_start",
          message: "Sales for this channel, period and currency are already imported.",
        });
      }
    }
  }
  errors.sort((a, b) => a.line - b.line);
  return { sha256, rows: parsed.rows, errors, fileErrors: parsed.fileErrors };
}

export async function importSalesCsv(
  db: Db,
  input: { merchantId: string; text: string; fileName: string; today: Date; actor: Actor; ip: string },
): Promise<{ imported: number; errors: RowError[]; fileErrors: string[] }> {
  const checked = await checkSalesCsv(db, input.merchantId, input.text, input.today);
  if (checked.errors.length > 0 || checked.fileErrors.length > 0)
    return { imported: 0, errors: checked.errors, fileErrors: checked.fileErrors };
  try {
    await db.$transaction(async (tx) => {
      const batch = await tx.salesImport.create({
        data: {
          merchantId: input.merchantId,
          channel:
            new Set(checked.rows.map((r) => r.value.channel)).size === 1
              ? (checked.rows[0]?.value.channel ?? "OTHER")
              : "MIXED",
          fileName: input.fileName,
          sha256: checked.sha256,
          rowCount: checked.rows.length,
        },
        select: { id: true },
      });
      await tx.salesRecord.createMany({
        data: checked.rows.map(({ value }) => ({
          merchantId: input.merchantId,
          importId: batch.id,
          channel: value.channel,
          periodStart: value.periodStart,
          periodEnd: value.periodEnd,
          grossCents: value.grossMinor,
          refundsCents: value.refundsMinor,
          netCents: value.netMinor,
          currency: value.currency,
          buyerCountry: value.buyerCountry,
        })),
      });
      await recordAudit(tx, {
        actor: input.actor,
        action: "sales.imported",
        entityType: "SalesImport",
        entityId: batch.id,
        summary: { fileName: input.fileName, rows: checked.rows.length },
        ip: input.ip,
      });
    }, BULK_TRANSACTION);
  } catch (error) {
    if ((error as { code?: string }).code === "P2002") {
      return {
        imported: 0,
        errors: [],
        fileErrors: ["This file was imported meanwhile; nothing is added twice."],
      };
    }
    throw error;
  }
  return { imported: checked.rows.length, errors: [], fileErrors: [] };
}

export async function listSalesImports(db: Db, merchantId: string) {
  return db.salesImport.findMany({
    where: { merchantId },
    orderBy: { createdAt: "desc" },
    take: 20,
    select: { id: true, fileName: true, channel: true, rowCount: true, createdAt: true },
  });
}
