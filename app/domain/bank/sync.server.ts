// Bank connections and their transaction sync. One sync at a time per connection (a lease in the
// database), pages applied idempotently (a transaction's Plaid id is unique), and the cursor
// saved in the same database transaction as its page's rows — so a sync that stops anywhere
// resumes where it stopped, with no duplicate and no gap.
import crypto from "node:crypto";
import { recordAudit } from "~/domain/audit/audit.server";
import { decryptSecret, encryptSecret } from "~/utils/crypto.server";
import type { Db, Prisma } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import {
  exchangePublicToken,
  getAccounts,
  type PlaidAccount,
  PlaidApiError,
  type PlaidTransaction,
  removeItem,
  syncTransactions,
} from "./plaid.server";

export const CONNECTION_STATUSES = ["ACTIVE", "LOGIN_REQUIRED", "REVOKED", "ERROR"] as const;
export type ConnectionStatus = (typeof CONNECTION_STATUSES)[number];

/** A sync whose heartbeat is older than this was interrupted (its process died) and may resume. */
export const SYNC_LEASE_MS = 2 * 60_000;
const PAGE_SIZE = 500;
const MAX_PAGINATION_RESTARTS = 3;
const UPSERT_BATCH = 100;

type Tx = Prisma.TransactionClient;

/** Prisma keeps SQLite DateTime values as ISO-8601 text with an explicit offset. */
function sqlDateTime(date: Date): string {
  return date.toISOString().replace("Z", "+00:00");
}

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

/**
 * Inserts or updates transactions by Plaid id, in multi-row statements (ON CONFLICT is standard
 * SQL that PostgreSQL runs too). Our sign: inflow positive.
 */
async function upsertTransactions(
  tx: Tx,
  merchantId: string,
  accountIds: Map<string, string>,
  transactions: PlaidTransaction[],
) {
  const now = sqlDateTime(new Date());
  for (let start = 0; start < transactions.length; start += UPSERT_BATCH) {
    const batch = transactions.slice(start, start + UPSERT_BATCH);
    const values: string[] = [];
    const params: unknown[] = [];
    for (const t of batch) {
      const accountId = accountIds.get(t.account_id);
      if (!accountId) throw new Error(`Plaid sent a transaction for an unknown account (${t.account_id}).`);
      const counterparty = t.counterparties?.[0]?.name ?? t.merchant_name ?? null;
      values.push("(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?)");
      params.push(
        crypto.randomUUID(),
        t.transaction_id,
        accountId,
        merchantId,
        sqlDateTime(dayToDate(t.date)),
        -toCents(t.amount),
        t.iso_currency_code ?? t.unofficial_currency_code ?? "USD",
        t.name,
        counterparty,
        t.personal_finance_category?.primary ?? null,
        t.personal_finance_category?.detailed ?? null,
        t.pending ? 1 : 0,
        now,
        now,
      );
    }
    await tx.$executeRawUnsafe(
      `INSERT INTO "BankTransaction" ("id", "plaidTransactionId", "accountId", "merchantId", "postedDate", "amountCents", "currency", "name", "counterpartyName", "categoryPrimary", "categoryDetailed", "pending", "removedAt", "createdAt", "updatedAt")
       VALUES ${values.join(", ")}
       ON CONFLICT ("plaidTransactionId") DO UPDATE SET
         "accountId" = excluded."accountId", "postedDate" = excluded."postedDate", "amountCents" = excluded."amountCents",
         "currency" = excluded."currency", "name" = excluded."name", "counterpartyName" = excluded."counterpartyName",
         "categoryPrimary" = excluded."categoryPrimary", "categoryDetailed" = excluded."categoryDetailed",
         "pending" = excluded."pending", "removedAt" = NULL, "updatedAt" = excluded."updatedAt"
       WHERE "BankTransaction"."merchantId" = excluded."merchantId"`,
      ...params,
    );
  }
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
      OR: [{ syncStartedAt: null }, { syncStartedAt: { lt: new Date(now.getTime() - SYNC_LEASE_MS) } }],
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
  let cursor = connection.syncCursor;
  const totals = { added: 0, modified: 0, removed: 0, pages: 0 };
  const restarts = options.restarts ?? 0;

  const release = (data: Prisma.BankConnectionUpdateInput) =>
    db.bankConnection.update({ where: { id: connectionId }, data: { ...data, syncStartedAt: null } });

  try {
    for (;;) {
      let page: Awaited<ReturnType<typeof syncTransactions>> | undefined;
      for (let attempt = 0; ; attempt++) {
        try {
          page = await syncTransactions(accessToken, cursor, pageSize);
          break;
        } catch (error) {
          const plaidError = error instanceof PlaidApiError ? error : null;
          if (plaidError?.retryable && attempt < maxRetries) {
            await sleep(retryBaseMs * 2 ** attempt * (0.75 + Math.random() * 0.5));
            continue;
          }
          throw error;
        }
      }
      const rows = page;
      await db.$transaction(async (tx) => {
        const accountIds = await upsertAccounts(tx, connectionId, connection.merchantId, rows.accounts);
        await upsertTransactions(tx, connection.merchantId, accountIds, [...rows.added, ...rows.modified]);
        const removedIds = rows.removed
          .map((r) => r.transaction_id)
          .filter((id): id is string => Boolean(id));
        if (removedIds.length > 0) {
          await tx.bankTransaction.updateMany({
            where: { merchantId: connection.merchantId, plaidTransactionId: { in: removedIds } },
            data: { removedAt: now() },
          });
        }
        // The cursor moves only with its page's rows: a crash before this commit replays the page.
        await tx.bankConnection.update({
          where: { id: connectionId },
          data: {
            syncCursor: rows.next_cursor,
            syncStartedAt: now(),
            syncAddedCount: { increment: rows.added.length },
          },
        });
      });
      totals.added += rows.added.length;
      totals.modified += rows.modified.length;
      totals.removed += rows.removed.length;
      totals.pages += 1;
      cursor = rows.next_cursor;
      if (!rows.has_more) break;
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
      syncStartedAt: { lt: new Date(now.getTime() - SYNC_LEASE_MS) },
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
