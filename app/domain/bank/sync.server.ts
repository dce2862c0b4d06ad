// Bank connections and their transaction sync. One sync at a time per connection (a lease in the
// database), pages applied idempotently (a transaction's Plaid id is unique), and the cursor
// saved in the same database transaction as its page's rows — so a sync that stops anywhere
// resumes where it stopped, with no duplicate and no gap.
import crypto from "node:crypto";
import type Database from "better-sqlite3";
import type { Statement } from "better-sqlite3";
import { v7 as uuidv7 } from "uuid";
import { recordAudit } from "~/domain/audit/audit.server";
import { decryptSecret, encryptSecret } from "~/utils/crypto.server";
import type { Db, Prisma } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { sqlDateTime } from "~/utils/sql";
import { writeWithRetry } from "~/utils/sqlite-writer.server";
import {
  exchangePublicToken,
  getAccounts,
  type PlaidAccount,
  PlaidApiError,
  removeItem,
  syncTransactions,
} from "./plaid.server";

export const CONNECTION_STATUSES = ["ACTIVE", "LOGIN_REQUIRED", "REVOKED", "ERROR"] as const;
export type ConnectionStatus = (typeof CONNECTION_STATUSES)[number];

/** A sync whose heartbeat is older than this was interrupted (its process died) and may resume. */
export function syncLeaseMs(): number {
  return env().PLAID_SYNC_LEASE_MS;
}
const PAGE_SIZE = 500;
/** Pages are committed together, with the cursor after the last of them, up to this many rows. */
const COMMIT_ROWS = 1000;
const MAX_PAGINATION_RESTARTS = 3;

type Tx = Prisma.TransactionClient;
type SyncPage = Awaited<ReturnType<typeof syncTransactions>>;

function toCents(amount: number): number {
  return Math.round(amount * 100);
}

function dayToDate(day: string): Date {
  return new Date(`${day}T00:00:00.000Z`);
}

async function upsertAccounts(tx: Tx, connectionId: string, merchantId: string, accounts: PlaidAccount[]) {
  const ids = new Map<string, string>();
  const now = new Date();
  for (const account of accounts) {
    const data = {
      name: account.name,
      officialName: account.official_name ?? null,
      mask: account.mask ?? null,
      type: String(account.type),
      subtype: account.subtype ? String(account.subtype) : null,
      currentBalanceCents:
        account.balances.current === null || account.balances.current === undefined
          ? null
          : toCents(account.balances.current),
      availableBalanceCents:
        account.balances.available === null || account.balances.available === undefined
          ? null
          : toCents(account.balances.available),
      currency: account.balances.iso_currency_code ?? "USD",
      balanceAsOf: now,
    };
    const row = await tx.bankAccount.upsert({
      where: { plaidAccountId: account.account_id },
      create: { plaidAccountId: account.account_id, connectionId, merchantId, ...data },
      update: data,
      select: { id: true },
    });
    ids.set(account.account_id, row.id);
  }
  return ids;
}

// The statements a sync page runs, prepared once per connection. The SQL is standard (INSERT …
// ON CONFLICT … DO UPDATE runs on PostgreSQL too); only the driver is SQLite's.
type PageStatements = {
  account: Statement;
  transaction: Statement;
  remove: Statement;
  cursor: Statement;
};
const pageStatements = new WeakMap<Database.Database, PageStatements>();

