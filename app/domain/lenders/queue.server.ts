// A lender's view of the applications referred to it. Always scoped by the lender's own org.

import { z } from "zod";
import { REFERRAL_STATUSES } from "~/domain/applications/workflow";
import { parseAmountToMinor } from "~/domain/money";
import { Prisma } from "~/generated/prisma/client";
import type { Db } from "~/utils/db.server";
import { filledParams, pageParam } from "~/utils/list-query";

export async function lenderQueueSummary(db: Db, lenderOrgId: string) {
  const [orgs, grouped] = await Promise.all([
    db.$queryRaw<{ status: string; activeProducts: unknown }[]>`
      SELECT o."status",
             (SELECT COUNT(*) FROM "LenderProduct" p WHERE p."lenderOrgId" = o."id" AND p."status" = 'ACTIVE') AS "activeProducts"
      FROM "LenderOrg" o WHERE o."id" = ${lenderOrgId}`,
    // Kept by triggers on Referral (prisma/schema.prisma, ReferralStatusCount): a few rows to read
    // rather than every referral of the lender to count.
    db.$queryRaw<{ status: string; count: unknown }[]>`
      SELECT "status", "count" FROM "ReferralStatusCount"
      WHERE "lenderOrgId" = ${lenderOrgId} AND "count" > 0 ORDER BY "status"`,
  ]);
  const org = orgs[0];
  if (!org) throw new Error(`Lender organisation ${lenderOrgId} does not exist.`);
  const byStatus = grouped.map((row) => ({ status: String(row.status), count: Number(row.count) }));
  return {
    orgStatus: String(org.status),
    byStatus,
    total: byStatus.reduce((sum, row) => sum + row.count, 0),
    activeProducts: Number(org.activeProducts),
  };
}

export const QUEUE_PAGE_SIZE = 25;

const optionalInt = (max: number) => z.coerce.number().int().min(0).max(max).optional().catch(undefined);

/** The queue's filters from its query string: a value that does not parse is ignored, never an error. */
const QueueFilterSchema = z.object({
  status: z.enum(REFERRAL_STATUSES).optional().catch(undefined),
  productId: z.string().max(40).optional().catch(undefined),
  // Amounts are typed by people ("130,000", "$130,000"): parsed apart, with a message (below).
  minAmountCents: z.number().int().optional(),
  maxAmountCents: z.number().int().optional(),
  grade: z.enum(["A", "B", "C", "D", "E"]).optional().catch(undefined),
  buyerCountry: z
    .string()
    .regex(/^[A-Z]{2}$/)
    .optional()
    .catch(undefined),
  maxAgeDays: optionalInt(3650),
  assignee: z.enum(["me", "unassigned"]).optional().catch(undefined),
  sort: z.enum(["newest", "oldest", "amount", "score"]).catch("newest"),
  page: pageParam(),
});

export type QueueFilter = z.infer<typeof QueueFilterSchema>;

const AMOUNT_FIELDS = ["minAmountCents", "maxAmountCents"] as const;
type AmountField = (typeof AMOUNT_FIELDS)[number];

/** A dollar amount typed into a filter, read with the app's money parser: cents, or why not. */
export function filterAmount(input: string): { cents: number } | { problem: string } {
  const cents = parseAmountToMinor(input, "USD");
  if (cents === null || cents > 100_000_000_000n)
    return { problem: "Enter an amount in dollars, such as 130,000." };
  return { cents: Number(cents) };
}

/**
 * The queue's filters, with what the lender typed in the amount fields (shown back as typed) and
 * a message for an amount that cannot be read, instead of ignoring it silently.
 */
