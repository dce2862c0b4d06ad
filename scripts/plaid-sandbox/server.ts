// A Plaid-compatible local sandbox: the endpoints TradeLift uses, in Plaid's wire format, with
// state, deterministic business personas, signed webhooks and failures on demand. The app talks
// to it through the real `plaid` client (PLAID_ENV=local), exactly as it talks to Plaid.
//
//   npm run plaid:sandbox            (port PLAID_SANDBOX_PORT, default 4010)
//
// Local extensions, not part of Plaid's API, live under /sandbox/local/ (failure injection,
// re-login, modifying and removing transactions, posting pending ones, the persona list, the
// history delay).
//
// As on Plaid, a new Item's history is not there at once: /transactions/sync answers NOT_READY
// (nothing, an empty cursor), then INITIAL_UPDATE_COMPLETE (the last 30 days), then
// HISTORICAL_UPDATE_COMPLETE (the whole history), each step announced by a signed
// SYNC_UPDATES_AVAILABLE webhook (and the older INITIAL_UPDATE / HISTORICAL_UPDATE). The whole
// history arrives `historyDelayMs` after the Item is created, the last 30 days at a third of it
// (PLAID_SANDBOX_HISTORY_DELAY_MS for the server; /sandbox/local/history/delay changes it for new
// Items). A delay of 0 makes the history complete from the start, with no webhook about it.
import crypto from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import type { Server } from "node:http";
import path from "node:path";
import express, { type NextFunction, type Request, type Response } from "express";
import { exportJWK, generateKeyPair, type JWK, SignJWT } from "jose";
import { categorize } from "./categorize";
import { type CustomUser, formatDay, isPersonaId, PERSONAS, parseDay, personaCustomUser } from "./personas";

export type SandboxOptions = {
  clientId: string;
  secret: string;
  /** Today's date (YYYY-MM-DD) as the sandbox sees it; defaults to the real date. */
  today?: () => string;
  /** Where to keep items between restarts; none keeps them in memory only. */
  stateFile?: string;
  log?: (line: string) => void;
  /** How long a new Item's whole history takes to arrive (0, the default here: at once). */
  historyDelayMs?: number;
};

const HISTORY = {
  notReady: "NOT_READY",
  initial: "INITIAL_UPDATE_COMPLETE",
  complete: "HISTORICAL_UPDATE_COMPLETE",
} as const;
type HistoryStatus = (typeof HISTORY)[keyof typeof HISTORY];
/** Plaid's initial update: the most recent 30 days. */
const INITIAL_DAYS = 30;

type PlaidTransaction = {
  transaction_id: string;
  account_id: string;
  amount: number;
  iso_currency_code: string;
  unofficial_currency_code: null;
  date: string;
  authorized_date: string;
  datetime: null;
  authorized_datetime: null;
  name: string;
  merchant_name: string | null;
  original_description: string;
  pending: boolean;
  pending_transaction_id: string | null;
  payment_channel: "other";
  transaction_type: "special";
  transaction_code: null;
  account_owner: null;
  category: null;
  category_id: null;
  check_number: null;
  location: Record<string, null>;
  payment_meta: Record<string, null>;
  logo_url: null;
  website: null;
  merchant_entity_id: null;
  personal_finance_category: { primary: string; detailed: string; confidence_level: "VERY_HIGH" };
  counterparties: {
    name: string;
    type: string;
    entity_id: null;
    confidence_level: "HIGH";
    logo_url: null;
    website: null;
  }[];
};

type SyncEvent = { kind: "added" | "modified" | "removed"; transaction: PlaidTransaction };

type StoredExtra =
  | {
      kind: "create";
      accountIndex: number;
      rows: {
        amount: number;
        date_posted: string;
        date_transacted: string;
        description: string;
        iso_currency_code?: string;
      }[];
    }
  | { kind: "modify"; transactionId: string; amount?: number; description?: string }
  | { kind: "remove"; transactionIds: string[] }
  | { kind: "post_pending" };

type StoredItem = {
  itemId: string;
  accessToken: string;
  institutionId: string;
  institutionName: string;
  user: CustomUser;
  createdDay: string;
  webhook: string | null;
  daysRequested: number;
  loginRequired: boolean;
  removed: boolean;
  extras: StoredExtra[];
  /** When the Item was created (ms since the epoch) and how long its history takes to arrive. */
  createdAtMs?: number;
  historyDelayMs?: number;
  /** Whether /transactions/sync was called: Plaid sends SYNC_UPDATES_AVAILABLE only after that. */
  syncCalled?: boolean;
};

type Item = StoredItem & {
  accounts: {
    account_id: string;
    index: number;
    startingBalance: number;
    spentBeforeWindow: number;
    meta: CustomUser["override_accounts"][number];
  }[];
  events: SyncEvent[];
  current: Map<string, PlaidTransaction>;
  /** Events of the initial update (the last 30 days), served first, and of the whole history. */
  initialEvents: number;
  historyEvents: number;
  /** Balances as of `version` events; recomputed only when events were added since. */
  balances?: { version: number; byAccount: Map<string, { current: number; available: number }> };
};

