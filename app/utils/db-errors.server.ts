// When the database itself cannot take a request — locked by another writer past the busy
// timeout, out of disk, read-only or failing I/O — the user gets a plain 503 saying nothing was
// saved, not a generic 500. Everything a request writes runs in one transaction, so a failure
// rolls all of it back.

export type DatabaseTrouble = "busy" | "full" | "unavailable";

// SQLite's result codes and PostgreSQL's SQLSTATEs: a lock or a serialization conflict that
// outlasted its wait (55P03, 40001, 40P01), a full disk (53100), a server that is gone or going
// (class 08, 57P01–57P03, a refused connection).
const BUSY = new Set(["SQLITE_BUSY", "SQLITE_LOCKED", "P1008", "55P03", "40001", "40P01"]);
const FULL = new Set(["SQLITE_FULL", "53100"]);
const UNAVAILABLE =
  /^(SQLITE_READONLY|SQLITE_IOERR|SQLITE_CANTOPEN|SQLITE_CORRUPT|SQLITE_NOTADB|P1001|08\d{3}|57P0[123]|ECONNREFUSED)/;

function codesOf(error: unknown): string[] {
  const codes: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current && typeof current === "object" && depth < 5; depth++) {
    const value = current as {
      code?: unknown;
      meta?: { driverAdapterError?: { cause?: { originalCode?: unknown } } };
      cause?: unknown;
    };
    if (typeof value.code === "string") codes.push(value.code);
    const original = value.meta?.driverAdapterError?.cause?.originalCode;
    if (typeof original === "string") codes.push(original);
    current = value.cause;
  }
  return codes;
}

export function databaseTrouble(error: unknown): DatabaseTrouble | null {
  const codes = codesOf(error);
  // A busy timeout comes back as P1008 with SQLITE_BUSY underneath; anything else is checked first.
  if (codes.some((code) => FULL.has(code))) return "full";
  if (codes.some((code) => UNAVAILABLE.test(code))) return "unavailable";
  if (codes.some((code) => BUSY.has(code))) return "busy";
  return null;
}

const MESSAGES: Record<DatabaseTrouble, string> = {
  busy: "TradeLift is busy for a moment and could not save this. Nothing was changed; please try again in a few seconds.",
  full: "TradeLift's storage is full, so nothing could be saved. Nothing was changed; our team has been alerted — please try again later.",
  unavailable:
    "TradeLift's database cannot be reached right now. Nothing was changed; please try again in a few minutes.",
};

/** The 503 answer for a database trouble, as a Response that Remix shows in the error boundary. */
export function databaseTroubleResponse(trouble: DatabaseTrouble): Response {
  return new Response(JSON.stringify({ message: MESSAGES[trouble] }), {
    status: 503,
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Retry-After": trouble === "busy" ? "5" : "60",
    },
  });
}
