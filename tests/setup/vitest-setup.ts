import { afterAll, afterEach, beforeEach, vi } from "vitest";
import { createTestDatabase, removeTestDatabase } from "./test-database";
import { TEST_ENV } from "./test-env";

Object.assign(process.env, TEST_ENV);
const database = createTestDatabase("vitest");
process.env.DATABASE_URL = database.url;
// PostgreSQL makes a writer wait on the very row a concurrent transaction is writing (a duplicate
// key, a locked status) until that transaction ends; on a loaded CI machine that can take longer
// than the half second SQLite's single write lock is given in tests.
if (database.engine === "postgresql") process.env.DATABASE_BUSY_TIMEOUT_MS = "3000";
delete (globalThis as { __tradeliftPrisma?: unknown }).__tradeliftPrisma;

// A console.error during a test is a failure: an error the code logged is one the test missed.
let consoleErrors: unknown[][] = [];
beforeEach(() => {
  consoleErrors = [];
  vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => {
    consoleErrors.push(args);
  });
});
afterEach(() => {
  const errors = consoleErrors;
  consoleErrors = [];
  if (errors.length > 0) {
    throw new Error(
      `console.error was called during the test:\n${errors.map((args) => args.map(String).join(" ")).join("\n")}`,
    );
  }
});
afterAll(async () => {
  const client = (globalThis as { __tradeliftPrisma?: { $disconnect(): Promise<void> } }).__tradeliftPrisma;
  await client?.$disconnect();
  removeTestDatabase(database.url);
});
