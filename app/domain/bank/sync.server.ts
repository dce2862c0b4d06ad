// Bank connections and their transaction sync. One sync at a time per connection (a lease in the
// database), pages applied idempotently (a transaction's Plaid id is unique), and the cursor
// saved in the same database transaction as its page's rows — so a sync that stops anywhere
// resumes where it stopped, with no duplicate and no gap.
//
// Every status a connection takes goes through its table (workflow.ts) and the guard; the moves
// that Plaid's answers and webhooks cause are audited without an actor. A disconnected or revoked
// connection is final: a sync still running when it ends writes neither rows nor status.
import crypto from "node:crypto";
import { v7 as uuidv7 } from "uuid";
import { createInStatus, type MoveData, transition } from "~/domain/workflow/transition.server";
import { decryptSecret, encryptSecret } from "~/utils/crypto.server";
import type { Db, Prisma } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { sqlDateTime } from "~/utils/sql";
import { type PageBatch, PageWriteError, pageWriter, type TransactionRow } from "./page-writer.server";
import {
  exchangePublicToken,
  getAccounts,
  type PlaidAccount,
  PlaidApiError,
  removeItem,
  syncTransactions,
} from "./plaid.server";
import { BANK_CONNECTION_WORKFLOW, type BankConnectionStatus } from "./workflow";

/**
 * Plaid's `transactions_update_status`: a new Item has no history (NOT_READY), then its last 30
 * days (INITIAL_UPDATE_COMPLETE), then up to the 24 months asked for (HISTORICAL_UPDATE_COMPLETE).
 */
export const HISTORY_COMPLETE = "HISTORICAL_UPDATE_COMPLETE";
export const HISTORY_STATUSES = ["NOT_READY", "INITIAL_UPDATE_COMPLETE", HISTORY_COMPLETE] as const;

/** Statuses in which Plaid still shares the Item's data (a sync may run). */
const SYNCABLE: BankConnectionStatus[] = ["ACTIVE", "ERROR"];
/** Every status but the final one. */
const LIVE: BankConnectionStatus[] = ["ACTIVE", "ERROR", "LOGIN_REQUIRED"];
/** Plaid's errors for an Item it no longer has (removed, or access withdrawn at the bank). */
const ITEM_GONE = new Set(["ITEM_NOT_FOUND"]);
/** How long a connection whose history is not complete waits before the jobs ask Plaid again. */
const HISTORY_POLL_MS = 60_000;

/** Moves made by Plaid's answers and webhooks, not by a person. */
const SYSTEM = null;

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

/**
 * A page's history status, or null when Plaid could not tell (TRANSACTIONS_UPDATE_STATUS_UNKNOWN):
 * the connection then keeps the status it had.
 */
function knownHistoryStatus(page: SyncPage): string | null {
  const status = String(page.transactions_update_status ?? "");
  return (HISTORY_STATUSES as readonly string[]).includes(status) ? status : null;
}

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
      historyStatus: knownHistoryStatus(page),
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
    // A new Item: Plaid has not fetched its history yet; the first sync says how far it got.
    const connection = await createInStatus(tx, BANK_CONNECTION_WORKFLOW, {
      status: "ACTIVE",
      data: {
        merchantId: input.merchantId,
        plaidItemId: exchanged.item_id,
        accessTokenEncrypted: encryptSecret(exchanged.access_token),
        institutionId: accounts.item.institution_id ?? null,
        institutionName,
        historyStatus: "NOT_READY",
      },
      actor: input.actor,
      ip: input.ip,
      action: "bank.connected",
      summary: { institution: institutionName, accounts: accounts.accounts.length },
    });
    await upsertAccounts(tx, connection.id, input.merchantId, accounts.accounts);
    return { connectionId: connection.id };
  });
}

type Settlement = {
  /** Columns written whatever the status (the sync's lease is always released). */
  data: MoveData;
  /** A status move, made only when the connection is in one of `from`. */
  move?: { from: BankConnectionStatus[]; to: BankConnectionStatus; summary?: Record<string, unknown> };
};

