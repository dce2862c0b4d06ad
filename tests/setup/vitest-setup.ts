import { afterAll, afterEach, beforeEach, vi } from "vitest";
import { createTestDatabase, removeTestDatabase } from "./test-database";
import { TEST_ENV } from "./test-env";

Object.assign(process.env, TEST_ENV);
const database = createTestDatabase("vitest");
process.env.DATABASE_URL = database.url;
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
