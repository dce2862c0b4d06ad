// How failed log-ins slow an attacker without letting anyone lock the owner out
// (docs/design/accounts.md). Two counters per address typed:
// - per source (the address and the client's IP): a few free failures, then growing delays
//   between attempts, then a hard stop for that source alone;
// - per account, across every source: past a higher count, a growing delay (never a stop) so a
//   guessing network slows down too, while the owner can always get in after a short wait.
// The owner is e-mailed (with a one-time unlock link) when a source is stopped or the account-wide
// count passes its mark. Pure: the rules, without the database.

export type ThrottleRules = {
  /** Failures from one source before delays start. */
  sourceFreeFailures: number;
  /** Failures from one source that stop it for `stopMinutes`. */
  sourceStopAfter: number;
  stopMinutes: number;
  /** Longest delay between two attempts from one source. */
  sourceMaxDelaySeconds: number;
  /** Failures across every source before the account-wide delay starts (and the owner is told). */
  accountFreeFailures: number;
  accountMaxDelaySeconds: number;
  /** A counter with no failure for this long starts again from zero. */
  forgetAfterHours: number;
};

export const DEFAULT_RULES: Omit<ThrottleRules, "sourceStopAfter" | "stopMinutes"> = {
  sourceFreeFailures: 3,
  sourceMaxDelaySeconds: 5 * 60,
  accountFreeFailures: 20,
  accountMaxDelaySeconds: 60,
  forgetAfterHours: 24,
};

export type Counter = { failures: number; lastFailedAt: Date; blockedUntil: Date | null };

/** The failures that still count at `now` (a counter idle long enough is forgotten). */
export function liveFailures(counter: Counter | null, rules: ThrottleRules, now: Date): number {
  if (!counter) return 0;
  const idle = now.getTime() - counter.lastFailedAt.getTime();
  return idle >= rules.forgetAfterHours * 3_600_000 ? 0 : counter.failures;
}

/** Seconds to wait after the last failure: doubling from 2 s once past the free failures. */
export function delaySeconds(failures: number, free: number, maxSeconds: number): number {
  if (failures < free) return 0;
  return Math.min(2 ** (failures - free + 1), maxSeconds);
}

export type Verdict =
  | { allowed: true }
  | { allowed: false; reason: "wait" | "stopped"; retryAfterSeconds: number };

/** May this source try now? Checked before the password is even looked at. */
export function verdict(
  counters: { source: Counter | null; account: Counter | null },
  rules: ThrottleRules,
  now: Date,
): Verdict {
  const blockedUntil = counters.source?.blockedUntil;
  if (blockedUntil && blockedUntil > now)
    return { allowed: false, reason: "stopped", retryAfterSeconds: secondsUntil(blockedUntil, now) };
  const waits = [
    counters.source
      ? nextTry(
          counters.source,
          liveFailures(counters.source, rules, now),
          rules.sourceFreeFailures,
          rules.sourceMaxDelaySeconds,
        )
      : null,
    counters.account
      ? nextTry(
          counters.account,
          liveFailures(counters.account, rules, now),
          rules.accountFreeFailures,
          rules.accountMaxDelaySeconds,
        )
      : null,
  ].filter((at): at is Date => at !== null && at > now);
  if (waits.length === 0) return { allowed: true };
  const latest = new Date(Math.max(...waits.map((at) => at.getTime())));
  return { allowed: false, reason: "wait", retryAfterSeconds: secondsUntil(latest, now) };
}

function nextTry(counter: Counter, failures: number, free: number, maxSeconds: number): Date | null {
  const delay = delaySeconds(failures, free, maxSeconds);
  return delay === 0 ? null : new Date(counter.lastFailedAt.getTime() + delay * 1000);
}

function secondsUntil(at: Date, now: Date): number {
  return Math.max(1, Math.ceil((at.getTime() - now.getTime()) / 1000));
}

/** The counters after one more failure, and whether the owner should now be told. */
export function afterFailure(
  counters: { source: Counter | null; account: Counter | null },
  rules: ThrottleRules,
  now: Date,
): { source: Counter; account: Counter; sourceStopped: boolean; accountMarked: boolean } {
  const sourceFailures = liveFailures(counters.source, rules, now) + 1;
  const accountFailures = liveFailures(counters.account, rules, now) + 1;
  const sourceStopped = sourceFailures >= rules.sourceStopAfter;
  return {
    // A stopped source starts a fresh count once its stop has run out.
    source: {
      failures: sourceStopped ? 0 : sourceFailures,
      lastFailedAt: now,
      blockedUntil: sourceStopped ? new Date(now.getTime() + rules.stopMinutes * 60_000) : null,
    },
    account: { failures: accountFailures, lastFailedAt: now, blockedUntil: null },
    sourceStopped,
    accountMarked: accountFailures === rules.accountFreeFailures,
  };
}

/** What the person at the form reads; the same whether or not the address has an account. */
export function throttleMessage(refusal: { reason: "wait" | "stopped"; retryAfterSeconds: number }): string {
  if (refusal.reason === "stopped")
    return `Too many failed attempts from your network: log-in to this account from here is paused for ${Math.ceil(refusal.retryAfterSeconds / 60)} minutes. If the address has an account, we have e-mailed its owner a link that unlocks it now; you can also reset the password.`;
  const seconds = refusal.retryAfterSeconds;
  const wait =
    seconds < 90 ? `${seconds} second${seconds === 1 ? "" : "s"}` : `${Math.ceil(seconds / 60)} minutes`;
  return `Too many failed attempts. Wait ${wait} before trying again.`;
}