/**
 * Writes what a sync (or a webhook) learnt, in one transaction, unless the connection ended in
 * the meantime: a disconnected or revoked connection keeps its status and its fields. False when
 * it had ended (or another writer changed its status first).
 */
async function settleConnection(db: Db, connectionId: string, settlement: Settlement): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const current = await tx.bankConnection.findUnique({
      where: { id: connectionId },
      select: { status: true, institutionName: true },
    });
    if (!current || !LIVE.includes(current.status as BankConnectionStatus)) return false;
    const from = current.status as BankConnectionStatus;
    const { move } = settlement;
    if (move?.from.includes(from) && move.to !== from) {
      const moved = await transition(tx, BANK_CONNECTION_WORKFLOW, {
        id: connectionId,
        from: [from],
        to: move.to,
        data: settlement.data,
        actor: SYSTEM,
        summary: { institution: current.institutionName, ...move.summary },
      });
      return moved.ok;
    }
    const written = await tx.bankConnection.updateMany({
      where: { id: connectionId, status: from },
      data: settlement.data,
    });
    return written.count === 1;
  });
}

export type SyncOutcome =
  | { status: "synced"; added: number; modified: number; removed: number; pages: number; history: string }
  | { status: "busy" }
  | { status: "login-required" }
  /** Disconnected or revoked while it ran, or Plaid no longer has the Item: nothing more written. */
  | { status: "closed" }
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
      status: { in: SYNCABLE },
      OR: [{ syncStartedAt: null }, { syncStartedAt: { lt: new Date(now.getTime() - syncLeaseMs()) } }],
    },
    // This sync fetches everything Plaid has up to now: a wish for one more is fulfilled by it.
    data: { syncStartedAt: now, syncAddedCount: 0, syncWantedAt: null },
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

  if (!(await claimLease(db, connectionId, now()))) {
    // Another sync runs, maybe on another server, and may have read its last page before the news
    // that brought this one: the jobs sync once more after it (resumeInterruptedSyncs).
    await db.bankConnection.updateMany({
      where: { id: connectionId, status: { in: SYNCABLE } },
      data: { syncWantedAt: now() },
    });
    return { status: "busy" };
  }
  const connection = await db.bankConnection.findUniqueOrThrow({
    where: { id: connectionId },
    select: { merchantId: true, accessTokenEncrypted: true, syncCursor: true, historyStatus: true },
  });
  const accessToken = decryptSecret(connection.accessTokenEncrypted);
  const loopStart = connection.syncCursor;
  const totals = { added: 0, modified: 0, removed: 0, pages: 0 };
  let history = connection.historyStatus;
  const restarts = options.restarts ?? 0;

  const release = async (data: MoveData, move?: Settlement["move"]) =>
    settleConnection(db, connectionId, { data: { ...data, syncStartedAt: null }, move });

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
        history = knownHistoryStatus(page) ?? history;
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
    // Disconnected while it ran: the batch was refused inside its transaction; leave it all be.
    if (error instanceof PageWriteError && error.closed) return { status: "closed" };
    const plaidError = error instanceof PlaidApiError ? error : null;
    if (
      plaidError?.errorCode === "TRANSACTIONS_SYNC_MUTATION_DURING_PAGINATION" &&
      restarts < MAX_PAGINATION_RESTARTS
    ) {
      // Plaid's data changed under the pagination: start again from the loop's first cursor.
      // Pages already applied are applied again harmlessly (upserts by Plaid id).
      if (!(await release({ syncCursor: loopStart }))) return { status: "closed" };
      return syncConnection(db, connectionId, { ...options, restarts: restarts + 1 });
    }
    if (plaidError?.errorCode === "ITEM_LOGIN_REQUIRED") {
      const settled = await release(
        {
          lastSyncError: plaidError.displayMessage ?? "Your bank needs you to sign in again.",
          lastSyncErrorAt: now(),
        },
        { from: SYNCABLE, to: "LOGIN_REQUIRED", summary: { reason: plaidError.errorCode } },
      );
      return settled ? { status: "login-required" } : { status: "closed" };
    }
    if (plaidError && ITEM_GONE.has(plaidError.errorCode)) {
      // Plaid no longer has the Item (removed, or the merchant withdrew access at the bank): the
      // connection is over; only a new link brings the bank back.
      await release(
        {
          disconnectedAt: now(),
          lastSyncError: "This bank connection ended at Plaid. Connect the bank again to keep sharing it.",
          lastSyncErrorAt: now(),
        },
        { from: LIVE, to: "REVOKED", summary: { reason: plaidError.errorCode } },
      );
      return { status: "closed" };
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
    // A failure worth retrying leaves the status as it is; Plaid refusing the request does not.
    const settled = await release(
      { lastSyncError: message, lastSyncErrorAt: now() },
      retryable || !plaidError
        ? undefined
        : { from: ["ACTIVE"], to: "ERROR", summary: { reason: plaidError.errorCode } },
    );
    if (!plaidError) throw error;
    if (!settled) return { status: "closed" };
    return { status: "failed", error: message, retryable };
  }
  const settled = await release(
    { lastSyncedAt: now(), lastSyncError: null, lastSyncErrorAt: null },
    { from: ["ERROR"], to: "ACTIVE", summary: { reason: "synced" } },
  );
  if (!settled) return { status: "closed" };
  return { status: "synced", ...totals, history };
}

