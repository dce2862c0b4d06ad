// `npm run db:reset`: deletes the local database, applies every migration and seeds the demo data.
import "./load-env";
import { rmSync } from "node:fs";
import { databasePath, migrate, seedIfEmpty } from "./setup";

const file = databasePath();
for (const suffix of ["", "-wal", "-shm", "-journal"]) rmSync(`${file}${suffix}`, { force: true });
process.env.DATABASE_URL = `file:${file}`;
migrate();
await seedIfEmpty();
console.info(`Reset ${file}.`);