type FailureRule = {
  endpoint: string;
  /** RATE_LIMIT_EXCEEDED stands for the endpoint's own rate-limit code (RATE_LIMITS). */
  error:
    | "ITEM_LOGIN_REQUIRED"
    | "RATE_LIMIT_EXCEEDED"
    | RateLimitCode
    | "INTERNAL_SERVER_ERROR"
    | "TRANSACTIONS_SYNC_MUTATION_DURING_PAGINATION"
    | "ITEM_NOT_FOUND"
    | "SLOW";
  /** Let this many matching calls through first. */
  after: number;
  /** Fail this many times, then stop (Infinity by default). */
  times: number;
  delayMs: number;
};

const ERRORS = {
  INVALID_API_KEYS: {
    status: 400,
    type: "INVALID_INPUT",
    message: "invalid client_id or secret provided",
    display: null,
  },
  INVALID_ACCESS_TOKEN: {
    status: 400,
    type: "INVALID_INPUT",
    message: "provided access token is in an invalid format or does not exist",
    display: null,
  },
  INVALID_PUBLIC_TOKEN: {
    status: 400,
    type: "INVALID_INPUT",
    message: "provided public token is expired, was already used, or does not exist",
    display: null,
  },
  INVALID_FIELD: { status: 400, type: "INVALID_REQUEST", message: "a field is invalid", display: null },
  MISSING_FIELDS: {
    status: 400,
    type: "INVALID_REQUEST",
    message: "the following required fields are missing",
    display: null,
  },
  ITEM_LOGIN_REQUIRED: {
    status: 400,
    type: "ITEM_ERROR",
    message:
      "the login details of this item have changed (credentials, MFA, or required user action) and a user login is required to update this information",
    display: "Your bank needs you to sign in again to keep sharing data.",
  },
  ITEM_NOT_FOUND: {
    status: 400,
    type: "ITEM_ERROR",
    message: "the Item you requested cannot be found: it does not exist or has been removed",
    display: null,
  },
  // Plaid answers a rate limit with error_type RATE_LIMIT_EXCEEDED and a code of the endpoint's.
  TRANSACTIONS_SYNC_LIMIT: rateLimit(),
  ACCOUNTS_LIMIT: rateLimit(),
  ITEM_GET_LIMIT: rateLimit(),
  RATE_LIMIT: rateLimit(),
  INTERNAL_SERVER_ERROR: {
    status: 500,
    type: "API_ERROR",
    message: "an unexpected error occurred",
    display: "Something went wrong. Please try again later.",
  },
  TRANSACTIONS_SYNC_MUTATION_DURING_PAGINATION: {
    status: 400,
    type: "TRANSACTIONS_ERROR",
    message:
      "Underlying transaction data changed since last page was fetched. Please restart pagination from last update.",
    display: null,
  },
} as const;

type ErrorCode = keyof typeof ERRORS;

function rateLimit() {
  return {
    status: 429,
    type: "RATE_LIMIT_EXCEEDED",
    message: "rate limit exceeded for attempts to access this item. please try again later",
    display: null,
  } as const;
}

type RateLimitCode = "TRANSACTIONS_SYNC_LIMIT" | "ACCOUNTS_LIMIT" | "ITEM_GET_LIMIT" | "RATE_LIMIT";
const RATE_LIMITS: Record<string, RateLimitCode> = {
  "/transactions/sync": "TRANSACTIONS_SYNC_LIMIT",
  "/accounts/get": "ACCOUNTS_LIMIT",
  "/item/get": "ITEM_GET_LIMIT",
};

class PlaidError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly detail?: string,
  ) {
    super(code);
  }
}

function hashId(...parts: string[]): string {
  return crypto
    .createHash("sha256")
    .update(parts.join("|"))
    .digest("base64url")
    .replace(/[-_]/g, "x")
    .slice(0, 37);
}

function requestId(): string {
  return crypto.randomBytes(8).toString("hex").slice(0, 15);
}

const DAY = 86_400_000;

