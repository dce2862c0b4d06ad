// Fixed-window counters in the database (shared by every app server: docs/design/platform.md).
import { prisma } from "./db.server";

export type RateLimitResult = { allowed: boolean; retryAfterSeconds: number };

export async function hitRateLimit(
  key: string,
  limit: number,
  windowMs: number,
  now: Date = new Date(),
): Promise<RateLimitResult> {
  return prisma.$transaction(async (tx) => {
    const bucket = await tx.rateLimitBucket.findUnique({
      where: { key },
      select: { windowStart: true, count: true },
    });
    if (!bucket || bucket.windowStart.getTime() + windowMs <= now.getTime()) {
      await tx.rateLimitBucket.upsert({
        where: { key },
        create: { key, windowStart: now, count: 1 },
        update: { windowStart: now, count: 1 },
      });
      return { allowed: true, retryAfterSeconds: 0 };
    }
    const retryAfterSeconds = Math.ceil((bucket.windowStart.getTime() + windowMs - now.getTime()) / 1000);
    if (bucket.count >= limit) return { allowed: false, retryAfterSeconds };
    await tx.rateLimitBucket.update({ where: { key }, data: { count: { increment: 1 } } });
    return { allowed: true, retryAfterSeconds };
  });
}

/** The current count of a window without adding to it. */
export async function peekRateLimit(key: string, windowMs: number, now: Date = new Date()): Promise<number> {
  const bucket = await prisma.rateLimitBucket.findUnique({
    where: { key },
    select: { windowStart: true, count: true },
  });
  if (!bucket || bucket.windowStart.getTime() + windowMs <= now.getTime()) return 0;
  return bucket.count;
}

export async function clearRateLimit(key: string): Promise<void> {
  await prisma.rateLimitBucket.deleteMany({ where: { key } });
}