function statementsFor(db: Database.Database): PageStatements {
  let prepared = pageStatements.get(db);
  if (!prepared) {
    prepared = {
      account: db.prepare(
        `INSERT INTO "BankAccount" ("id", "connectionId", "merchantId", "plaidAccountId", "name", "officialName", "mask", "type", "subtype", "currentBalanceCents", "availableBalanceCents", "currency", "balanceAsOf", "createdAt", "updatedAt")
         VALUES (@id, @connectionId, @merchantId, @plaidAccountId, @name, @officialName, @mask, @type, @subtype, @current, @available, @currency, @now, @now, @now)
         ON CONFLICT ("plaidAccountId") DO UPDATE SET
           "name" = excluded."name", "officialName" = excluded."officialName", "mask" = excluded."mask",
           "type" = excluded."type", "subtype" = excluded."subtype",
           "currentBalanceCents" = excluded."currentBalanceCents", "availableBalanceCents" = excluded."availableBalanceCents",
           "currency" = excluded."currency", "balanceAsOf" = excluded."balanceAsOf", "updatedAt" = excluded."updatedAt"
         WHERE "BankAccount"."connectionId" = excluded."connectionId"
         RETURNING "id"`,
      ),
      // Our sign: inflow positive. A transaction already stored for another merchant is left alone.
      transaction: db.prepare(
        `INSERT INTO "BankTransaction" ("id", "plaidTransactionId", "accountId", "merchantId", "postedDate", "amountCents", "currency", "name", "counterpartyName", "categoryPrimary", "categoryDetailed", "pending", "removedAt", "createdAt", "updatedAt")
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?)
         ON CONFLICT ("plaidTransactionId") DO UPDATE SET
           "accountId" = excluded."accountId", "postedDate" = excluded."postedDate", "amountCents" = excluded."amountCents",
           "currency" = excluded."currency", "name" = excluded."name", "counterpartyName" = excluded."counterpartyName",
           "categoryPrimary" = excluded."categoryPrimary", "categoryDetailed" = excluded."categoryDetailed",
           "pending" = excluded."pending", "removedAt" = NULL, "updatedAt" = excluded."updatedAt"
         WHERE "BankTransaction"."merchantId" = excluded."merchantId"`,
      ),
      remove: db.prepare(
        `UPDATE "BankTransaction" SET "removedAt" = ?, "updatedAt" = ? WHERE "merchantId" = ? AND "plaidTransactionId" = ?`,
      ),
      cursor: db.prepare(
        `UPDATE "BankConnection" SET "syncCursor" = ?, "syncStartedAt" = ?, "syncAddedCount" = "syncAddedCount" + ?, "updatedAt" = ? WHERE "id" = ?`,
      ),
    };
    pageStatements.set(db, prepared);
  }
  return prepared;
}

/** Plaid's YYYY-MM-DD day as stored by Prisma (midnight UTC), without a Date on the hot path. */
function postedDate(day: string): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(day) ? `${day}T00:00:00.000+00:00` : sqlDateTime(dayToDate(day));
}

const balanceCents = (value: number | null | undefined) =>
  value === null || value === undefined ? null : toCents(value);

/**
 * Applies /transactions/sync pages in one database transaction: their accounts (balances), their
 * added and modified transactions (upserted by Plaid id), their removals, and the cursor after
 * the last page. The cursor moves only with its pages' rows, so a crash before the commit replays
 * those pages — upserts by Plaid id make the replay harmless.
 */
async function writeSyncPages(input: {
  connectionId: string;
  merchantId: string;
  pages: SyncPage[];
  now: Date;
}): Promise<void> {
  const { connectionId, merchantId, pages } = input;
  const now = sqlDateTime(input.now);
  await writeWithRetry((db) => {
    const statements = statementsFor(db);
    for (const page of pages) {
      const accountIds = new Map<string, string>();
      for (const account of page.accounts) {
        const row = statements.account.get({
          id: crypto.randomUUID(),
          connectionId,
          merchantId,
          plaidAccountId: account.account_id,
          name: account.name,
          officialName: account.official_name ?? null,
          mask: account.mask ?? null,
          type: String(account.type),
          subtype: account.subtype ? String(account.subtype) : null,
          current: balanceCents(account.balances.current),
          available: balanceCents(account.balances.available),
          currency: account.balances.iso_currency_code ?? "USD",
          now,
        }) as { id: string } | undefined;
        if (!row) throw new Error(`Plaid account ${account.account_id} belongs to another connection.`);
        accountIds.set(account.account_id, row.id);
      }
      for (const t of [...page.added, ...page.modified]) {
        const accountId = accountIds.get(t.account_id);
        if (!accountId) throw new Error(`Plaid sent a transaction for an unknown account (${t.account_id}).`);
        statements.transaction.run(
          uuidv7(),
          t.transaction_id,
          accountId,
          merchantId,
          postedDate(t.date),
          -toCents(t.amount),
          t.iso_currency_code ?? t.unofficial_currency_code ?? "USD",
          t.name,
          t.counterparties?.[0]?.name ?? t.merchant_name ?? null,
          t.personal_finance_category?.primary ?? null,
          t.personal_finance_category?.detailed ?? null,
          t.pending ? 1 : 0,
          now,
          now,
        );
      }
      for (const removed of page.removed) {
        if (removed.transaction_id) statements.remove.run(now, now, merchantId, removed.transaction_id);
      }
      statements.cursor.run(page.next_cursor, now, page.added.length, now, connectionId);
    }
  });
}

