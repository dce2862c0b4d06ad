import { describe, expect, it } from "vitest";
import { firstLoad, pageRouteIds } from "../../scripts/bench/first-load-js";

// Forms validate on the server; the browser bundle carries no zod (docs/design/platform.md,
// "Light pages"). A schema built at a module's top level, or called from a component, would put
// all of zod back into every page that imports the module. Reads the built client assets.
describe("the built client bundle", () => {
  it("ships no zod on any page", () => {
    const withZod = pageRouteIds()
      .map(firstLoad)
      .filter((page) => page.zod)
      .map((page) => page.routeId);
    expect(withZod).toEqual([]);
  });
});
