// The built app as production runs it (`node server.js`), in a child process on a free port and on
// this test file's database, with everything it prints kept for the test to read.
import { type ChildProcess, spawn } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { createServer } from "node:net";
import { TEST_ENV } from "./test-env";

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

/** The pids of a process's children (a cluster's workers), from /proc. */
export function childPids(pid: number): number[] {
  return readdirSync("/proc")
    .filter((entry) => /^\d+$/.test(entry))
    .filter((entry) => {
      try {
        const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
        // After the parenthesised command name: the state, then the parent's pid.
        return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]) === pid;
      } catch {
        return false;
      }
    })
    .map(Number);
}

export type AppServer = {
  child: ChildProcess;
  port: number;
  url: string;
  /** What this server has printed so far (stdout and stderr). */
  output: () => string;
  /** SIGTERM, then waits for the exit. */
  stop: () => Promise<void>;
};

/** Starts the server and waits until it listens; `env` adds to the production test environment. */
export async function startAppServer(env: Record<string, string>, port?: number): Promise<AppServer> {
  const chosen = port ?? (await freePort());
  const url = `http://localhost:${chosen}`;
  const child = spawn(process.execPath, ["server.js"], {
    env: {
      ...process.env,
      ...TEST_ENV,
      NODE_ENV: "production",
      BCRYPT_COST: "12",
      PORT: String(chosen),
      APP_URL: url,
      DATABASE_URL: process.env.DATABASE_URL,
      PLAID_ENV: "local",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let printed = "";
  const collect = (chunk: Buffer) => {
    printed += chunk.toString();
  };
  child.stdout?.on("data", collect);
  child.stderr?.on("data", collect);
  for (let i = 0; i < 600 && !printed.includes("listening"); i++) {
    if (child.exitCode !== null) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  if (!printed.includes("listening")) throw new Error(`The server did not start:\n${printed}`);
  return {
    child,
    port: chosen,
    url,
    output: () => printed,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      await new Promise((resolve) => {
        child.once("exit", resolve);
        child.kill("SIGTERM");
      });
    },
  };
}
