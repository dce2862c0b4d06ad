// The environment every test process runs with: fixed test secrets, never the developer's .env.
import { tmpdir } from "node:os";
import path from "node:path";

export const TEST_ENV = {
  UPLOAD_DIR: path.join(tmpdir(), "tradelift-test-uploads"),
  NODE_ENV: "test",
  SESSION_SECRET: "test-session-secret-that-is-long-enough-0123456789",
  ENCRYPTION_KEY: Buffer.alloc(32, 7).toString("base64"),
  APP_URL: "http://localhost:3000",
  // Cheap hashes keep integration tests fast; production refuses a cost under 12 (env.server.ts).
  BCRYPT_COST: "4",
  // A locked database answers within half a second in tests (production waits up to 5 s).
  DATABASE_BUSY_TIMEOUT_MS: "500",
  // The installation's operator, named in the notices it sends in its own name.
  OPERATOR_NAME: "TradeLift, Inc.",
  OPERATOR_ADDRESS: "1 Operator Way, Portland, OR 97209",
} as const;

/** The file in which the browser tests' server on `port` writes its database URL. */
export function e2eDatabaseUrlFile(port: string): string {
  return path.join(tmpdir(), `tradelift-e2e-${port}.database-url`);
}
