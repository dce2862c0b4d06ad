import { z } from "zod";

// zod 4 compiles object parsers with `new Function` unless told not to, and probes for it once.
// Our CSP has no 'unsafe-eval': the probe is refused (and reported as a violation) in the
// browser, and the compiled fast path buys nothing worth eval on the server. Imported first by
// app/root.tsx and app/entry.server.tsx so it runs before any schema is built.
// See docs/design/platform.md ("Light pages").
z.config({ jitless: true });
