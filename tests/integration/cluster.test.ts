// WEB_CONCURRENCY=2: the built server runs two processes behind one port (node:cluster). A user
// signs in on one process and is served by both; a process killed outright is replaced while the
// other keeps serving; SIGTERM stops all of them and the primary exits cleanly.
import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMerchant, unique } from "#tests/factories";
import { prisma } from "~/utils/db.server";
import { type AppServer, childPids, startAppServer } from "../setup/app-server";

const PASSWORD = "cluster ledger osaka 2026";
let server: AppServer;

/** A GET on a fresh TCP connection each time, so the primary hands requests to either worker. */
function get(path: string, cookie = ""): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = http.get(
      `${server.url}${path}`,
      { agent: false, headers: cookie ? { cookie } : {} },
      (response) => {
        let body = "";
        response.setEncoding("utf8");
        response.on("data", (chunk: string) => {
          body += chunk;
        });
        response.on("end", () => resolve({ status: response.statusCode ?? 0, body }));
      },
    );
    request.on("error", reject);
  });
}

async function until(condition: () => boolean, what: string, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}:\n${server.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

beforeAll(async () => {
  server = await startAppServer({ WEB_CONCURRENCY: "2" });
  await until(() => server.output().includes("running 2 server processes"), "both workers");
}, 60_000);

afterAll(async () => {
  await server.stop();
});

describe("several server processes", () => {
  it("serve one signed-in user from any process, replace a killed one, and stop together", async () => {
    const primary = server.child.pid ?? 0;
    const workers = childPids(primary);
    expect(workers).toHaveLength(2);

    const email = `${unique("cluster")}@example.com`;
    await createMerchant(prisma, {
      email,
      userName: "Cluster Owner",
      password: PASSWORD,
      legalName: "Cluster Exports LLC",
    });
    const login = await fetch(`${server.url}/login`, {
      method: "POST",
      redirect: "manual",
      headers: { Origin: server.url, "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ email, password: PASSWORD, redirectTo: "" }),
    });
    expect(login.status).toBe(302);
    const cookie =
      (login.headers.getSetCookie().find((c) => c.startsWith("__session=")) ?? "").split(";")[0] ?? "";
    expect(cookie).toMatch(/^__session=.+/);

    // Round-robin over fresh connections: each process answers some of these, all signed in.
    const pages = await Promise.all(Array.from({ length: 12 }, () => get("/merchant", cookie)));
    for (const page of pages) {
      expect(page.status).toBe(200);
      expect(page.body).toContain("Cluster Exports LLC");
    }

    process.kill(workers[0] ?? 0, "SIGKILL");
    await until(() => server.output().includes("starting another"), "the primary to notice");
    const whileReplacing = await Promise.all(Array.from({ length: 6 }, () => get("/merchant", cookie)));
    expect(whileReplacing.map((page) => page.status)).toEqual(Array(6).fill(200));
    await until(
      () => (server.output().match(/listening on/g) ?? []).length === 3 && childPids(primary).length === 2,
      "the replacement process",
    );
    const replaced = childPids(primary);
    expect(replaced).not.toContain(workers[0]);
    expect(replaced).toContain(workers[1]);
    expect((await get("/merchant", cookie)).status).toBe(200);

    const exited = new Promise<number | null>((resolve) =>
      server.child.once("exit", (code) => resolve(code)),
    );
    server.child.kill("SIGTERM");
    expect(await exited).toBe(0);
    for (const pid of replaced) expect(() => process.kill(pid, 0)).toThrow();
  }, 60_000);
});
