// The environment of the benchmarks that touch a database: a fresh SQLite file with every
// migration applied, fixed secrets, and the local Plaid sandbox in its own process (as Plaid is a
// remote service in production, it must not share the app's event loop).
import { type ChildProcess, spawn } from "node:child_process";
import { childPids, freePort } from "../../tests/setup/app-server";
import { createTestDatabase, removeTestDatabase } from "../../tests/setup/test-database";
import { TEST_ENV } from "../../tests/setup/test-env";

export { childPids, freePort };

export const BENCH_SANDBOX_TODAY = "2026-11-20";

export type BenchDatabase = { file: string; url: string; engine: "sqlite" | "postgresql" };

/**
 * Points this process at a fresh database of the engine (PostgreSQL: made on the server of
 * TEST_POSTGRES_URL, which run.ts sets). Call it before anything imports ~/utils/db.server.
 */
export function createBenchDatabase(engine: "sqlite" | "postgresql" = "sqlite"): BenchDatabase {
  const database = createTestDatabase("bench", { engine });
  process.once("exit", () => removeTestDatabase(database.file));
  Object.assign(process.env, TEST_ENV, { DATABASE_URL: database.url, PLAID_ENV: "local" });
  // As in the tests on PostgreSQL (tests/setup/vitest-setup.ts): a writer waits on the very row
  // another transaction writes until it ends, which under load can outlast half a second.
  if (engine === "postgresql") process.env.DATABASE_BUSY_TIMEOUT_MS = "3000";
  return database;
}

/** Starts `node` with the given script and resolves once a line of its output matches `ready`. */
export async function startProcess(
  args: string[],
  env: NodeJS.ProcessEnv,
  ready: RegExp,
  timeoutMs = 60_000,
): Promise<ChildProcess> {
  const child = spawn(process.execPath, args, { env, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`${args.join(" ")} did not start:\n${output}`)),
      timeoutMs,
    );
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (ready.test(output)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`${args.join(" ")} exited with ${code}:\n${output}`));
    });
  });
  child.removeAllListeners("exit");
  child.once("exit", (code, signal) => {
    if (code !== 0 && signal !== "SIGTERM")
      console.error(`${args.join(" ")} stopped (${code ?? signal}):\n${output.slice(-3000)}`);
  });
  return child;
}

export async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  await new Promise<void>((resolve) => {
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
  });
}

/** The local Plaid sandbox in a child process, with items in memory only. */
export async function startBenchSandbox(): Promise<{ url: string; stop: () => Promise<void> }> {
  const port = await freePort();
  const child = await startProcess(
    [
      ...(process.env.BENCH_PROFILE_SANDBOX ? ["--cpu-prof", "--cpu-prof-dir=/tmp/prof/sandbox"] : []),
      "--import",
      "tsx",
      "scripts/plaid-sandbox/server.ts",
    ],
    {
      ...process.env,
      PLAID_SANDBOX_PORT: String(port),
      PLAID_SANDBOX_STATE: "",
      PLAID_SANDBOX_TODAY: BENCH_SANDBOX_TODAY,
      // The benchmarks measure syncing a whole history: it is there from the start.
      PLAID_SANDBOX_HISTORY_DELAY_MS: "0",
      PLAID_CLIENT_ID: "local-client-id",
      PLAID_SECRET: "local-secret",
    },
    /Plaid-compatible local sandbox on/,
  );
  return { url: `http://127.0.0.1:${port}`, stop: () => stopProcess(child) };
}