const running = new Map<string, Promise<SyncOutcome>>();
/** Connections told of new data while their sync ran: they sync once more when it ends. */
const again = new Set<string>();

/** Starts a sync in the background of this process (a request does not wait for it). */
export function startSync(db: Db, connectionId: string): Promise<SyncOutcome> {
  const existing = running.get(connectionId);
  if (existing) {
    // The running sync may have read its last page before the news: one more pass picks it up.
    again.add(connectionId);
    return existing;
  }
  const promise = syncConnection(db, connectionId)
    .catch((error: unknown): SyncOutcome => {
      console.error(`Bank sync of connection ${connectionId} failed:`, error);
      return { status: "failed", error: "unexpected", retryable: true };
    })
    .finally(() => {
      running.delete(connectionId);
      if (again.delete(connectionId)) void startSync(db, connectionId);
    });
  running.set(connectionId, promise);
  return promise;
}

/**
 * Syncs that stopped with their process (their lease ran out) start again from their cursor,
 * syncs asked for while another ran (on any server) run now that it ended, and connections whose
 * history Plaid has not finished sending ask again now and then, in case a webhook announcing it
 * was lost.
 */
export async function resumeInterruptedSyncs(db: Db, now: Date = new Date()): Promise<number> {
  const stale = await db.bankConnection.findMany({
    where: {
      status: { in: SYNCABLE },
      OR: [
        { syncStartedAt: { lt: new Date(now.getTime() - syncLeaseMs()) } },
        { syncStartedAt: null, syncWantedAt: { not: null } },
        {
          syncStartedAt: null,
          historyStatus: { not: HISTORY_COMPLETE },
          updatedAt: { lt: new Date(now.getTime() - HISTORY_POLL_MS) },
        },
      ],
    },
    select: { id: true },
  });
  for (const connection of stale) void startSync(db, connection.id);
  return stale.length;
}

/** Plaid's ITEM ERROR webhook with ITEM_LOGIN_REQUIRED: the merchant must sign in again. */
export async function markLoginRequired(
  db: Db,
  plaidItemId: string,
  message: string | null,
): Promise<boolean> {
  const connection = await db.bankConnection.findUnique({ where: { plaidItemId }, select: { id: true } });
  if (!connection) return false;
  return settleConnection(db, connection.id, {
    data: { lastSyncError: message ?? "Your bank needs you to sign in again.", lastSyncErrorAt: new Date() },
    move: { from: SYNCABLE, to: "LOGIN_REQUIRED", summary: { reason: "ITEM_LOGIN_REQUIRED" } },
  });
}

