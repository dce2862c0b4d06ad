// Child processes that `npm start`, `npm run dev` and the browser tests run beside the app.
import { type ChildProcess, spawn } from "node:child_process";

const children: ChildProcess[] = [];

export function startChild(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv = process.env,
): ChildProcess {
  const child = spawn(command, args, { stdio: "inherit", env });
  children.push(child);
  return child;
}

/** The local Plaid sandbox, when PLAID_ENV is local (the default). */
export function startPlaidSandbox(env: NodeJS.ProcessEnv = process.env): ChildProcess | null {
  if ((env.PLAID_ENV ?? "local") !== "local" || env.PLAID_BASE_PATH) return null;
  return startChild(process.execPath, ["--import", "tsx", "scripts/plaid-sandbox/server.ts"], env);
}

/** Waits until a URL answers (any HTTP status). */
export async function waitForUrl(url: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await fetch(url, { method: "POST", signal: AbortSignal.timeout(1000) });
      return;
    } catch {
      if (Date.now() > deadline) throw new Error(`${url} did not answer within ${timeoutMs} ms.`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}

/** Stops every child with the parent, and the parent when the main child exits. */
export function superviseChildren(main: ChildProcess): void {
  const stopAll = (signal: NodeJS.Signals) => {
    for (const child of children) if (child.exitCode === null) child.kill(signal);
  };
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => stopAll(signal));
  main.on("exit", (code) => {
    stopAll("SIGTERM");
    process.exit(code ?? 0);
  });
}
