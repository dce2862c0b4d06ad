import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { postWebhook } from "./transport.server";

// A receiver on this machine: what production must never reach, and what a local install may.
let server: Server;
let port: number;
const received: string[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    received.push(req.url ?? "");
    if (req.url === "/moved") {
      res.writeHead(302, { Location: "http://169.254.169.254/latest/meta-data/" }).end();
      return;
    }
    if (req.url === "/slow") return; // never answers
    res.writeHead(204).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const send = (url: string, production: boolean, timeoutMs = 5_000) =>
  postWebhook(url, { headers: { "Content-Type": "application/json" }, body: "{}", timeoutMs, production });

describe("a webhook attempt", () => {
  it("reaches a receiver on this machine when the installation itself is local", async () => {
    received.length = 0;
    expect(await send(`http://127.0.0.1:${port}/hook`, false)).toEqual({ ok: true, code: 204 });
    expect(received).toEqual(["/hook"]);
  });

  it("in production, refuses a private address written in the URL and a name that resolves to one, at connection time", async () => {
    received.length = 0;
    const refused = { ok: false, code: null, error: "The address resolves to a private network; not sent." };
    expect(await send(`http://127.0.0.1:${port}/literal`, true)).toEqual(refused);
    // `localhost` is a name: it is refused by what it resolves to when the socket connects, the
    // check that a name rebound to a private address since its registration meets.
    expect(await send(`http://localhost:${port}/name`, true)).toEqual(refused);
    expect(await send(`http://[::1]:${port}/v6`, true)).toEqual(refused);
    expect(received).toEqual([]);
  });

  it("never follows a redirect, and gives up on a receiver that does not answer in time", async () => {
    received.length = 0;
    expect(await send(`http://127.0.0.1:${port}/moved`, false)).toEqual({
      ok: false,
      code: 302,
      error: "The endpoint answered 302.",
    });
    expect(await send(`http://127.0.0.1:${port}/slow`, false, 300)).toEqual({
      ok: false,
      code: null,
      error: "No answer within 300 ms.",
    });
    expect(received).toEqual(["/moved", "/slow"]);
  });
});
