// What a dashboard puts first: the things waiting for this person, each with its deadline in words
// and a link to the exact page where it is done (docs/design/roles.md, "Dashboards"). Pure: the
// server reads the rows, this orders and words them.

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * "expires in 6 days", "due in 5 hours", "expired 2 days ago". Whole units, rounded down, so an
 * offer made for seven days reads "6 days" a minute after it was made: never more time than there is.
 */
export function timeLeftInWords(verb: "expires" | "due", deadline: Date, now: Date): string {
  const left = deadline.getTime() - now.getTime();
  const past = verb === "expires" ? "expired" : "was due";
  if (left <= 0) {
    const ago = -left;
    if (ago < HOUR) return `${past} just now`;
    return `${past} ${unit(ago)} ago`;
  }
  if (left < MINUTE) return `${verb} in less than a minute`;
  return `${verb} in ${unit(left)}`;
}

function unit(ms: number): string {
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
  if (ms >= DAY) return plural(Math.floor(ms / DAY), "day");
  if (ms >= HOUR) return plural(Math.floor(ms / HOUR), "hour");
  return plural(Math.max(1, Math.floor(ms / MINUTE)), "minute");
}

export type NeedKind = "question" | "offer" | "draft" | "bank";

/** One thing waiting for the merchant: what it is, by when, and where to do it. */
export type Need = {
  kind: NeedKind;
  key: string;
  title: string;
  detail: string;
  /** The deadline in words ("expires in 6 days"), or null when there is none. */
  when: string | null;
  /** ISO time of the deadline, for ordering and for a <time> element. */
  deadline: string | null;
  /** Within two days (or past): shown as urgent. */
  urgent: boolean;
  href: string;
  action: string;
};

export type NeedsInput = {
  questions: readonly {
    id: string;
    applicationId: string;
    lenderName: string;
    question: string | null;
    documentLabel: string | null;
    dueAt: Date | null;
  }[];
  /** Offers whose effective status is PENDING (offer-status.ts): an offer past its time is not here. */
  offers: readonly {
    id: string;
    applicationId: string;
    lenderName: string;
    amount: string;
    expiresAt: Date;
  }[];
  drafts: readonly { id: string; amount: string; createdAt: Date }[];
  banks: readonly { id: string; institutionName: string }[];
};

const URGENT_MS = 2 * DAY;

/** Deadlines first (soonest first), then what has none: drafts to finish, banks to reconnect. */
export function merchantNeeds(input: NeedsInput, now: Date): Need[] {
  const dated: Need[] = [
    ...input.questions.map(
      (q): Need => ({
        kind: "question",
        key: `question-${q.id}`,
        title: `${q.lenderName} asked you a question`,
        detail: [q.question, q.documentLabel ? `Document: ${q.documentLabel}` : null]
          .filter(Boolean)
          .join(" · "),
        when: q.dueAt ? timeLeftInWords("due", q.dueAt, now) : null,
        deadline: q.dueAt ? q.dueAt.toISOString() : null,
        urgent: q.dueAt ? q.dueAt.getTime() - now.getTime() < URGENT_MS : false,
        href: `/merchant/applications/${q.applicationId}#question-${q.id}`,
        action: "Answer",
      }),
    ),
    ...input.offers.map(
      (o): Need => ({
        kind: "offer",
        key: `offer-${o.id}`,
        title: `${o.lenderName} offered ${o.amount}`,
        detail: "Compare it with its full cost, then accept or decline it.",
        when: timeLeftInWords("expires", o.expiresAt, now),
        deadline: o.expiresAt.toISOString(),
        urgent: o.expiresAt.getTime() - now.getTime() < URGENT_MS,
        href: `/merchant/applications/${o.applicationId}#offer-${o.id}`,
        action: "Review the offer",
      }),
    ),
  ].sort((a, b) => order(a.deadline) - order(b.deadline));
  const undated: Need[] = [
    ...input.drafts.map(
      (d): Need => ({
        kind: "draft",
        key: `draft-${d.id}`,
        title: `Finish your draft application for ${d.amount}`,
        detail: "It is not sent to any lender until you review and send it.",
        when: null,
        deadline: null,
        urgent: false,
        href: `/merchant/applications/${d.id}`,
        action: "Finish it",
      }),
    ),
    ...input.banks.map(
      (b): Need => ({
        kind: "bank",
        key: `bank-${b.id}`,
        title: `Reconnect ${b.institutionName}`,
        detail: "Your bank needs you to sign in again; until then your history is not updated.",
        when: null,
        deadline: null,
        urgent: false,
        href: `/merchant/bank#connection-${b.id}`,
        action: "Reconnect",
      }),
    ),
  ];
  return [...dated, ...undated];
}

function order(deadline: string | null): number {
  return deadline === null ? Number.POSITIVE_INFINITY : Date.parse(deadline);
}
