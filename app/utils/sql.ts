// Helpers for the few statements written as SQL rather than through Prisma's query API.
//
// Raw SQL through Prisma binds dates as Date values, never as text: each driver adapter writes a
// Date in its engine's own format (SQLite: the ISO-8601 text Prisma stores, so that text compares
// in date order; PostgreSQL: a timestamp), so one statement is right on both engines.

/**
 * A DateTime as Prisma stores it in SQLite (ISO-8601 text with an explicit offset): only for the
 * bank sync's page writer, whose own SQLite connection bypasses Prisma (page-writer.server.ts).
 */
export function sqlDateTime(date: Date): string {
  return date.toISOString().replace("Z", "+00:00");
}
