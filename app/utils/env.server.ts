// The environment, parsed once with zod. Everything else reads the typed `env()` object.
// Bad configuration stops the server at start with a message that names the variable.
import path from "node:path";
import { z } from "zod";

const base64Key = z
  .string()
  .refine((value) => Buffer.from(value, "base64").length === 32, "must be 32 bytes, base64-encoded");

const EnvSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  // Links in e-mails are built on it: an absolute http(s) address ("localhost:3000" would parse as
  // a URL with the scheme "localhost:" and break every invitation link).
  APP_URL: z
    .url({
      protocol: /^https?$/,
      error: "must be an absolute http(s) address, e.g. https://tradelift.example",
    })
    .default("http://localhost:3000"),
  // The engine follows the URL (app/utils/db.server.ts, docs/decisions/0010-two-database-engines.md).
  DATABASE_URL: z
    .string()
    .regex(
      /^(file:|postgres(ql)?:\/\/)/,
      "must be a file: URL (SQLite, e.g. file:/srv/tradelift/tradelift.db) or a postgresql:// URL",
    )
    .default(`file:${path.resolve("prisma/data/tradelift.db")}`),
  // A comma-separated list, newest first: cookies are signed with the first and accepted with any,
  // so a secret can be rotated without signing everyone out (add the new one in front, drop the
  // old one after SESSION_TTL_DAYS).
  SESSION_SECRET: z
    .string()
    .transform((value) => value.split(",").map((secret) => secret.trim()))
    .pipe(
      z
        .array(z.string().min(32, "each secret must be at least 32 characters"))
        .min(1)
        .max(5, "keep at most 5 secrets"),
    ),
  ENCRYPTION_KEY: base64Key,
  SESSION_TTL_DAYS: z.coerce.number().int().min(1).max(90).default(14),
  INVITATION_TTL_HOURS: z.coerce.number().int().min(1).max(720).default(72),
  // Failed log-ins from one source (address and IP) that stop that source (login-throttle.ts).
  LOGIN_LOCK_THRESHOLD: z.coerce.number().int().min(4).max(100).default(10),
  LOGIN_LOCK_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(15),
  LOGIN_RATE_LIMIT_PER_IP: z.coerce.number().int().min(1).max(100_000).default(30),
  LOGIN_RATE_LIMIT_WINDOW_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(15),
  BCRYPT_COST: z.coerce.number().int().min(4).max(15).default(12),
  // Who runs this installation: the sender of the notices no single lender sends (nothing matched,
  // no lender left). Notices print the address; set it in production.
  OPERATOR_NAME: z.string().trim().min(2).max(120).default("TradeLift"),
  OPERATOR_ADDRESS: z.string().trim().min(10, "must be a full postal address").max(300).optional(),
  SMTP_URL: z.string().optional(),
  EMAIL_FROM: z.string().default("TradeLift <no-reply@tradelift.local>"),
  // PostgreSQL only: connections each server process keeps open (SQLite has one file, no pool).
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(500).default(10),
  DATABASE_BUSY_TIMEOUT_MS: z.coerce.number().int().min(0).max(60_000).default(5000),
  UPLOAD_DIR: z.string().default(path.resolve("data/uploads")),
  // Where uploaded files go (app/utils/storage.server.ts); unset: the database on PostgreSQL, so
  // every app server reads them, and UPLOAD_DIR on SQLite.
  STORAGE: z.enum(["disk", "database"]).optional(),
  // How often each app server runs the scheduled jobs (app/entry.server.tsx); 0: this server runs
  // none (every server may run them: docs/deploy.md).
  JOBS_INTERVAL_SECONDS: z.coerce.number().int().min(0).max(3600).default(60),
  APPLICATION_STALE_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  MAX_REFERRALS_PER_APPLICATION: z.coerce.number().int().min(1).max(50).default(5),
  PLAID_ENV: z.enum(["local", "sandbox", "production"]).default("local"),
  PLAID_CLIENT_ID: z.string().min(1).default("local-client-id"),
  PLAID_SECRET: z.string().min(1).default("local-secret"),
  PLAID_BASE_PATH: z.url().optional(),
  PLAID_SANDBOX_PORT: z.coerce.number().int().min(1).max(65535).default(4010),
  PLAID_WEBHOOK_URL: z.url().optional(),
  PLAID_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(30_000),
  PLAID_SYNC_RETRY_BASE_MS: z.coerce.number().int().min(0).max(60_000).default(500),
  /** A sync whose heartbeat is older than this was interrupted (its process died) and may resume. */
  PLAID_SYNC_LEASE_MS: z.coerce.number().int().min(1000).max(3_600_000).default(120_000),
  PLAID_SYNC_MAX_RETRIES: z.coerce.number().int().min(0).max(10).default(4),
});

export type Env = z.infer<typeof EnvSchema>;

let cached: Env | undefined;

export function parseEnv(source: NodeJS.ProcessEnv): Env {
  const result = EnvSchema.safeParse(source);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `  - ${issue.path.join(".")}: ${issue.message}`);
    throw new Error(
      `TradeLift cannot start: the configuration is invalid.\n${lines.join("\n")}\n` +
        "See the Configuration section of README.md (npm run setup writes a working .env).",
    );
  }
  const env = result.data;
  if (
    env.PLAID_ENV !== "local" &&
    (env.PLAID_CLIENT_ID === "local-client-id" || env.PLAID_SECRET === "local-secret")
  ) {
    throw new Error(
      `TradeLift cannot start: PLAID_ENV=${env.PLAID_ENV} needs PLAID_CLIENT_ID and PLAID_SECRET from Plaid's dashboard.`,
    );
  }
  if (env.NODE_ENV === "production" && env.BCRYPT_COST < 12) {
    throw new Error("TradeLift cannot start: BCRYPT_COST must be at least 12 in production.");
  }
  return env;
}

export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

/** Tests only: change settings after start (e.g. the port of a sandbox started by the test). */
export function overrideEnvForTests(values: Partial<Env>): void {
  if (env().NODE_ENV !== "test") throw new Error("overrideEnvForTests is for tests only.");
  cached = { ...env(), ...values };
}
