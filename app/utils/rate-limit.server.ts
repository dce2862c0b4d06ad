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
    // Written (created when new) before it is read: the write locks the bucket until this
    // transaction ends, so hits on two app servers at once both count.
    await tx.rateLimitBucket.upsert({
      where: { key },
      create: { key, windowStart: new Date(0), count: 0 },
      update: { key },
      select: { key: true },
    });
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

/** Adds one to a plain counter (no window, no limit), e.g. what a limit turned away. */
export async function addToCount(key: string, now: Date = new Date()): Promise<void> {
  await prisma.rateLimitBucket.upsert({
    where: { key },
    create: { key, windowStart: now, count: 1 },
    update: { count: { increment: 1 } },
  });
}

/** Reads and clears a counter; of two callers racing for the same count, only one gets it. */
export async function takeCount(key: string): Promise<number> {
  const bucket = await prisma.rateLimitBucket.findUnique({ where: { key }, select: { count: true } });
  if (!bucket) return 0;
  const taken = await prisma.rateLimitBucket.deleteMany({ where: { key, count: bucket.count } });
  return taken.count === 1 ? bucket.count : 0;
}
