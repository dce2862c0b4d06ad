// Where the SQLite database behind DATABASE_URL lives on disk: for the bank sync's page writer
// (app/domain/bank/page-writer.server.ts), which writes on its own connection, and for tools.
import { env } from "./env.server";

/** The path of the SQLite file behind DATABASE_URL. */
export function databaseFile(url = env().DATABASE_URL): string {
  return url.replace(/^file:/, "");
}