function toPlaidTransaction(
  itemId: string,
  accountId: string,
  key: string,
  row: {
    amount: number;
    date_posted: string;
    date_transacted: string;
    description: string;
    currency?: string;
    iso_currency_code?: string;
    pending?: boolean;
  },
): PlaidTransaction {
  const enrichment = categorize(row.description, row.amount);
  const counterparty = enrichment.counterparty;
  return {
    transaction_id: hashId(itemId, key),
    account_id: accountId,
    amount: row.amount,
    iso_currency_code: row.iso_currency_code ?? row.currency ?? "USD",
    unofficial_currency_code: null,
    date: row.date_posted,
    authorized_date: row.date_transacted,
    datetime: null,
    authorized_datetime: null,
    name: row.description,
    merchant_name: counterparty?.type === "merchant" ? counterparty.name : null,
    original_description: row.description,
    pending: row.pending ?? false,
    pending_transaction_id: null,
    payment_channel: "other",
    transaction_type: "special",
    transaction_code: null,
    account_owner: null,
    category: null,
    category_id: null,
    check_number: null,
    location: {
      address: null,
      city: null,
      region: null,
      postal_code: null,
      country: null,
      lat: null,
      lon: null,
      store_number: null,
    },
    payment_meta: {
      reference_number: null,
      ppd_id: null,
      payee: null,
      by_order_of: null,
      payer: null,
      payment_method: null,
      payment_processor: null,
      reason: null,
    },
    logo_url: null,
    website: null,
    merchant_entity_id: null,
    personal_finance_category: {
      primary: enrichment.primary,
      detailed: enrichment.detailed,
      confidence_level: "VERY_HIGH",
    },
    counterparties: counterparty
      ? [
          {
            name: counterparty.name,
            type: counterparty.type,
            entity_id: null,
            confidence_level: "HIGH",
            logo_url: null,
            website: null,
          },
        ]
      : [],
  };
}

/** Where an Item's history stands at `nowMs`. */
function historyStatusOf(item: StoredItem, nowMs: number): HistoryStatus {
  const delay = item.historyDelayMs ?? 0;
  const age = nowMs - (item.createdAtMs ?? 0);
  if (delay <= 0 || age >= delay) return HISTORY.complete;
  return age >= delay / 3 ? HISTORY.initial : HISTORY.notReady;
}

/** Rebuilds an item's accounts and change log from what is stored (deterministic). */
function materialise(stored: StoredItem): Item {
  const windowStart = formatDay(parseDay(stored.createdDay) - stored.daysRequested * DAY);
  const initialStart = formatDay(parseDay(stored.createdDay) - INITIAL_DAYS * DAY);
  // An Item whose history arrives in steps serves its last 30 days first (the initial update),
  // then the older months (the historical update); one with its history at once, oldest first.
  const phased = (stored.historyDelayMs ?? 0) > 0;
  const older = (t: PlaidTransaction) => (phased && t.date < initialStart ? 1 : 0);
  const accounts = stored.user.override_accounts.map((account, index) => ({
    account_id: hashId(stored.itemId, "account", String(index)),
    index,
    startingBalance: account.starting_balance,
    spentBeforeWindow: account.transactions
      .filter((row) => row.date_posted < windowStart && !row.pending)
      .reduce((sum, row) => sum + row.amount, 0),
    meta: account,
  }));
  const initial: PlaidTransaction[] = [];
  for (const account of accounts) {
    account.meta.transactions.forEach((row, i) => {
      if (row.date_posted < windowStart) return;
      initial.push(toPlaidTransaction(stored.itemId, account.account_id, `${account.index}:${i}`, row));
    });
  }
  initial.sort((a, b) =>
    older(a) !== older(b)
      ? older(a) - older(b)
      : a.date === b.date
        ? a.transaction_id.localeCompare(b.transaction_id)
        : a.date.localeCompare(b.date),
  );
  const item: Item = {
    ...stored,
    accounts,
    events: [],
    current: new Map(),
    initialEvents: initial.filter((t) => older(t) === 0).length,
    historyEvents: initial.length,
  };
  for (const transaction of initial) applyEvent(item, { kind: "added", transaction });
  stored.extras.forEach((extra, n) => {
    applyExtra(item, extra, n);
  });
  return item;
}

function applyEvent(item: Item, event: SyncEvent) {
  item.events.push(event);
  if (event.kind === "removed") item.current.delete(event.transaction.transaction_id);
  else item.current.set(event.transaction.transaction_id, event.transaction);
}

function applyExtra(item: Item, extra: StoredExtra, n: number) {
  switch (extra.kind) {
    case "create": {
      const account = item.accounts[extra.accountIndex] ?? item.accounts[0];
      if (!account) return;
      extra.rows.forEach((row, i) => {
        applyEvent(item, {
          kind: "added",
          transaction: toPlaidTransaction(item.itemId, account.account_id, `extra:${n}:${i}`, row),
        });
      });
      return;
    }
    case "modify": {
      const existing = item.current.get(extra.transactionId);
      if (!existing) return;
      const description = extra.description ?? existing.name;
      const amount = extra.amount ?? existing.amount;
      const enrichment = categorize(description, amount);
      applyEvent(item, {
        kind: "modified",
        transaction: {
          ...existing,
          amount,
          name: description,
          original_description: description,
          personal_finance_category: {
            primary: enrichment.primary,
            detailed: enrichment.detailed,
            confidence_level: "VERY_HIGH",
          },
        },
      });
      return;
    }
    case "remove":
      for (const id of extra.transactionIds) {
        const existing = item.current.get(id);
        if (existing) applyEvent(item, { kind: "removed", transaction: existing });
      }
      return;
    case "post_pending":
      for (const pending of [...item.current.values()].filter((t) => t.pending)) {
        applyEvent(item, { kind: "removed", transaction: pending });
        applyEvent(item, {
          kind: "added",
          transaction: {
            ...pending,
            transaction_id: hashId(pending.transaction_id, "posted"),
            pending: false,
            pending_transaction_id: pending.transaction_id,
          },
        });
      }
      return;
  }
}