/**
 * Plaid's LOGIN_REPAIRED webhook: the merchant signed in again (Link's update mode). Only a
 * connection waiting for that sign-in moves; a disconnected or revoked one stays as it is.
 */
export async function markLoginRepaired(db: Db, plaidItemId: string): Promise<string | null> {
  const connection = await db.bankConnection.findUnique({ where: { plaidItemId }, select: { id: true } });
  if (!connection) return null;
  const moved = await db.$transaction((tx) =>
    transition(tx, BANK_CONNECTION_WORKFLOW, {
      id: connection.id,
      from: ["LOGIN_REQUIRED"],
      to: "ACTIVE",
      data: { lastSyncError: null, lastSyncErrorAt: null },
      actor: SYSTEM,
      action: "bank.login_repaired",
    }),
  );
  return moved.ok ? connection.id : null;
}

/**
 * Plaid's USER_PERMISSION_REVOKED / USER_ACCOUNT_REVOKED webhooks: the merchant withdrew access at
 * the bank or at Plaid. The connection is over (the history already received stays as evidence).
 */
export async function markRevokedAtBank(db: Db, plaidItemId: string, reason: string): Promise<boolean> {
  const connection = await db.bankConnection.findUnique({ where: { plaidItemId }, select: { id: true } });
  if (!connection) return false;
  return settleConnection(db, connection.id, {
    data: { disconnectedAt: new Date(), syncStartedAt: null },
    move: { from: LIVE, to: "REVOKED", summary: { reason } },
  });
}

/**
 * The merchant's sign-in after LOGIN_REQUIRED (Link's update mode, or the local sandbox's
 * stand-in) makes the same Item active again. A disconnected or revoked connection cannot come
 * back this way: only a new link, a new Item and a new connection, can.
 */
export async function reactivateAfterLogin(
  db: Db,
  input: { merchantId: string; connectionId: string; actor: { id: string; role: string }; ip: string },
) {
  return db.$transaction((tx) =>
    transition(tx, BANK_CONNECTION_WORKFLOW, {
      id: input.connectionId,
      scope: { merchantId: input.merchantId },
      from: ["LOGIN_REQUIRED"],
      to: "ACTIVE",
      data: { lastSyncError: null, lastSyncErrorAt: null },
      actor: input.actor,
      ip: input.ip,
      action: "bank.reconnected",
    }),
  );
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
  let alreadyGone = false;
  try {
    await removeItem(decryptSecret(connection.accessTokenEncrypted));
  } catch (error) {
    // An Item Plaid no longer has (ITEM_NOT_FOUND) is already gone, which is what the merchant
    // asked for; otherwise the Item still exists at Plaid and the merchant must know the
    // disconnection did not happen.
    if (!(error instanceof PlaidApiError)) throw error;
    if (!ITEM_GONE.has(error.errorCode)) {
      throw new BankConnectionError(
        `${error.errorCode}: ${error.message}`,
        "We could not reach Plaid to disconnect this bank. Nothing changed; try again in a few minutes.",
      );
    }
    alreadyGone = true;
  }
  const moved = await db.$transaction((tx) =>
    transition(tx, BANK_CONNECTION_WORKFLOW, {
      id: connection.id,
      scope: { merchantId: input.merchantId },
      from: LIVE,
      to: "REVOKED",
      data: { disconnectedAt: new Date(), syncStartedAt: null },
      actor: input.actor,
      ip: input.ip,
      action: "bank.disconnected",
      summary: {
        institution: connection.institutionName,
        ...(alreadyGone ? { removedAtPlaid: "earlier" } : {}),
      },
    }),
  );
  // Disconnected by a simultaneous request: the merchant's wish holds all the same.
  return moved.ok || moved.reason === "conflict";
}
