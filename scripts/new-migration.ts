// Creates a new migration from the difference between prisma/migrations and prisma/schema.prisma.
// `prisma migrate dev` does not work with the offline WebAssembly engine (docs/decisions), so this
// is how a schema change becomes a migration:  npm run db:new-migration -- <name>
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, renameSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

const name = (process.argv[2] ?? "").trim();
if (!/^[a-z0-9_]+$/.test(name)) {
  console.error("Usage: npm run db:new-migration -- <name>   (lower-case letters, digits and _)");
  process.exit(1);
}

const tmp = path.join(mkdtempSync(path.join(tmpdir(), "tradelift-migration-")), "migration.sql");
const args = [
  "prisma",
  "migrate",
  "diff",
  "--from-migrations",
  "prisma/migrations",
  "--to-schema-datamodel",
  "prisma/schema.prisma",
  "--script",
  "--exit-code",
  "-o",
  tmp,
];
try {
  execFileSync("npx", args, { stdio: "inherit" });
  console.log("The schema matches the migrations: nothing to do.");
  process.exit(0);
} catch (error) {
  // --exit-code: 2 means "there are changes", anything else is a failure.
  if ((error as { status?: number }).status !== 2) throw error;
}

const stamp = new Date().toISOString().replace(/[-:T]/g, "").slice(0, 14);
const dir = path.join("prisma", "migrations", `${stamp}_${name}`);
mkdirSync(dir, { recursive: true });
renameSync(tmp, path.join(dir, "migration.sql"));
console.log(`Created ${dir}/migration.sql:\n`);
console.log(readFileSync(path.join(dir, "migration.sql"), "utf8"));
execFileSync("npx", ["prisma", "migrate", "deploy"], { stdio: "inherit" });
// The Prisma client must match the schema the migration was made from, or the next typecheck and
// run see the old models.
execFileSync("npx", ["prisma", "generate"], { stdio: "inherit" });
console.log(
  "Regenerated the Prisma client. For PostgreSQL, run `npm run db:engines -- --name=" +
    name +
    "` and commit prisma/postgres/.",
);
