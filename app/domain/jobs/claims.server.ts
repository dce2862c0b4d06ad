// How a job claims a row so that, when every app server runs the jobs, exactly one of them does
// the work for that row. The one place the dialect is chosen (docs/deploy.md):
// - PostgreSQL: `SELECT … FOR UPDATE SKIP LOCKED` in the job's transaction. The row stays locked
//   until the transaction ends; another server's claim skips it at once instead of queueing
//   behind it, and finds the work done when it looks again (each job re-reads what it claimed).
// - SQLite: a write to the row, which takes the database's single write lock for the rest of the
//   transaction; the other process waits (busy timeout) and then sees the first one's work.
// A claim only serialises; what makes a job idempotent is that it checks, after claiming, that
// the work is still to do (the status guard's conditional updates, a notice's dedupe key).
import type { Prisma } from "~/utils/db.server";
import { databaseEngine } from "~/utils/db.server";

type Tx = Prisma.TransactionClient;

/** Tables whose rows jobs claim (names are put in SQL, so only these). */
const CLAIMABLE = [
  "Application",
  "Offer",
  "InfoRequest",
  "OutboxEmail",
  "BankConnection",
  "WebhookDelivery",
] as const;
export type ClaimableTable = (typeof CLAIMABLE)[number];

/**
 * Claims a row for the rest of the caller's transaction: false when the row does not exist, or
 * (PostgreSQL) another transaction holds it — another server is doing this row's work now.
 */
export async function claimRow(tx: Tx, table: ClaimableTable, id: string): Promise<boolean> {
  if (!CLAIMABLE.includes(table)) throw new Error(`Rows of ${table} are not claimed by jobs.`);
  if (databaseEngine() === "postgresql") {
    const rows = await tx.$queryRawUnsafe<unknown[]>(
      `SELECT "id" FROM "${table}" WHERE "id" = $1 FOR UPDATE SKIP LOCKED`,
      id,
    );
    return rows.length === 1;
  }
  // Writes the id onto itself: no column changes, no trigger fires (they watch other columns).
  const written = await tx.$executeRawUnsafe(`UPDATE "${table}" SET "id" = "id" WHERE "id" = ?`, id);
  return written === 1;
}
