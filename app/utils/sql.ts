// Helpers for the few statements written as SQL rather than through Prisma's query API.

/** A DateTime as Prisma stores it in SQLite (ISO-8601 text with an explicit offset), for raw SQL. */
export function sqlDateTime(date: Date): string {
  return date.toISOString().replace("Z", "+00:00");
}
