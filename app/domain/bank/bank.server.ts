// What a merchant does with its bank connections, scoped to its own business.
import { Prisma } from "~/generated/prisma/client";
import { decryptSecret } from "~/utils/crypto.server";
import type { Db } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import {
  createLinkToken,
  createSandboxPublicToken,
  localSandboxRelogin,
  PlaidApiError,
} from "./plaid.server";
import type { BankTxn } from "./revenue";
import {
  BankConnectionError,
  connectBank,
  HISTORY_COMPLETE,
  reactivateAfterLogin,
  startSync,
  syncLeaseMs,
} from "./sync.server";

export function bankMode(): "local" | "link" {
  return env().PLAID_ENV === "local" ? "local" : "link";
}

export async function listBankConnections(db: Db, merchantId: string, now: Date = new Date()) {
  const connections = await db.bankConnection.findMany({
    where: { merchantId },
    orderBy: { createdAt: "asc" },
    select: {
      id: true,
      institutionName: true,
      status: true,
      historyStatus: true,
      syncStartedAt: true,
      syncAddedCount: true,
      lastSyncedAt: true,
      lastSyncError: true,
      lastSyncErrorAt: true,
      disconnectedAt: true,
      createdAt: true,
      accounts: {
        orderBy: { name: "asc" },
        select: {
          id: true,
          name: true,
          mask: true,
          type: true,
          subtype: true,
          currentBalanceCents: true,
          availableBalanceCents: true,
          currency: true,
        },
      },
    },
  });
  return connections.map((connection) => ({
    ...connection,
    syncing:
      connection.syncStartedAt !== null && connection.syncStartedAt.getTime() > now.getTime() - syncLeaseMs(),
    /** Plaid is still fetching this bank's history (a new Item): nothing is scored meanwhile. */
    historyPending: connection.status !== "REVOKED" && connection.historyStatus !== HISTORY_COMPLETE,
  }));
}

export async function recentTransactions(db: Db, merchantId: string, take = 50) {
  const [posted, pending, counts] = await Promise.all([
    db.bankTransaction.findMany({
      where: { merchantId, pending: false, removedAt: null },
      orderBy: [{ postedDate: "desc" }, { id: "asc" }],
      take,
      select: {
        id: true,
        postedDate: true,
        name: true,
        counterpartyName: true,
        amountCents: true,
        currency: true,
        categoryDetailed: true,
        account: { select: { name: true, mask: true } },
      },
    }),
    db.bankTransaction.findMany({
      where: { merchantId, pending: true, removedAt: null },
      orderBy: [{ postedDate: "desc" }, { id: "asc" }],
      take: 20,
      select: {
        id: true,
        postedDate: true,
        name: true,
        amountCents: true,
        currency: true,
        account: { select: { name: true, mask: true } },
      },
    }),
    db.bankTransaction.aggregate({
      where: { merchantId, pending: false, removedAt: null },
      _count: { _all: true },
      _min: { postedDate: true },
      _max: { postedDate: true },
    }),
  ]);
  return {
    posted,
    pending,
    total: counts._count._all,
    from: counts._min.postedDate,
    to: counts._max.postedDate,
  };
}

type Actor = { id: string; role: string };

/** Local mode: connect a sandbox persona's bank, then start the first sync. */
export async function connectSandboxPersona(
  db: Db,
  input: { merchantId: string; persona: string; actor: Actor; ip: string },
) {
  let publicToken: string;
  try {
    publicToken = (await createSandboxPublicToken(input.persona)).public_token;
  } catch (error) {
    throw new BankConnectionError(
      String(error),
      "The sandbox bank did not answer. Is the local Plaid sandbox running (npm run plaid:sandbox)?",
    );
  }
  return connectWithPublicToken(db, { ...input, publicToken });
}

/** Both paths (Link and the local sandbox) end here: exchange, store, first sync. */
export async function connectWithPublicToken(
  db: Db,
  input: { merchantId: string; publicToken: string; actor: Actor; ip: string },
) {
  const { connectionId } = await connectBank(db, input);
  void startSync(db, connectionId);
  return { connectionId };
}

async function ownConnection(db: Db, merchantId: string, connectionId: string) {
  return db.bankConnection.findFirst({
    where: { id: connectionId, merchantId },
    select: { id: true, status: true, accessTokenEncrypted: true, institutionName: true },
  });
}

/** Whether the connection is the merchant's (someone else's answers 404 before anything else). */
export async function isOwnConnection(db: Db, merchantId: string, connectionId: string): Promise<boolean> {
  return (await ownConnection(db, merchantId, connectionId)) !== null;
}

/** The "refresh" button. False when the connection is not the merchant's (404). */
export async function refreshConnection(db: Db, input: { merchantId: string; connectionId: string }) {
  const connection = await ownConnection(db, input.merchantId, input.connectionId);
  if (!connection) return false;
  void startSync(db, connection.id);
  return true;
}