export class BankConnectionError extends Error {
  constructor(
    message: string,
    readonly displayMessage: string,
  ) {
    super(message);
    this.name = "BankConnectionError";
  }
}

/** Exchanges a public token (from Plaid Link or the local sandbox) and stores the item. */
export async function connectBank(
  db: Db,
  input: { merchantId: string; publicToken: string; actor: { id: string; role: string }; ip: string },
): Promise<{ connectionId: string }> {
  let exchanged: Awaited<ReturnType<typeof exchangePublicToken>>;
  let accounts: Awaited<ReturnType<typeof getAccounts>>;
  try {
    exchanged = await exchangePublicToken(input.publicToken);
    accounts = await getAccounts(exchanged.access_token);
  } catch (error) {
    const plaidError = error instanceof PlaidApiError ? error : null;
    throw new BankConnectionError(
      plaidError ? `${plaidError.errorCode}: ${plaidError.message}` : String(error),
      plaidError?.displayMessage ??
        "We could not connect to your bank just now. Please try again in a few minutes.",
    );
  }
  const institutionName = accounts.item.institution_name ?? "Your bank";
  return db.$transaction(async (tx) => {
    const connection = await tx.bankConnection.create({
      data: {
        merchantId: input.merchantId,
        plaidItemId: exchanged.item_id,
        accessTokenEncrypted: encryptSecret(exchanged.access_token),
        institutionId: accounts.item.institution_id ?? null,
        institutionName,
        status: "ACTIVE",
      },
      select: { id: true },
    });
    await upsertAccounts(tx, connection.id, input.merchantId, accounts.accounts);
    await recordAudit(tx, {
      actor: input.actor,
      action: "bank.connected",
      entityType: "BankConnection",
      entityId: connection.id,
      summary: { institution: institutionName, accounts: accounts.accounts.length },
      ip: input.ip,
    });
    return { connectionId: connection.id };
  });
}

export type SyncOutcome =
  | { status: "synced"; added: number; modified: number; removed: number; pages: number }
  | { status: "busy" }
  | { status: "login-required" }
  | { status: "failed"; error: string; retryable: boolean };

export type SyncOptions = {
  retryBaseMs?: number;
  maxRetries?: number;
  pageSize?: number;
  now?: () => Date;
  /** Internal: how many times Plaid's data changed under this sync's pagination. */
  restarts?: number;
};

function sleep(ms: number) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Claims the connection's sync lease; false when another sync is running (and alive). */
async function claimLease(db: Db, connectionId: string, now: Date): Promise<boolean> {
  const claimed = await db.bankConnection.updateMany({
    where: {
      id: connectionId,
      status: { in: ["ACTIVE", "ERROR"] },
      OR: [{ syncStartedAt: null }, { syncStartedAt: { lt: new Date(now.getTime() - syncLeaseMs()) } }],
    },
    data: { syncStartedAt: now, syncAddedCount: 0 },
  });
  return claimed.count === 1;
}

