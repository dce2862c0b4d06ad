// A throwaway PostgreSQL server on a free port, for tools that need one for a moment (generating
// the PostgreSQL migrations: scripts/db-engines.ts) and for CI. PostgreSQL refuses to run as root,
// so as root the server runs as the `postgres` user on a directory it owns.
//   node --import tsx scripts/postgres-server.ts start <dir>   prints the URL (the server keeps running)
//   node --import tsx scripts/postgres-server.ts stop <dir>
// POSTGRES_PORT=<port> pins the port.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";

/** The directory of PostgreSQL's programs (Debian: /usr/lib/postgresql/<major>/bin), or null. */
export function postgresBinDir(): string | null {
  if (process.env.PG_BIN_DIR) return process.env.PG_BIN_DIR;
  const root = "/usr/lib/postgresql";
  if (existsSync(root)) {
    const majors = readdirSync(root)
      .filter((v) => existsSync(path.join(root, v, "bin", "initdb")))
      .sort((a, b) => Number(b) - Number(a));
    if (majors[0]) return path.join(root, majors[0], "bin");
  }
  try {
    return execFileSync("pg_config", ["--bindir"], { encoding: "utf8" }).trim();
  } catch {
    return null;
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function asPostgres(bin: string, args: string[]): void {
  const isRoot = process.getuid?.() === 0;
  const [command, argv] = isRoot ? ["runuser", ["-u", "postgres", "--", bin, ...args]] : [bin, args];
  execFileSync(command, argv, { stdio: ["ignore", "ignore", "inherit"] });
}

/** Starts a server in a fresh data directory (fsync off: nothing in it outlives the run). */
export async function startPostgres(dir = mkdtempSync(path.join(tmpdir(), "tradelift-pg-"))) {
  const bin = postgresBinDir();
  if (!bin) throw new Error("PostgreSQL is not installed (Debian: apt-get install postgresql).");
  mkdirSync(dir, { recursive: true });
  if (process.getuid?.() === 0) execFileSync("chown", ["postgres", dir]);
  const data = path.join(dir, "data");
  asPostgres(path.join(bin, "initdb"), ["-D", data, "-A", "trust", "-U", "postgres", "-E", "UTF8"]);
  // POSTGRES_PORT pins the port (people sharing one machine each take their own); else a free one.
  const port = Number(process.env.POSTGRES_PORT) || (await freePort());
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=400`;
  asPostgres(path.join(bin, "pg_ctl"), [
    "-D",
    data,
    "-o",
    options,
    "-l",
    path.join(dir, "log"),
    "-w",
    "start",
  ]);
  const url = `postgresql://postgres@127.0.0.1:${port}/postgres`;
  writeFileSync(path.join(dir, "url"), url);
  return { dir, url, stop: () => stopPostgres(dir) };
}

export function stopPostgres(dir: string): void {
  const bin = postgresBinDir();
  if (bin && existsSync(path.join(dir, "data", "postmaster.pid")))
    asPostgres(path.join(bin, "pg_ctl"), ["-D", path.join(dir, "data"), "-m", "immediate", "-w", "stop"]);
  rmSync(dir, { recursive: true, force: true });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [command, dir] = process.argv.slice(2);
  if (command === "start") {
    const server = await startPostgres(dir ? path.resolve(dir) : undefined);
    console.log(server.url);
  } else if (command === "stop" && dir) {
    stopPostgres(path.resolve(dir));
  } else {
    console.error("Usage: scripts/postgres-server.ts start [dir] | stop <dir>");
    process.exit(1);
  }
}