export function parseQueueFilter(params: URLSearchParams): QueueFilter & {
  amountInput: Partial<Record<AmountField, string>>;
  amountProblems: Partial<Record<AmountField, string>>;
} {
  const entries = filledParams(params);
  const amountInput: Partial<Record<AmountField, string>> = {};
  const amountProblems: Partial<Record<AmountField, string>> = {};
  const amounts: Partial<Record<AmountField, number>> = {};
  for (const field of AMOUNT_FIELDS) {
    const typed = entries[field];
    delete entries[field];
    if (typed === undefined) continue;
    amountInput[field] = typed;
    const read = filterAmount(typed);
    if ("cents" in read) amounts[field] = read.cents;
    else amountProblems[field] = read.problem;
  }
  return { ...QueueFilterSchema.parse({ ...entries, ...amounts }), amountInput, amountProblems };
}

// The page is the busiest a lender has, over every referral the lender ever received: one SQL
// statement for the rows (Prisma's relation loading took one query per relation, each costing
// more than the SQL itself) and one for the count, both served by the (lenderOrgId, createdAt, id)
// and (lenderOrgId, status, createdAt) indexes. Standard SQL, as PostgreSQL would run it.
const ORDER_BY = {
  newest: Prisma.sql`r."createdAt" DESC, r."id" DESC`,
  oldest: Prisma.sql`r."createdAt" ASC, r."id" ASC`,
  amount: Prisma.sql`a."requestedAmountCents" DESC, r."id" ASC`,
  // The referral keeps its application's frozen score: the (lenderOrgId[, status], score, id)
  // indexes serve this order without a sort.
  score: Prisma.sql`r."score" DESC NULLS LAST, r."id" DESC`,
};

export type QueueRow = {
  id: string;
  status: string;
  createdAt: string;
  merchantName: string;
  requestedAmountCents: number;
  tenorDays: number;
  productName: string;
  score: number | null;
  grade: string | null;
  assigneeName: string | null;
};

/**
 * A suspended partner keeps only what its live offers, accepted offers and funded deals need
 * (the review page answers 404 for the rest): its queue lists only those referrals.
 */
const SUSPENDED_PARTNER_SEES: readonly string[] = ["OFFERED", "ACCEPTED", "FUNDED"];

/** The referral statuses a partner in this status may open (undefined: all of them). */
export function statusesSeenBy(orgStatus: string): readonly string[] | undefined {
  return orgStatus === "SUSPENDED" ? SUSPENDED_PARTNER_SEES : undefined;
}

/**
 * Where a slice of the queue starts (the API's pages and the CSV export): after the row with this
 * sort value and id, in the sort's own order. Each order ends on the id, so rows that tie are
 * neither repeated nor lost, and a referral arriving meanwhile shifts nothing.
 */
export type QueueCursor = { value: string | number | null; id: string };

function afterCursor(sort: QueueFilter["sort"], cursor: QueueCursor): Prisma.Sql {
  const { id } = cursor;
  switch (sort) {
    case "newest": {
      const at = new Date(String(cursor.value));
      return Prisma.sql`(r."createdAt" < ${at} OR (r."createdAt" = ${at} AND r."id" < ${id}))`;
    }
    case "oldest": {
      const at = new Date(String(cursor.value));
      return Prisma.sql`(r."createdAt" > ${at} OR (r."createdAt" = ${at} AND r."id" > ${id}))`;
    }
    case "amount": {
      const amount = Number(cursor.value);
      return Prisma.sql`(a."requestedAmountCents" < ${amount} OR (a."requestedAmountCents" = ${amount} AND r."id" > ${id}))`;
    }
    case "score": {
      // Scores high to low, then the referrals without one (NULLS LAST).
      if (cursor.value === null) return Prisma.sql`(r."score" IS NULL AND r."id" < ${id})`;
      const score = Number(cursor.value);
      return Prisma.sql`(r."score" < ${score} OR (r."score" = ${score} AND r."id" < ${id}) OR r."score" IS NULL)`;
    }
  }
}

/** The cursor that starts after this row. */
export function cursorAfter(sort: QueueFilter["sort"], row: QueueRow): QueueCursor {
  const value = sort === "amount" ? row.requestedAmountCents : sort === "score" ? row.score : row.createdAt;
  return { value, id: row.id };
}