function balancesOf(item: Item, accountId: string) {
  if (item.balances?.version !== item.events.length)
    item.balances = { version: item.events.length, byAccount: new Map() };
  let balances = item.balances.byAccount.get(accountId);
  if (!balances) {
    balances = computeBalances(item, accountId);
    item.balances.byAccount.set(accountId, balances);
  }
  return balances;
}

function computeBalances(item: Item, accountId: string) {
  const account = item.accounts.find((a) => a.account_id === accountId);
  if (!account) return { current: 0, available: 0 };
  // The starting balance is at the start of the whole custom history: money moved before the
  // served window counts, then every transaction the item holds now (so modified, removed and
  // created ones move the balance too).
  let current = account.startingBalance - account.spentBeforeWindow;
  let pendingOut = 0;
  for (const transaction of item.current.values()) {
    if (transaction.account_id !== accountId) continue;
    if (transaction.pending) {
      if (transaction.amount > 0) pendingOut += transaction.amount;
    } else {
      current -= transaction.amount;
    }
  }
  return {
    current: Math.round(current * 100) / 100,
    available: Math.round((current - pendingOut) * 100) / 100,
  };
}

function accountsPayload(item: Item) {
  return item.accounts.map((account) => {
    const balances = balancesOf(item, account.account_id);
    return {
      account_id: account.account_id,
      balances: {
        available: account.meta.type === "depository" ? balances.available : null,
        current: balances.current,
        limit: null,
        iso_currency_code: account.meta.currency ?? "USD",
        unofficial_currency_code: null,
      },
      mask: account.meta.meta.mask,
      name: account.meta.meta.name,
      official_name: account.meta.meta.official_name ?? null,
      type: account.meta.type,
      subtype: account.meta.subtype,
    };
  });
}

function encodeCursor(itemId: string, seq: number): string {
  return Buffer.from(`${itemId}:${seq}`).toString("base64url");
}

function decodeCursor(itemId: string, cursor: string | undefined): number {
  if (!cursor) return 0;
  const decoded = Buffer.from(cursor, "base64url").toString("utf8");
  const [owner, seqText] = decoded.split(":");
  const seq = Number(seqText);
  if (owner !== itemId || !Number.isInteger(seq) || seq < 0)
    throw new PlaidError("INVALID_FIELD", "cursor is invalid");
  return seq;
}

