import { config } from "zod/v4/core";

// zod 4 compiles object parsers with `new Function` unless told not to, and probes for it once.
// Our CSP has no 'unsafe-eval', so in a browser the probe is refused and reported as a violation;
// on the server the compiled fast path is not worth eval. The browser bundle carries no zod at
// all (forms validate on the server); this is imported first by app/entry.server.tsx so it runs
// before any schema is built. See docs/design/platform.md ("Light pages").
config({ jitless: true });