function whereClause(
  lenderOrgId: string,
  filter: QueueFilter,
  actorId: string | undefined,
  now: Date,
  onlyStatuses?: readonly string[],
) {
  const conditions = [Prisma.sql`r."lenderOrgId" = ${lenderOrgId}`];
  if (onlyStatuses) conditions.push(Prisma.sql`r."status" IN (${Prisma.join(onlyStatuses)})`);
  if (filter.status) conditions.push(Prisma.sql`r."status" = ${filter.status}`);
  if (filter.productId) conditions.push(Prisma.sql`r."lenderProductId" = ${filter.productId}`);
  if (filter.maxAgeDays)
    conditions.push(Prisma.sql`r."createdAt" >= ${new Date(now.getTime() - filter.maxAgeDays * 86_400_000)}`);
  if (filter.assignee === "me" && actorId) conditions.push(Prisma.sql`r."assigneeId" = ${actorId}`);
  if (filter.assignee === "unassigned") conditions.push(Prisma.sql`r."assigneeId" IS NULL`);
  if (filter.minAmountCents !== undefined)
    conditions.push(Prisma.sql`a."requestedAmountCents" >= ${filter.minAmountCents}`);
  if (filter.maxAmountCents !== undefined)
    conditions.push(Prisma.sql`a."requestedAmountCents" <= ${filter.maxAmountCents}`);
  if (filter.grade) conditions.push(Prisma.sql`r."grade" = ${filter.grade}`);
  if (filter.buyerCountry)
    conditions.push(Prisma.sql`EXISTS (
      SELECT 1 FROM "ApplicationOrder" ao JOIN "ExportOrder" eo ON eo."id" = ao."exportOrderId"
      WHERE ao."applicationId" = r."applicationId" AND eo."buyerCountry" = ${filter.buyerCountry})`);
  return Prisma.join(conditions, " AND ");
}

/** The lender's queue: its summary and one page of its referrals, always scoped to its own org. */
export async function lenderQueue(db: Db, lenderOrgId: string, filter: QueueFilter, actorId?: string) {
  const full = await lenderQueueSummary(db, lenderOrgId);
  const onlyStatuses = statusesSeenBy(full.orgStatus);
  const byStatus = onlyStatuses
    ? full.byStatus.filter((row) => onlyStatuses.includes(row.status))
    : full.byStatus;
  const summary = { ...full, byStatus, total: byStatus.reduce((sum, row) => sum + row.count, 0) };
  const referrals = await listReferrals(db, lenderOrgId, filter, actorId, {
    total: totalFromCounts(filter, byStatus),
    onlyStatuses,
  });
  return { summary, referrals };
}

/** A filter that narrows by status only (or not at all) counts what the summary already counted. */
function totalFromCounts(
  filter: QueueFilter,
  byStatus: { status: string; count: number }[],
): number | undefined {
  const { status, sort: _sort, page: _page, ...narrowing } = filter;
  if (Object.values(narrowing).some((value) => value !== undefined)) return undefined;
  if (!status) return byStatus.reduce((sum, row) => sum + row.count, 0);
  return byStatus.find((row) => row.status === status)?.count ?? 0;
}

