// patches/@remix-run+router+1.23.3.patch caches each route table's ranked branches and each
// compiled path (docs/decisions/0004-route-matching-cache.md). The server loads the router's
// CommonJS build, the patched file; these checks run it as the server does: the cache must be
// applied, and must never hand one route table's or one option's answer to another.
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";

const require = createRequire(import.meta.url);
const router = require("@remix-run/router") as typeof import("@remix-run/router");
const routerSource = require("node:fs").readFileSync(require.resolve("@remix-run/router"), "utf8") as string;

const ids = (matches: ReturnType<typeof router.matchRoutes>) =>
  matches?.map((match) => match.route.id) ?? null;

describe("the patched route matching", () => {
  it("is the file the server loads", () => {
    expect(routerSource).toContain("rankedBranchesOf(routes)");
    expect(routerSource).toContain("compilePathUncached");
  });

  it("answers the same on every call, and each route table for itself", () => {
    const merchant = [
      {
        id: "merchant",
        path: "merchant",
        children: [
          { id: "dashboard", index: true },
          { id: "application", path: "applications/:applicationId" },
          { id: "new", path: "applications/new" },
        ],
      },
    ];
    const lender = [{ id: "lender", path: "lender", children: [{ id: "queue", index: true }] }];
    for (let round = 0; round < 3; round++) {
      expect(ids(router.matchRoutes(merchant, "/merchant"))).toEqual(["merchant", "dashboard"]);
      // A static segment outranks a parameter, whichever comes first in the table.
      expect(ids(router.matchRoutes(merchant, "/merchant/applications/new"))).toEqual(["merchant", "new"]);
      const application = router.matchRoutes(merchant, "/merchant/applications/app%201");
      expect(ids(application)).toEqual(["merchant", "application"]);
      expect(application?.[1]?.params).toEqual({ applicationId: "app 1" });
      expect(router.matchRoutes(merchant, "/lender")).toBeNull();
      expect(ids(router.matchRoutes(lender, "/lender"))).toEqual(["lender", "queue"]);
      expect(router.matchRoutes(lender, "/merchant")).toBeNull();
    }
  });

  it("keeps end and case sensitivity apart for one path", () => {
    for (let round = 0; round < 3; round++) {
      expect(router.matchPath({ path: "/orders/:id", end: false }, "/orders/7/edit")?.params).toEqual({
        id: "7",
      });
      expect(router.matchPath({ path: "/orders/:id", end: true }, "/orders/7/edit")).toBeNull();
      expect(router.matchPath({ path: "/Orders", caseSensitive: false }, "/orders")).not.toBeNull();
      expect(router.matchPath({ path: "/Orders", caseSensitive: true }, "/orders")).toBeNull();
    }
  });
});
