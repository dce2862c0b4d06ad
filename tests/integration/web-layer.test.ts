// Imports flow one way: routes → web → domain → utils. Infrastructure (app/utils) knows nothing of
// the domain or the web layer, and the domain knows nothing of the web layer or the routes.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(__dirname, "../..");

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sources(full);
    return /\.tsx?$/.test(name) ? [full] : [];
  });
}

function importsOf(file: string): string[] {
  const text = readFileSync(file, "utf8");
  return [...text.matchAll(/(?:from|import)\s*\(?\s*"(~\/[^"]+)"/g)].map((m) => m[1] ?? "");
}

function offenders(dir: string, forbidden: RegExp): string[] {
  return sources(path.join(ROOT, dir)).flatMap((file) =>
    importsOf(file)
      .filter((target) => forbidden.test(target))
      .map((target) => `${path.relative(ROOT, file)} imports ${target}`),
  );
}

describe("layers", () => {
  it("app/utils imports neither the domain, the web layer nor routes", () => {
    expect(offenders("app/utils", /^~\/(domain|web|routes)\//)).toEqual([]);
  });

  it("app/domain imports neither the web layer nor routes", () => {
    expect(offenders("app/domain", /^~\/(web|routes)\//)).toEqual([]);
  });

  it("app/web imports no route", () => {
    expect(offenders("app/web", /^~\/routes\//)).toEqual([]);
  });
});
