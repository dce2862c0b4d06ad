import type { Db } from "~/utils/db.server";

/**
 * Stores the zone the person's pages show times in. "detect" (the browser's report, sent once by
 * the page) never overrides a zone the person chose or one already stored.
 */
export async function setTimeZone(
  db: Db,
  input: { userId: string; timeZone: string; intent: "detect" | "choose" },
): Promise<{ changed: boolean }> {
  const result = await db.user.updateMany({
    where: input.intent === "detect" ? { id: input.userId, timeZone: null } : { id: input.userId },
    data: { timeZone: input.timeZone },
  });
  return { changed: result.count > 0 };
}
