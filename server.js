// TradeLift's HTTP server: Express in front of the Remix request handler.
// It owns what must happen before any route runs: security headers with a per-request CSP nonce,
// the same-origin check on state-changing requests, static files, and the client IP for the app.
// With WEB_CONCURRENCY > 1 it runs that many copies behind one port (node:cluster): the app keeps
// no state of its own in memory (sessions, rate limits, jobs and the outbox live in the database).
import cluster from "node:cluster";
import crypto from "node:crypto";
import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { createRequestHandler } from "@remix-run/express";
import { broadcastDevReady, installGlobals } from "@remix-run/node";
import compression from "compression";
import express from "express";
import helmet from "helmet";

installGlobals({ nativeFetch: true });
if (existsSync(".env")) process.loadEnvFile(".env");
const workerCount = Math.max(1, Math.floor(Number(process.env.WEB_CONCURRENCY ?? "1")) || 1);

if (workerCount > 1 && cluster.isPrimary) {
  superviseWorkers(workerCount);
} else {
  await serve();
}

/**
 * The primary process of a cluster: it serves nothing itself. It starts the workers, replaces
 * one that dies after it started serving (at most once a second), stops everything when one
 * cannot start, and on SIGTERM or SIGINT lets each finish its requests.
 */
function superviseWorkers(count) {
  let stopping = false;
  let lastFork = 0;
  const fork = () => {
    lastFork = Date.now();
    cluster.fork();
  };
  for (let i = 0; i < count; i += 1) fork();
  const started = new Set();
  cluster.on("listening", (worker) => {
    started.add(worker.id);
    if (started.size === count) console.info(`TradeLift is running ${count} server processes.`);
  });
  cluster.on("exit", (worker, code, signal) => {
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit();
      return;
    }
    if (!started.has(worker.id)) {
      // It never got to serve (bad configuration, no build): another copy would fail the same way.
      stopping = true;
      for (const other of Object.values(cluster.workers ?? {})) other?.process.kill("SIGTERM");
      process.exitCode = code || 1;
      return;
    }
    console.error(`Server process ${worker.process.pid} stopped (${signal ?? code}); starting another.`);
    setTimeout(fork, Math.max(0, 1_000 - (Date.now() - lastFork)));
  });
  for (const signal of ["SIGTERM", "SIGINT"]) {
    process.once(signal, () => {
      stopping = true;
      for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill("SIGTERM");
      setTimeout(() => process.exit(0), 11_000).unref();
    });
  }
}

