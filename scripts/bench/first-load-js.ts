/**
 * First-load JavaScript per page, read from the built client manifest:
 * the entry, then every route module of the page's chain (root, layouts,
 * the page) with the shared chunks they import, each file counted once,
 * measured gzipped. Run after `npm run build`:
 *   node --import tsx scripts/bench/first-load-js.ts [routeId ...]
 * See docs/benchmarks.md ("First-load JavaScript").
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";

type ManifestRoute = { id: string; parentId?: string; path?: string; module: string; imports?: string[] };
type Manifest = { entry: { module: string; imports?: string[] }; routes: Record<string, ManifestRoute> };

const publicDir = path.resolve("public");
const buildDir = path.join(publicDir, "build");

function readManifest(): Manifest {
  const manifestFile = readdirSync(buildDir).find((name) => name.startsWith("manifest-"));
  if (!manifestFile) throw new Error("No public/build/manifest-*.js: run `npm run build` first.");
  return JSON.parse(
    readFileSync(path.join(buildDir, manifestFile), "utf8")
      .replace(/^window\.__remixManifest=/, "")
      .replace(/;\s*$/, ""),
  ) as Manifest;
}
let cachedManifest: Manifest | undefined;
const manifest = () => {
  cachedManifest ??= readManifest();
  return cachedManifest;
};

const sizes = new Map<string, { raw: number; gzip: number; zod: boolean }>();
function measure(url: string) {
  let size = sizes.get(url);
  if (!size) {
    const source = readFileSync(path.join(publicDir, url));
    const text = source.toString("utf8");
    // zod 4 names its core classes with these strings; they survive minification.
    const zod = text.includes("$ZodType") || text.includes("ZodError");
    size = { raw: source.length, gzip: gzipSync(source, { level: 9 }).length, zod };
    sizes.set(url, size);
  }
  return size;
}

function chain(routeId: string): ManifestRoute[] {
  const routes: ManifestRoute[] = [];
  let route: ManifestRoute | undefined = manifest().routes[routeId];
  while (route) {
    routes.unshift(route);
    route = route.parentId ? manifest().routes[route.parentId] : undefined;
  }
  return routes;
}

export function firstLoad(routeId: string) {
  const { entry } = manifest();
  const files = new Set<string>([entry.module, ...(entry.imports ?? [])]);
  for (const route of chain(routeId)) {
    files.add(route.module);
    for (const file of route.imports ?? []) files.add(file);
  }
  let raw = 0;
  let gzip = 0;
  let zod = false;
  for (const file of files) {
    const size = measure(file);
    raw += size.raw;
    gzip += size.gzip;
    zod ||= size.zod;
  }
  return { routeId, raw, gzip, zod };
}

/** Every page route (layouts and the root are counted within their pages). */
export function pageRouteIds(): string[] {
  return Object.keys(manifest().routes).filter((id) => id !== "root" && !id.endsWith("_layout"));
}

const kb = (bytes: number) => (bytes / 1024).toFixed(1);

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const requested = process.argv.slice(2);
  const rows = (requested.length ? requested : pageRouteIds()).map(firstLoad).sort((a, b) => b.gzip - a.gzip);
  console.log("| page (route) | first-load JS, KB gzip | raw KB | zod in bundle |");
  console.log("|---|---:|---:|---|");
  for (const row of rows) {
    console.log(`| ${row.routeId} | ${kb(row.gzip)} | ${kb(row.raw)} | ${row.zod ? "yes" : "no"} |`);
  }
}
