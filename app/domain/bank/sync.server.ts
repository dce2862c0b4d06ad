// Bank connections and their transaction sync. One sync at a time per connection (a lease in the
// database), pages applied idempotently (a transaction's Plaid id is unique), and the cursor
// saved in the same database transaction as its page's rows — so a sync that stops anywhere
// resumes where it stopped, with no duplicate and no gap.
import crypto from "node:crypto";
import { v7 as uuidv7 } from "uuid";
import { recordAudit } from "~/domain/audit/audit.server";
import { decryptSecret, encryptSecret } from "~/utils/crypto.server";
import type { Db, Prisma } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { sqlDateTime } from "~/utils/sql";
import { type PageBatch, pageWriter, type TransactionRow } from "./page-writer.server";
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
const COMMIT_ROWS = 2000;
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

/** Plaid's YYYY-MM-DD day as stored by Prisma (midnight UTC), without a Date on the hot path. */
function postedDate(day: string): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(day) ? `${day}T00:00:00.000+00:00` : sqlDateTime(dayToDate(day));
}

const balanceCents = (value: number | null | undefined) =>
  value === null || value === undefined ? null : toCents(value);

/** /transactions/sync pages as the page writer stores them (page-writer.server.ts). */
function toBatch(connectionId: string, merchantId: string, pages: SyncPage[], now: Date): PageBatch {
  return {
    connectionId,
    merchantId,
    now: sqlDateTime(now),
    pages: pages.map((page) => ({
      accounts: page.accounts.map((account) => ({
        id: crypto.randomUUID(),
        plaidAccountId: account.account_id,
        name: account.name,
        officialName: account.official_name ?? null,
        mask: account.mask ?? null,
        type: String(account.type),
        subtype: account.subtype ? String(account.subtype) : null,
        current: balanceCents(account.balances.current),
        available: balanceCents(account.balances.available),
        currency: account.balances.iso_currency_code ?? "USD",
      })),
      transactions: [...page.added, ...page.modified].map(
        (t): TransactionRow => [
          // Time-ordered ids keep the primary-key index appending instead of splitting pages.
          uuidv7(),
          t.transaction_id,
          t.account_id,
          postedDate(t.date),
          -toCents(t.amount),
          t.iso_currency_code ?? t.unofficial_currency_code ?? "USD",
          t.name,
          t.counterparties?.[0]?.name ?? t.merchant_name ?? null,
          t.personal_finance_category?.primary ?? null,
          t.personal_finance_category?.detailed ?? null,
          t.pending ? 1 : 0,
        ],
      ),
      removed: page.removed.map((r) => r.transaction_id).filter((id): id is string => Boolean(id)),
      nextCursor: page.next_cursor,
      added: page.added.length,
    })),
  };
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
    // Batches go to the page writer's thread in order; while one is written, this thread fetches
    // and parses the next pages. At most one batch is in flight, so a failed write stops the sync
    // with everything before it committed and nothing after it.
    let batch: SyncPage[] = [];
    let inFlight: Promise<void> = Promise.resolve();
    const flush = async () => {
      if (batch.length === 0) return;
      const pages = batch;
      batch = [];
      await inFlight;
      inFlight = pageWriter().write(toBatch(connectionId, connection.merchantId, pages, now()));
      inFlight.catch(() => undefined); // awaited in its turn; this only marks it handled
      for (const page of pages) {
        totals.added += page.added.length;
        totals.modified += page.modified.length;
        totals.removed += page.removed.length;
        totals.pages += 1;
      }
    };
    let next: Promise<Fetched> | null = prefetch(loopStart);
    while (next) {
      const fetched: Fetched = await next;
      if (!fetched.ok) {
        // What was received before the failure is kept; the next sync resumes after it.
        await flush();
        await inFlight;
        throw fetched.error;
      }
      const page: SyncPage = fetched.page;
      next = page.has_more ? prefetch(page.next_cursor) : null;
      batch.push(page);
      const rows = batch.reduce((n, p) => n + p.added.length + p.modified.length + p.removed.length, 0);
      if (next === null || rows >= COMMIT_ROWS) await flush();
    }
    await inFlight;
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