/** Runs /transactions/sync until Plaid has nothing more, applying each page atomically. */
export async function syncConnection(
  db: Db,
  connectionId: string,
  options: SyncOptions = {},
): Promise<SyncOutcome> {
  const config = env();
  const now = options.now ?? (() => new Date());
  const retryBaseMs = options.retryBaseMs ?? config.PLAID_SYNC_RETRY_BASE_MS;
  const maxRetries = options.maxRetries ?? config.PLAID_SYNC_MAX_RETRIES;
  const pageSize = options.pageSize ?? PAGE_SIZE;

  if (!(await claimLease(db, connectionId, now()))) return { status: "busy" };
  const connection = await db.bankConnection.findUniqueOrThrow({
    where: { id: connectionId },
    select: { merchantId: true, accessTokenEncrypted: true, syncCursor: true },
  });
  const accessToken = decryptSecret(connection.accessTokenEncrypted);
  const loopStart = connection.syncCursor;
  const totals = { added: 0, modified: 0, removed: 0, pages: 0 };
  const restarts = options.restarts ?? 0;

  const release = (data: Prisma.BankConnectionUpdateInput) =>
    db.bankConnection.update({ where: { id: connectionId }, data: { ...data, syncStartedAt: null } });

  // While one page is written, the next is already on its way: Plaid's latency overlaps the
  // database work. A failed fetch is kept (never an unhandled rejection) and thrown in its turn,
  // after the pages before it are committed.
  const fetchPage = async (from: string | null) => {
    for (let attempt = 0; ; attempt++) {
      try {
        return await syncTransactions(accessToken, from, pageSize);
      } catch (error) {
        const plaidError = error instanceof PlaidApiError ? error : null;
        if (plaidError?.retryable && attempt < maxRetries) {
          await sleep(retryBaseMs * 2 ** attempt * (0.75 + Math.random() * 0.5));
          continue;
        }
        throw error;
      }
    }
  };
  type Fetched = { ok: true; page: SyncPage } | { ok: false; error: unknown };
  const prefetch = (from: string | null): Promise<Fetched> =>
    fetchPage(from).then(
      (page) => ({ ok: true as const, page }),
      (error: unknown) => ({ ok: false as const, error }),
    );

  try {
    let batch: SyncPage[] = [];
    const flush = async () => {
      if (batch.length === 0) return;
      await writeSyncPages({ connectionId, merchantId: connection.merchantId, pages: batch, now: now() });
      for (const page of batch) {
        totals.added += page.added.length;
        totals.modified += page.modified.length;
        totals.removed += page.removed.length;
        totals.pages += 1;
      }
      batch = [];
    };
    let next: Promise<Fetched> | null = prefetch(loopStart);
    while (next) {
      const fetched: Fetched = await next;
      if (!fetched.ok) {
        // What was received before the failure is kept; the next sync resumes after it.
        await flush();
        throw fetched.error;
      }
      const page: SyncPage = fetched.page;
      next = page.has_more ? prefetch(page.next_cursor) : null;
      batch.push(page);
      const rows = batch.reduce((n, p) => n + p.added.length + p.modified.length + p.removed.length, 0);
      if (next === null || rows >= COMMIT_ROWS) {
        // Let the next request leave before the (synchronous) write takes the thread.
        await new Promise((resolve) => setImmediate(resolve));
        await flush();
      }
    }
  } catch (error) {
    const plaidError = error instanceof PlaidApiError ? error : null;
    if (
      plaidError?.errorCode === "TRANSACTIONS_SYNC_MUTATION_DURING_PAGINATION" &&
      restarts < MAX_PAGINATION_RESTARTS
    ) {
      // Plaid's data changed under the pagination: start again from the loop's first cursor.
      // Pages already applied are applied again harmlessly (upserts by Plaid id).
      await db.bankConnection.update({
        where: { id: connectionId },
        data: { syncCursor: loopStart, syncStartedAt: null },
      });
      return syncConnection(db, connectionId, { ...options, restarts: restarts + 1 });
    }
    if (plaidError?.errorCode === "ITEM_LOGIN_REQUIRED") {
      await release({
        status: "LOGIN_REQUIRED",
        lastSyncError: plaidError.displayMessage ?? "Your bank needs you to sign in again.",
        lastSyncErrorAt: now(),
      });
      return { status: "login-required" };
    }
    const retryable = plaidError?.retryable ?? false;
    // For the operators: which connection, what Plaid answered and its request id (Plaid support
    // asks for it). Never the access token, the cursor or the request body.
    if (plaidError)
      console.warn(
        `Bank sync of connection ${connectionId} stopped: ${plaidError.errorCode} (HTTP ${plaidError.status}, Plaid request ${plaidError.requestId ?? "unknown"}); ${totals.added} transactions added before it.`,
      );
    const message = plaidError
      ? retryable
        ? "Your bank did not answer in time. The data already received is kept; refresh again in a few minutes."
        : (plaidError.displayMessage ?? `Plaid refused the request (${plaidError.errorCode}).`)
      : "The refresh stopped unexpectedly. The data already received is kept; refresh again.";
    await release({
      status: retryable || !plaidError ? "ACTIVE" : "ERROR",
      lastSyncError: message,
      lastSyncErrorAt: now(),
    });
    if (!plaidError) throw error;
    return { status: "failed", error: message, retryable };
  }
  await release({ status: "ACTIVE", lastSyncedAt: now(), lastSyncError: null, lastSyncErrorAt: null });
  return { status: "synced", ...totals };
}