export async function createPlaidSandbox(options: SandboxOptions) {
  const today = options.today ?? (() => formatDay(Date.now()));
  const log = options.log ?? (() => {});
  let historyDelayMs = Math.max(0, options.historyDelayMs ?? 0);
  const timers = new Set<NodeJS.Timeout>();
  const items = new Map<string, Item>(); // by access token
  const publicTokens = new Map<string, { accessToken: string; expiresAt: number }>();
  let failures: FailureRule[] = [];
  const callCounts = new Map<string, number>();

  const { privateKey, publicKey } = await generateKeyPair("ES256", { extractable: true });
  const keyId = crypto.randomUUID();
  const createdAt = Math.floor(Date.now() / 1000);
  const publicJwk: JWK = { ...(await exportJWK(publicKey)), alg: "ES256", kid: keyId, use: "sig" };

  function load() {
    if (!options.stateFile || !existsSync(options.stateFile)) return;
    const stored = JSON.parse(readFileSync(options.stateFile, "utf8")) as StoredItem[];
    for (const item of stored) {
      const loaded = materialise(item);
      items.set(item.accessToken, loaded);
      scheduleHistory(loaded);
    }
    log(`Loaded ${stored.length} item(s) from ${options.stateFile}`);
  }

  function save() {
    if (!options.stateFile) return;
    const stored: StoredItem[] = [...items.values()].map(
      ({
        accounts: _a,
        events: _e,
        current: _c,
        balances: _b,
        initialEvents: _i,
        historyEvents: _h,
        ...rest
      }) => rest,
    );
    mkdirSync(path.dirname(options.stateFile), { recursive: true });
    const tmp = `${options.stateFile}.tmp`;
    writeFileSync(tmp, JSON.stringify(stored));
    renameSync(tmp, options.stateFile);
  }

  /** The history's steps still to come, each announced by its webhooks when it comes. */
  function scheduleHistory(item: Item) {
    const delay = item.historyDelayMs ?? 0;
    if (delay <= 0 || item.removed) return;
    const steps: [number, HistoryStatus][] = [
      [delay / 3, HISTORY.initial],
      [delay, HISTORY.complete],
    ];
    for (const [at, status] of steps) {
      const wait = (item.createdAtMs ?? 0) + at - Date.now();
      if (wait < 0) continue;
      const timer = setTimeout(() => {
        timers.delete(timer);
        void announceHistory(item, status);
      }, wait);
      timer.unref();
      timers.add(timer);
    }
  }

  async function announceHistory(item: Item, status: HistoryStatus) {
    if (item.removed) return;
    const initial = status === HISTORY.initial;
    log(`item ${item.itemId}: ${status}`);
    // The older webhooks of /transactions/get, which Plaid keeps sending beside the new one.
    await fireWebhook(item, {
      webhook_type: "TRANSACTIONS",
      webhook_code: initial ? "INITIAL_UPDATE" : "HISTORICAL_UPDATE",
      new_transactions: initial ? item.initialEvents : item.historyEvents - item.initialEvents,
      error: null,
    });
    if (item.syncCalled) await fireWebhook(item, syncUpdatesWebhook(item));
  }

  function syncUpdatesWebhook(item: StoredItem) {
    const status = historyStatusOf(item, Date.now());
    return {
      webhook_type: "TRANSACTIONS",
      webhook_code: "SYNC_UPDATES_AVAILABLE",
      initial_update_complete: status !== HISTORY.notReady,
      historical_update_complete: status === HISTORY.complete,
    };
  }

  load();

  async function fireWebhook(item: Item, body: Record<string, unknown>) {
    if (!item.webhook) return;
    const raw = JSON.stringify({ ...body, item_id: item.itemId, environment: "sandbox" });
    const jwt = await new SignJWT({
      request_body_sha256: crypto.createHash("sha256").update(raw).digest("hex"),
    })
      .setProtectedHeader({ alg: "ES256", kid: keyId, typ: "JWT" })
      .setIssuedAt()
      .sign(privateKey);
    try {
      const response = await fetch(item.webhook, {
        method: "POST",
        headers: { "Content-Type": "application/json", "Plaid-Verification": jwt },
        body: raw,
        signal: AbortSignal.timeout(10_000),
      });
      log(`webhook ${String(body.webhook_code)} → ${item.webhook}: ${response.status}`);
    } catch (error) {
      log(`webhook ${String(body.webhook_code)} → ${item.webhook} failed: ${String(error)}`);
    }
  }

  function authenticate(req: Request) {
    const clientId = req.get("PLAID-CLIENT-ID") ?? req.body?.client_id;
    const secret = req.get("PLAID-SECRET") ?? req.body?.secret;
    if (clientId !== options.clientId || secret !== options.secret) throw new PlaidError("INVALID_API_KEYS");
  }

  function itemFor(req: Request, { allowLoginRequired = false } = {}): Item {
    const token = req.body?.access_token;
    if (typeof token !== "string" || token.length === 0)
      throw new PlaidError("MISSING_FIELDS", "access_token");
    const item = items.get(token);
    if (!item) throw new PlaidError("INVALID_ACCESS_TOKEN");
    // Plaid forgets a removed Item: its access token now names nothing it knows.
    if (item.removed) throw new PlaidError("ITEM_NOT_FOUND");
    if (item.loginRequired && !allowLoginRequired) throw new PlaidError("ITEM_LOGIN_REQUIRED");
    return item;
  }

  async function applyFailures(endpoint: string) {
    const count = (callCounts.get(endpoint) ?? 0) + 1;
    callCounts.set(endpoint, count);
    for (const rule of failures) {
      if (rule.endpoint !== endpoint && rule.endpoint !== "*") continue;
      if (count <= rule.after || rule.times <= 0) continue;
      rule.times -= 1;
      if (rule.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, rule.delayMs));
      if (rule.error === "SLOW") continue;
      throw new PlaidError(
        rule.error === "RATE_LIMIT_EXCEEDED" ? (RATE_LIMITS[endpoint] ?? "RATE_LIMIT") : rule.error,
      );
    }
  }

  const app = express();
  app.disable("x-powered-by");
  app.set("etag", false); // Plaid sends no ETags; hashing every 500 KB page cost the sandbox time
  app.use(express.json({ limit: "20mb" }));

  type Handler = (req: Request) => Promise<Record<string, unknown>> | Record<string, unknown>;
  const route = (endpoint: string, handler: Handler, { authenticated = true } = {}) => {
    app.post(endpoint, async (req: Request, res: Response, next: NextFunction) => {
      try {
        if (authenticated) authenticate(req);
        await applyFailures(endpoint);
        const body = await handler(req);
        res.json({ ...body, request_id: requestId() });
      } catch (error) {
        next(error);
      }
    });
  };

  route("/link/token/create", (req) => {
    const body = req.body ?? {};
    if (!body.user?.client_user_id) throw new PlaidError("MISSING_FIELDS", "user.client_user_id");
    if (body.access_token) itemFor(req, { allowLoginRequired: true });
    return {
      link_token: `link-sandbox-${crypto.randomUUID()}`,
      expiration: new Date(Date.now() + 4 * 3_600_000).toISOString(),
    };
  });

  route("/sandbox/public_token/create", (req) => {
    const body = req.body ?? {};
    const institutionId = typeof body.institution_id === "string" ? body.institution_id : "ins_109508";
    const opts = body.options ?? {};
    let user: CustomUser;
    if (opts.override_username === "user_custom") {
      let parsed: unknown;
      try {
        parsed = JSON.parse(String(opts.override_password ?? ""));
      } catch {
        throw new PlaidError("INVALID_FIELD", "override_password must hold a custom user as JSON");
      }
      const spec = parsed as { persona?: unknown; override_accounts?: unknown };
      if (isPersonaId(spec.persona)) user = personaCustomUser(spec.persona, today());
      else if (Array.isArray(spec.override_accounts) && spec.override_accounts.length > 0)
        user = spec as CustomUser;
      else
        throw new PlaidError(
          "INVALID_FIELD",
          "override_password must name a persona or hold override_accounts",
        );
    } else {
      user = personaCustomUser("steady_exporter", today());
    }
    const itemId = hashId("item", crypto.randomUUID());
    const accessToken = `access-sandbox-${crypto.randomUUID()}`;
    const stored: StoredItem = {
      itemId,
      accessToken,
      institutionId,
      institutionName:
        institutionId === "ins_109508" ? "First Platypus Bank" : `Sandbox institution ${institutionId}`,
      user,
      createdDay: today(),
      webhook: typeof opts.webhook === "string" ? opts.webhook : null,
      daysRequested: Math.min(Math.max(Number(opts.transactions?.days_requested ?? 90), 1), 730),
      loginRequired: false,
      removed: false,
      extras: [],
      createdAtMs: Date.now(),
      historyDelayMs,
      syncCalled: false,
    };
    const item = materialise(stored);
    items.set(accessToken, item);
    scheduleHistory(item);
    save();
    const publicToken = `public-sandbox-${crypto.randomUUID()}`;
    publicTokens.set(publicToken, { accessToken, expiresAt: Date.now() + 30 * 60_000 });
    return { public_token: publicToken };
  });

  route("/item/public_token/exchange", (req) => {
    const token = req.body?.public_token;
    const entry = typeof token === "string" ? publicTokens.get(token) : undefined;
    if (!entry || entry.expiresAt < Date.now()) throw new PlaidError("INVALID_PUBLIC_TOKEN");
    publicTokens.delete(token);
    const item = items.get(entry.accessToken);
    if (!item) throw new PlaidError("INVALID_PUBLIC_TOKEN");
    return { access_token: item.accessToken, item_id: item.itemId };
  });

  const itemPayload = (item: Item) => ({
    item_id: item.itemId,
    institution_id: item.institutionId,
    institution_name: item.institutionName,
    webhook: item.webhook ?? "",
    error: null,
    available_products: ["balance"],
    billed_products: ["transactions"],
    products: ["transactions"],
    consent_expiration_time: null,
    update_type: "background",
  });

  route("/accounts/get", (req) => {
    const item = itemFor(req);
    return { accounts: accountsPayload(item), item: itemPayload(item) };
  });

  route("/item/get", (req) => {
    const item = itemFor(req, { allowLoginRequired: true });
    return { item: itemPayload(item), status: null };
  });

  route("/transactions/sync", (req) => {
    const item = itemFor(req);
    const count = req.body?.count ?? 100;
    if (!Number.isInteger(count) || count < 1 || count > 500)
      throw new PlaidError("INVALID_FIELD", "count must be from 1 to 500");
    const seq = decodeCursor(item.itemId, req.body?.cursor);
    if (!item.syncCalled) {
      item.syncCalled = true;
      save();
    }
    const history = historyStatusOf(item, Date.now());
    // What Plaid has fetched so far: nothing, the last 30 days, or everything.
    const served =
      history === HISTORY.complete
        ? item.events.length
        : history === HISTORY.initial
          ? item.initialEvents
          : 0;
    const page = item.events.slice(Math.min(seq, served), Math.min(seq + count, served));
    const pick = (kind: SyncEvent["kind"]) =>
      page.filter((event) => event.kind === kind).map((event) => event.transaction);
    const next = Math.min(seq, served) + page.length;
    return {
      accounts: accountsPayload(item),
      added: pick("added"),
      modified: pick("modified"),
      removed: pick("removed").map((t) => ({ transaction_id: t.transaction_id, account_id: t.account_id })),
      // No transactions yet: an empty cursor, as Plaid gives.
      next_cursor: history === HISTORY.notReady && seq === 0 ? "" : encodeCursor(item.itemId, next),
      has_more: next < served,
      transactions_update_status: history,
    };
  });

  route("/item/remove", (req) => {
    const item = itemFor(req, { allowLoginRequired: true });
    item.removed = true;
    save();
    return {};
  });

  route("/sandbox/item/reset_login", (req) => {
    const item = itemFor(req, { allowLoginRequired: true });
    item.loginRequired = true;
    save();
    void fireWebhook(item, {
      webhook_type: "ITEM",
      webhook_code: "ERROR",
      error: {
        error_type: "ITEM_ERROR",
        error_code: "ITEM_LOGIN_REQUIRED",
        error_message: ERRORS.ITEM_LOGIN_REQUIRED.message,
        display_message: ERRORS.ITEM_LOGIN_REQUIRED.display,
        status: 400,
      },
    });
    return { reset_login: true };
  });

  route("/sandbox/item/fire_webhook", (req) => {
    const item = itemFor(req, { allowLoginRequired: true });
    const code = req.body?.webhook_code;
    if (code === "SYNC_UPDATES_AVAILABLE") void fireWebhook(item, syncUpdatesWebhook(item));
    else if (code === "DEFAULT_UPDATE")
      void fireWebhook(item, {
        webhook_type: "TRANSACTIONS",
        webhook_code: code,
        new_transactions: 0,
        error: null,
      });
    else if (code === "NEW_ACCOUNTS_AVAILABLE")
      void fireWebhook(item, { webhook_type: "ITEM", webhook_code: code, error: null });
    else if (code === "USER_PERMISSION_REVOKED" || code === "USER_ACCOUNT_REVOKED")
      void fireWebhook(item, { webhook_type: "ITEM", webhook_code: code, error: null });
    else throw new PlaidError("INVALID_FIELD", "webhook_code is not supported");
    return { webhook_fired: true };
  });

  route("/sandbox/transactions/create", (req) => {
    const item = itemFor(req);
    const rows = req.body?.transactions;
    if (!Array.isArray(rows) || rows.length === 0 || rows.length > 500)
      throw new PlaidError("INVALID_FIELD", "transactions must hold 1 to 500 rows");
    for (const row of rows) {
      if (
        typeof row?.amount !== "number" ||
        typeof row?.description !== "string" ||
        !/^\d{4}-\d{2}-\d{2}$/.test(String(row?.date_posted)) ||
        !/^\d{4}-\d{2}-\d{2}$/.test(String(row?.date_transacted))
      ) {
        throw new PlaidError(
          "INVALID_FIELD",
          "each transaction needs amount, description, date_posted and date_transacted",
        );
      }
    }
    const extra: StoredExtra = { kind: "create", accountIndex: 0, rows };
    applyExtra(item, extra, item.extras.length);
    item.extras.push(extra);
    save();
    void announceChanges(item, rows.length);
    return {};
  });

  route("/webhook_verification_key/get", (req) => {
    if (req.body?.key_id !== keyId) throw new PlaidError("INVALID_FIELD", "key_id is unknown");
    return { key: { ...publicJwk, created_at: createdAt, expired_at: null } };
  });

  // ── local extensions ──

  route("/sandbox/local/personas/list", () => ({ personas: PERSONAS }));

  route("/sandbox/local/failures/set", (req) => {
    const rules = req.body?.rules;
    if (!Array.isArray(rules)) throw new PlaidError("INVALID_FIELD", "rules must be a list");
    failures = rules.map((rule: Partial<FailureRule>) => ({
      endpoint: String(rule.endpoint ?? "*"),
      error: (rule.error ?? "INTERNAL_SERVER_ERROR") as FailureRule["error"],
      after: Number(rule.after ?? 0),
      times: rule.times === undefined ? Number.POSITIVE_INFINITY : Number(rule.times),
      delayMs: Number(rule.delayMs ?? 0),
    }));
    callCounts.clear();
    return { rules: failures.length };
  });

  /** New transactions: the older DEFAULT_UPDATE (with their number), then SYNC_UPDATES_AVAILABLE. */
  async function announceChanges(item: Item, newTransactions: number) {
    if (newTransactions > 0)
      await fireWebhook(item, {
        webhook_type: "TRANSACTIONS",
        webhook_code: "DEFAULT_UPDATE",
        new_transactions: newTransactions,
        error: null,
      });
    await fireWebhook(item, syncUpdatesWebhook(item));
  }

  route("/sandbox/local/history/delay", (req) => {
    const delay = req.body?.delay_ms;
    if (!Number.isInteger(delay) || delay < 0 || delay > 3_600_000)
      throw new PlaidError("INVALID_FIELD", "delay_ms must be a whole number of milliseconds, up to an hour");
    historyDelayMs = delay;
    return { delay_ms: historyDelayMs };
  });

  route("/sandbox/local/failures/clear", () => {
    failures = [];
    callCounts.clear();
    return {};
  });

  route("/sandbox/local/item/login", (req) => {
    const item = itemFor(req, { allowLoginRequired: true });
    item.loginRequired = false;
    save();
    void fireWebhook(item, { webhook_type: "ITEM", webhook_code: "LOGIN_REPAIRED" });
    return { login_repaired: true };
  });

  const mutate = (req: Request, extra: StoredExtra) => {
    const item = itemFor(req);
    const before = item.events.length;
    applyExtra(item, extra, item.extras.length);
    item.extras.push(extra);
    save();
    const added = item.events.slice(before).filter((event) => event.kind === "added").length;
    void announceChanges(item, added);
    return {};
  };

  route("/sandbox/local/transactions/modify", (req) =>
    mutate(req, {
      kind: "modify",
      transactionId: String(req.body?.transaction_id ?? ""),
      amount: req.body?.amount,
      description: req.body?.description,
    }),
  );
  route("/sandbox/local/transactions/remove", (req) =>
    mutate(req, {
      kind: "remove",
      transactionIds: Array.isArray(req.body?.transaction_ids) ? req.body.transaction_ids.map(String) : [],
    }),
  );
  route("/sandbox/local/transactions/post_pending", (req) => mutate(req, { kind: "post_pending" }));

  app.use((req: Request, res: Response) => {
    res.status(404).json(errorBody("INVALID_FIELD", `unknown endpoint ${req.path}`));
  });
  app.use((error: unknown, _req: Request, res: Response, _next: NextFunction) => {
    if (error instanceof PlaidError) {
      res.status(ERRORS[error.code].status).json(errorBody(error.code, error.detail));
      return;
    }
    if (error instanceof SyntaxError) {
      res.status(400).json(errorBody("INVALID_FIELD", "the body is not valid JSON"));
      return;
    }
    log(`sandbox error: ${String(error)}`);
    res.status(500).json(errorBody("INTERNAL_SERVER_ERROR"));
  });

  function errorBody(code: ErrorCode, detail?: string) {
    const spec = ERRORS[code];
    return {
      error_type: spec.type,
      error_code: code,
      error_message: detail ? `${spec.message}: ${detail}` : spec.message,
      display_message: spec.display,
      request_id: requestId(),
      causes: [],
      status: spec.status,
      documentation_url: `https://plaid.com/docs/errors/`,
      suggested_action: null,
    };
  }

  return {
    app,
    /** Starts listening; port 0 picks a free port. */
    listen(
      port: number,
      host = "127.0.0.1",
    ): Promise<{ port: number; url: string; close: () => Promise<void> }> {
      return new Promise((resolve) => {
        const server: Server = app.listen(port, host, () => {
          // Idle keep-alive connections stay open a minute (Node's default is 5 s): a client that
          // pauses between calls — a long write between two pages — must not find its socket
          // closed under it.
          server.keepAliveTimeout = 65_000;
          server.headersTimeout = 66_000;
          const address = server.address();
          const actual = typeof address === "object" && address ? address.port : port;
          resolve({
            port: actual,
            url: `http://${host}:${actual}`,
            close: () =>
              new Promise<void>((done) => {
                for (const timer of timers) clearTimeout(timer);
                timers.clear();
                server.close(() => done());
              }),
          });
        });
      });
    },
  };
}

