// Applies the migrations of the engine DATABASE_URL names: file: → SQLite (prisma/migrations,
// prisma.config.ts), postgresql:// → PostgreSQL (prisma/postgres/migrations, prisma.postgres.config.ts).
//   npm run db:migrate
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";

export function isPostgresUrl(url: string | undefined): boolean {
  return /^postgres(ql)?:\/\//.test(url ?? "");
}

/** `prisma migrate deploy` with the configuration of DATABASE_URL's engine. */
export function migrateDeploy(url = process.env.DATABASE_URL, quiet = false): void {
  const config = isPostgresUrl(url) ? ["--config", "prisma.postgres.config.ts"] : [];
  execFileSync("npx", ["prisma", "migrate", "deploy", ...config], {
    stdio: quiet ? ["ignore", "ignore", "inherit"] : "inherit",
    env: url ? { ...process.env, DATABASE_URL: url } : process.env,
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  if (!process.env.DATABASE_URL && existsSync(".env")) process.loadEnvFile(".env");
  migrateDeploy();
}