async function serve() {
  const BUILD_PATH = path.resolve("build/index.js");
  const isDevelopment = process.env.NODE_ENV === "development";
  // Plaid Link (sandbox and production modes) runs in an iframe from Plaid's CDN.
  const plaidLink = (process.env.PLAID_ENV ?? "local") !== "local";
  const build = await import(BUILD_PATH);

  const app = express();
  app.disable("x-powered-by");
  // The reverse proxies whose X-Forwarded-For is believed: by default one on this machine; a load
  // balancer elsewhere is named by its addresses or subnets (TRUST_PROXY=10.0.0.0/8, docs/deploy.md);
  // TRUST_PROXY=false when exposed directly.
  const trustProxy = process.env.TRUST_PROXY?.trim();
  app.set("trust proxy", trustProxy === "false" ? false : trustProxy || "loopback");

  app.use((_req, res, next) => {
    res.locals.cspNonce = crypto.randomBytes(16).toString("base64");
    next();
  });

  // An admin reads an e-mail's HTML part in a sandboxed frame of the outbox page: that one page
  // may be framed by the app itself and keeps the inline styles e-mail needs (no script runs in it).
  const emailPreview = (req) => /^\/admin\/outbox\/[^/]+\/preview$/.test(req.path);
  app.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'", "'strict-dynamic'", (_req, res) => `'nonce-${res.locals.cspNonce}'`],
          // Remix's live reload in development talks over a websocket.
          connectSrc: [
            "'self'",
            ...(isDevelopment ? ["ws:"] : []),
            ...(plaidLink ? ["https://*.plaid.com"] : []),
          ],
          frameSrc: plaidLink ? ["'self'", "https://cdn.plaid.com"] : ["'self'"],
          styleSrc: [(req) => (emailPreview(req) ? "'self' 'unsafe-inline'" : "'self'")],
          imgSrc: ["'self'", "data:"],
          fontSrc: ["'self'"],
          objectSrc: ["'none'"],
          baseUri: ["'self'"],
          formAction: ["'self'"],
          frameAncestors: [(req) => (emailPreview(req) ? "'self'" : "'none'")],
          upgradeInsecureRequests: null,
        },
      },
      crossOriginEmbedderPolicy: false,
      strictTransportSecurity: process.env.APP_URL?.startsWith("https:")
        ? { maxAge: 63072000, includeSubDomains: true }
        : false,
      referrerPolicy: { policy: "strict-origin-when-cross-origin" },
    }),
  );
  app.use((_req, res, next) => {
    res.setHeader("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()");
    next();
  });

  // Only the methods the app answers; anything else (TRACE, PROPFIND, ...) is refused here, and a
  // path that is not valid percent-encoding is a bad request rather than an error deep in routing.
  const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);
  const ALLOWED_METHODS = ["GET", "HEAD", "OPTIONS", "POST", "PUT", "PATCH", "DELETE"];
  // The lenders' API answers these as it answers every error: RFC 9457 problem details, with the
  // types its reference page documents (app/web/api/problem.server.ts).
  const refuse = (req, res, status, type, title, detail) => {
    if (req.path.startsWith("/api/")) {
      res
        .status(status)
        .type("application/problem+json")
        .set("Cache-Control", "no-store")
        .send(JSON.stringify({ type: `/developers/api#problem-${type}`, title, status, detail }));
    } else res.status(status).type("text/plain").send(detail);
  };
  app.use((req, res, next) => {
    if (!ALLOWED_METHODS.includes(req.method)) {
      res.set("Allow", ALLOWED_METHODS.join(", "));
      refuse(req, res, 405, "method-not-allowed", "Method not allowed", "Method not allowed.");
      return;
    }
    try {
      decodeURIComponent(req.path);
    } catch {
      refuse(req, res, 400, "bad-request", "The request could not be read", "This address is not valid.");
      return;
    }
    next();
  });

  // State-changing requests must come from our own pages. Browsers send Origin on every POST;
  // without it, a same-origin Sec-Fetch-Site or Referer must vouch for the request, and one with
  // none of them is refused. Only machine endpoints, which authenticate every request by its
  // signature (webhooks) or its bearer API key (the lenders' API) and use no cookie, take
  // requests with no browser headers at all.
  const MACHINE_PATHS = ["/webhooks/", "/api/v1/"];
  const sameHost = (url, host) => {
    try {
      return new URL(url).host === host;
    } catch {
      return false;
    }
  };
  app.use((req, res, next) => {
    if (SAFE_METHODS.has(req.method)) return next();
    const origin = req.get("origin");
    const fetchSite = req.get("sec-fetch-site");
    const referer = req.get("referer");
    const host = req.get("host");
    let sameOrigin;
    if (origin) sameOrigin = origin !== "null" && sameHost(origin, host);
    else if (fetchSite) sameOrigin = fetchSite === "same-origin" || fetchSite === "none";
    else if (referer) sameOrigin = sameHost(referer, host);
    else sameOrigin = MACHINE_PATHS.some((prefix) => req.path.startsWith(prefix));
    if (!sameOrigin) {
      res
        .status(403)
        .type("text/plain")
        .send("Cross-site request refused: forms must be sent from TradeLift itself.");
      return;
    }
    next();
  });

  // Pages, data and scripts go out compressed (gzip or deflate, as the browser accepts).
  app.use(compression());

  app.use("/build", express.static("public/build", { immutable: true, maxAge: "1y" }));
  // The other files of public/ (favicon.ico, ...) are listed once at start: checking the disk for
  // every page request cost more than the bare route's own work.
  const publicFiles = new Set(
    readdirSync("public", { withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => `/${entry.name}`),
  );
  const publicStatic = express.static("public", { maxAge: "1h" });
  app.use((req, res, next) => (publicFiles.has(req.path) ? publicStatic(req, res, next) : next()));

  const remixHandler = createRequestHandler({
    build,
    mode: build.mode,
    getLoadContext: (req, res) => ({
      cspNonce: res.locals.cspNonce,
      clientIp: req.ip ?? "unknown",
    }),
  });
  // A read-only request's loaders share one read of the session (app/utils/request-memo.server.ts).
  const { runWithRequestMemo } = build.entry.module;
  app.all("*", (req, res, next) =>
    SAFE_METHODS.has(req.method)
      ? runWithRequestMemo(() => remixHandler(req, res, next))
      : remixHandler(req, res, next),
  );

  const port = Number(process.env.PORT ?? 3000);
  const server = app.listen(port, () => {
    console.info(`TradeLift is listening on http://localhost:${port}`);
    if (isDevelopment) broadcastDevReady(build);
  });

  // On SIGTERM (a deploy, a container stop) stop taking connections, let requests in flight finish,
  // then exit; a request that hangs does not hold the process more than 10 seconds.
  for (const signal of ["SIGTERM", "SIGINT"]) {
    process.once(signal, () => {
      server.close(() => process.exit(0));
      server.closeIdleConnections();
      setTimeout(() => process.exit(0), 10_000).unref();
    });
  }
}