/** PLAID_SANDBOX_HISTORY_DELAY_MS: 4 seconds unless set (0: the history is there at once). */
function historyDelayFromEnv(value: string | undefined): number {
  if (value === undefined || value.trim() === "") return 4000;
  const delay = Number(value);
  if (!Number.isInteger(delay) || delay < 0) {
    throw new Error(`PLAID_SANDBOX_HISTORY_DELAY_MS must be a whole number of milliseconds, not "${value}".`);
  }
  return delay;
}

// `npm run plaid:sandbox`
if (import.meta.url === `file://${process.argv[1]}`) {
  if (existsSync(".env")) process.loadEnvFile(".env");
  const port = Number(process.env.PLAID_SANDBOX_PORT ?? 4010);
  const sandbox = await createPlaidSandbox({
    clientId: process.env.PLAID_CLIENT_ID ?? "local-client-id",
    secret: process.env.PLAID_SECRET ?? "local-secret",
    today: process.env.PLAID_SANDBOX_TODAY ? () => String(process.env.PLAID_SANDBOX_TODAY) : undefined,
    // PLAID_SANDBOX_STATE="" keeps items in memory only.
    stateFile:
      process.env.PLAID_SANDBOX_STATE === ""
        ? undefined
        : (process.env.PLAID_SANDBOX_STATE ?? path.resolve("data/plaid-sandbox-state.json")),
    log: (line) => console.info(`[plaid-sandbox] ${line}`),
    // Like Plaid, a new Item's history takes a moment; 0 makes it immediate.
    historyDelayMs: historyDelayFromEnv(process.env.PLAID_SANDBOX_HISTORY_DELAY_MS),
  });
  const { url, close } = await sandbox.listen(port);
  console.info(`[plaid-sandbox] Plaid-compatible local sandbox on ${url}`);
  for (const signal of ["SIGTERM", "SIGINT"] as const)
    process.once(signal, () => {
      void close().finally(() => process.exit(0));
      setTimeout(() => process.exit(0), 2000).unref();
    });
}