/** The lender's referrals, filtered, sorted and paginated; always scoped to the lender's org. */
export async function listReferrals(
  db: Db,
  lenderOrgId: string,
  filter: QueueFilter,
  actorId?: string,
  options: {
    now?: Date;
    total?: number;
    onlyStatuses?: readonly string[];
    /** Keyset pagination (the API): the rows after this one, `limit` of them, instead of a page. */
    after?: QueueCursor;
    limit?: number;
  } = {},
) {
  const now = options.now ?? new Date();
  const where = whereClause(lenderOrgId, filter, actorId, now, options.onlyStatuses);
  const sliceWhere = options.after
    ? Prisma.sql`${where} AND ${afterCursor(filter.sort, options.after)}`
    : where;
  const limit = options.limit ?? QUEUE_PAGE_SIZE;
  const offset = options.limit === undefined ? (filter.page - 1) * QUEUE_PAGE_SIZE : 0;
  // The joins the filter or the order needs; the count of an unfiltered queue needs none.
  const needsApplication = filter.minAmountCents !== undefined || filter.maxAmountCents !== undefined;
  const countJoins = needsApplication
    ? Prisma.sql`JOIN "Application" a ON a."id" = r."applicationId"`
    : Prisma.empty;
  const [rows, total, products] = await Promise.all([
    queueRows(db, sliceWhere, filter.sort, limit, offset),
    options.total ??
      db.$queryRaw<{ total: unknown }[]>`
        SELECT COUNT(*) AS "total" FROM "Referral" r ${countJoins} WHERE ${where}`.then((counted) =>
        Number(counted[0]?.total ?? 0),
      ),
    db.$queryRaw<{ id: string; name: string }[]>`
      SELECT p."id", p."name" FROM "LenderProduct" p WHERE p."lenderOrgId" = ${lenderOrgId} ORDER BY p."name"`,
  ]);
  return {
    rows,
    total,
    pages: Math.max(1, Math.ceil(total / QUEUE_PAGE_SIZE)),
    products,
  };
}

const nullableNumber = (value: unknown) => (value === null || value === undefined ? null : Number(value));
const nullableText = (value: unknown) => (value === null || value === undefined ? null : String(value));

/** One slice of the queue's rows, in the queue's order. */
async function queueRows(
  db: Db,
  where: Prisma.Sql,
  sort: QueueFilter["sort"],
  limit: number,
  offset: number,
): Promise<QueueRow[]> {
  const rows = await db.$queryRaw<Record<string, unknown>[]>`
      SELECT r."id", r."status", r."createdAt", m."legalName" AS "merchantName",
             a."requestedAmountCents", a."tenorDays", p."name" AS "productName",
             r."score", r."grade", u."name" AS "assigneeName"
      FROM "Referral" r
      JOIN "Application" a ON a."id" = r."applicationId"
      JOIN "Merchant" m ON m."id" = a."merchantId"
      JOIN "LenderProduct" p ON p."id" = r."lenderProductId"
      LEFT JOIN "User" u ON u."id" = r."assigneeId"
      WHERE ${where}
      ORDER BY ${ORDER_BY[sort]}
      LIMIT ${limit} OFFSET ${offset}`;
  return rows.map(
    (row): QueueRow => ({
      id: String(row.id),
      status: String(row.status),
      createdAt: (row.createdAt instanceof Date
        ? row.createdAt
        : new Date(String(row.createdAt))
      ).toISOString(),
      merchantName: String(row.merchantName),
      requestedAmountCents: Number(row.requestedAmountCents),
      tenorDays: Number(row.tenorDays),
      productName: String(row.productName),
      score: nullableNumber(row.score),
      grade: nullableText(row.grade),
      assigneeName: nullableText(row.assigneeName),
    }),
  );
}

export const QUEUE_EXPORT_SLICE = 1000;

/**
 * Every referral the queue's filter matches (not one page), a slice at a time, in the queue's
 * order and with the same scoping (the lender's own org; a suspended partner's few statuses).
 */
export async function* queueExportSlices(
  db: Db,
  lenderOrgId: string,
  filter: QueueFilter,
  actorId: string,
  options: { now?: Date; slice?: number } = {},
): AsyncGenerator<QueueRow[]> {
  const { orgStatus } = await lenderQueueSummary(db, lenderOrgId);
  const onlyStatuses = statusesSeenBy(orgStatus);
  const where = whereClause(lenderOrgId, filter, actorId, options.now ?? new Date(), onlyStatuses);
  const slice = options.slice ?? QUEUE_EXPORT_SLICE;
  let last: QueueRow | undefined;
  for (;;) {
    const from = last
      ? Prisma.sql`${where} AND ${afterCursor(filter.sort, cursorAfter(filter.sort, last))}`
      : where;
    const rows = await queueRows(db, from, filter.sort, slice, 0);
    if (rows.length > 0) yield rows;
    if (rows.length < slice) return;
    last = rows[rows.length - 1];
  }
}