export async function linkTokenFor(
  db: Db,
  input: { merchantId: string; userId: string; connectionId?: string },
) {
  let accessToken: string | undefined;
  if (input.connectionId) {
    const connection = await ownConnection(db, input.merchantId, input.connectionId);
    if (!connection) return null;
    accessToken = decryptSecret(connection.accessTokenEncrypted);
  }
  const { link_token } = await createLinkToken({ clientUserId: input.userId, accessToken });
  return link_token;
}

export type ReconnectOutcome =
  | { status: "reconnected" }
  | { status: "not-found" }
  | { status: "conflict"; message: string };

/**
 * After the merchant signed in to the bank again (Link's update mode, or the local sandbox's
 * stand-in): a connection that needed the sign-in is active again and syncs. Nothing else can be
 * "reconnected": a disconnected or revoked connection comes back only through a new link.
 */
export async function reconnectConnection(
  db: Db,
  input: { merchantId: string; connectionId: string; actor: Actor; ip: string },
): Promise<ReconnectOutcome> {
  const connection = await ownConnection(db, input.merchantId, input.connectionId);
  if (!connection) return { status: "not-found" };
  if (connection.status !== "LOGIN_REQUIRED") {
    return {
      status: "conflict",
      message:
        connection.status === "REVOKED"
          ? "This bank connection was disconnected. To share this bank again, connect it as a new bank."
          : "This bank connection does not need you to sign in again.",
    };
  }
  if (bankMode() === "local") {
    try {
      await localSandboxRelogin(decryptSecret(connection.accessTokenEncrypted));
    } catch (error) {
      const display = error instanceof PlaidApiError ? error.displayMessage : null;
      throw new BankConnectionError(
        String(error),
        display ?? "The bank did not accept the sign-in. Try again.",
      );
    }
  }
  const moved = await reactivateAfterLogin(db, input);
  if (!moved.ok) {
    return moved.reason === "not-found"
      ? { status: "not-found" }
      : { status: "conflict", message: moved.message };
  }
  void startSync(db, connection.id);
  return { status: "reconnected" };
}

/** The merchant's connections whose history Plaid is still sending (none: scoring may go ahead). */
export async function banksStillSendingHistory(db: Db, merchantId: string): Promise<string[]> {
  const pending = await db.bankConnection.findMany({
    where: {
      merchantId,
      status: { not: "REVOKED" },
      historyStatus: { not: HISTORY_COMPLETE },
    },
    orderBy: { createdAt: "asc" },
    select: { institutionName: true },
  });
  return pending.map((connection) => connection.institutionName);
}

type TxnRow = Omit<BankTxn, "date" | "counterparty"> & { postedDate: Date; counterpartyName: string | null };

/**
 * A merchant's bank transactions posted between two instants (removed ones excluded), as the pure
 * revenue and scoring code takes them. Scoring reads up to two years of them (50,000 for a busy
 * merchant), so this is one SQL statement: Prisma's query engine spends about 12 µs on each row it
 * maps, plain SQL through it about 5.
 */
export async function bankTransactionsBetween(
  db: Db,
  input: {
    merchantId: string;
    from: Date;
    to: Date;
    /** Only checking and savings accounts (no cards, no loans). */
    depositoryOnly?: boolean;
    /** Leave out pending transactions. */
    postedOnly?: boolean;
    /** Leave out the accounts of connections the merchant revoked. */
    liveConnectionsOnly?: boolean;
  },
): Promise<BankTxn[]> {
  const rows = await db.$queryRaw<TxnRow[]>`
    SELECT t."id", t."accountId", t."postedDate", t."amountCents", t."categoryPrimary", t."categoryDetailed",
           t."counterpartyName", t."name", t."pending"
    FROM "BankTransaction" t
    JOIN "BankAccount" a ON a."id" = t."accountId"
    JOIN "BankConnection" c ON c."id" = a."connectionId"
    WHERE t."merchantId" = ${input.merchantId} AND t."removedAt" IS NULL
      AND t."postedDate" >= ${input.from} AND t."postedDate" <= ${input.to}
      ${input.liveConnectionsOnly ? Prisma.sql`AND c."status" <> 'REVOKED'` : Prisma.empty}
      ${input.depositoryOnly ? Prisma.sql`AND a."type" = 'depository'` : Prisma.empty}
      ${input.postedOnly ? Prisma.sql`AND NOT t."pending"` : Prisma.empty}`;
  return rows.map((t) => ({
    id: t.id,
    accountId: t.accountId,
    date: t.postedDate.toISOString().slice(0, 10),
    amountCents: t.amountCents,
    categoryPrimary: t.categoryPrimary,
    categoryDetailed: t.categoryDetailed,
    counterparty: t.counterpartyName,
    name: t.name,
    pending: t.pending,
  }));
}