const running = new Map<string, Promise<SyncOutcome>>();

/** Starts a sync in the background of this process (a request does not wait for it). */
export function startSync(db: Db, connectionId: string): Promise<SyncOutcome> {
  const existing = running.get(connectionId);
  if (existing) return existing;
  const promise = syncConnection(db, connectionId)
    .catch((error: unknown): SyncOutcome => {
      console.error(`Bank sync of connection ${connectionId} failed:`, error);
      return { status: "failed", error: "unexpected", retryable: true };
    })
    .finally(() => running.delete(connectionId));
  running.set(connectionId, promise);
  return promise;
}

/** Syncs that stopped with their process (their lease ran out) start again from their cursor. */
export async function resumeInterruptedSyncs(db: Db, now: Date = new Date()): Promise<number> {
  const stale = await db.bankConnection.findMany({
    where: {
      status: { in: ["ACTIVE", "ERROR"] },
      syncStartedAt: { lt: new Date(now.getTime() - syncLeaseMs()) },
    },
    select: { id: true },
  });
  for (const connection of stale) void startSync(db, connection.id);
  return stale.length;
}

export async function markLoginRequired(db: Db, plaidItemId: string, message: string | null): Promise<void> {
  await db.bankConnection.updateMany({
    where: { plaidItemId, status: { in: ["ACTIVE", "ERROR"] } },
    data: {
      status: "LOGIN_REQUIRED",
      lastSyncError: message ?? "Your bank needs you to sign in again.",
      lastSyncErrorAt: new Date(),
    },
  });
}

/** Removes the item at Plaid and stops syncing; the history already received stays as evidence. */
export async function disconnectBank(
  db: Db,
  input: { merchantId: string; connectionId: string; actor: { id: string; role: string }; ip: string },
): Promise<boolean> {
  const connection = await db.bankConnection.findFirst({
    where: { id: input.connectionId, merchantId: input.merchantId, status: { not: "REVOKED" } },
    select: { id: true, accessTokenEncrypted: true, institutionName: true },
  });
  if (!connection) return false;
  try {
    await removeItem(decryptSecret(connection.accessTokenEncrypted));
  } catch (error) {
    // An item Plaid no longer knows is already gone; otherwise the item still exists at Plaid and
    // the merchant must know the disconnection did not happen.
    if (!(error instanceof PlaidApiError)) throw error;
    if (error.errorCode !== "INVALID_ACCESS_TOKEN") {
      throw new BankConnectionError(
        `${error.errorCode}: ${error.message}`,
        "We could not reach Plaid to disconnect this bank. Nothing changed; try again in a few minutes.",
      );
    }
  }
  await db.$transaction(async (tx) => {
    await tx.bankConnection.update({
      where: { id: connection.id },
      data: { status: "REVOKED", disconnectedAt: new Date(), syncStartedAt: null },
    });
    await recordAudit(tx, {
      actor: input.actor,
      action: "bank.disconnected",
      entityType: "BankConnection",
      entityId: connection.id,
      summary: { institution: connection.institutionName },
      ip: input.ip,
    });
  });
  return true;
}
