// The text of every Regulation B notice, built once from plain data: the page, the PDF and the
// e-mail all render the NoticeContent this returns, so they cannot say different things
// (docs/design/notices.md, docs/decisions/0009-notices-per-creditor.md). Pure.

import { PRODUCT_TYPE_LABELS, type ProductType } from "~/domain/lenders/products";
import { formatMoney } from "~/domain/money";
import type { DocumentBlock, PrintableDocument } from "~/utils/pdf.server";

export const NOTICE_KINDS = [
  "DECLINED",
  "NO_MATCH",
  "NO_LENDER_LEFT",
  "EXPIRED",
  "COUNTEROFFER",
  "COMPLIANCE",
  "INCOMPLETE",
] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];
/** The kinds that state action taken (adverse action); INCOMPLETE asks for information instead. */
export const ACTION_TAKEN_KINDS: readonly NoticeKind[] = NOTICE_KINDS.filter((k) => k !== "INCOMPLETE");

export const NOTICE_KIND_LABELS: Record<NoticeKind, string> = {
  DECLINED: "Declined by the lender",
  NO_MATCH: "Not sent to any lender",
  NO_LENDER_LEFT: "No lender left to consider it",
  EXPIRED: "Expired without the lender's decision",
  COUNTEROFFER: "Counteroffer not accepted",
  COMPLIANCE: "Declined at compliance review",
  INCOMPLETE: "Notice of incompleteness",
};

/** A Regulation B principal-reasons statement names at most four (§1002.9(b)(2), official comment). */
export const MAX_REASONS = 4;
/** Days from a complete application to the notice of action taken (§1002.9(a)(1)(i)). */
export const NOTICE_DUE_DAYS = 30;
/** Days from a counteroffer not accepted to its notice (§1002.9(a)(1)(iv)). */
export const COUNTEROFFER_NOTICE_DUE_DAYS = 90;
/** Business days a lender's information request gives by default. */
export const DEFAULT_INFO_REQUEST_BUSINESS_DAYS = 10;
/** Business days the notice of incompleteness gives for the last chance to answer. */
export const INCOMPLETE_GRACE_BUSINESS_DAYS = 5;

/** Why an application ended at compliance review, in the words the notice may use. */
export const COMPLIANCE_REASON =
  "The parties to the application could not be cleared in the screening U.S. law requires before any financing.";

/** The principal reason TradeLift gives when the lenders an application was sent to can no longer consider it. */
export const NO_LENDER_LEFT_REASON =
  "The lending partners your application was sent to can no longer consider it, and no other partner's products fit the amount, term and orders of this application.";

/**
 * The platform's operator sends a notice in its own name when no creditor decided. It is a
 * non-bank (the FTC's agency paragraph); its legal name and postal address are the installation's
 * own (OPERATOR_NAME, OPERATOR_ADDRESS), never made up here.
 */
export const PLATFORM_REGULATOR_TYPE = "NON_BANK";

/** What a notice prints where the operator has not configured its postal address. */
export const ADDRESS_NOT_CONFIGURED = "postal address not configured by this installation's operator";

export type NoticeContent = {
  version: 1;
  kind: NoticeKind;
  title: string;
  /** The creditor the notice is from (or TradeLift), with its address. */
  from: { name: string; address: string };
  /** When TradeLift sends it for a creditor. */
  sentBy: string | null;
  to: string;
  issuedOn: string;
  /** What happened, in sentences. */
  statement: string[];
  reasonsHeading: string | null;
  /** This creditor's own principal reasons, at most four, none repeated. */
  reasons: string[];
  /** After the reasons: a right to a statement of reasons, what to do next. */
  closing: string[];
  /** The ECOA paragraph with the creditor's federal agency (empty for a notice of incompleteness). */
  agency: string;
  reference: string;
};

const day = (date: Date) =>
  date.toLocaleDateString("en-US", { timeZone: "UTC", year: "numeric", month: "long", day: "numeric" });
const money = (cents: number) => formatMoney(cents, "USD", { whole: cents % 100 === 0 });
const typeLabel = (type: string | null) =>
  type && type !== "ANY" ? (PRODUCT_TYPE_LABELS[type as ProductType] ?? type).toLowerCase() : "financing";

/** Principal reasons as a notice gives them: trimmed, each once, at most four, none added. */
export function principalReasons(reasons: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of reasons) {
    const reason = raw.trim();
    const key = reason.toLowerCase();
    if (!reason || seen.has(key)) continue;
    seen.add(key);
    out.push(reason);
    if (out.length === MAX_REASONS) break;
  }
  return out;
}

// A deadline is a calendar day that ends "anywhere on Earth" (UTC−12): when a merchant reads
// "due December 22", all of December 22 is theirs in every US time zone, Hawaii's and the
// territories' included. It is stored as that instant; `deadlineDay` gives back the day.
const DEADLINE_ZONE_MS = 12 * 3_600_000;

/** The instant a deadline falling on this calendar day (midnight UTC) passes. */
export function endOfDeadlineDay(calendarDay: Date): Date {
  return new Date(calendarDay.getTime() + 86_400_000 - 1 + DEADLINE_ZONE_MS);
}

/** The calendar day of a deadline (as midnight UTC, like every calendar date), to show it. */
export function deadlineDay(deadline: Date): Date {
  const local = new Date(deadline.getTime() - DEADLINE_ZONE_MS);
  return new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate()));
}

/** Whole days left until a deadline's day, counted from today in UTC (0 on the day itself). */
export function daysUntil(deadline: Date, now: Date): number {
  const start = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  return Math.round((deadlineDay(deadline).getTime() - start) / 86_400_000);
}

export function dueInWords(deadline: Date, now: Date): string {
  const days = daysUntil(deadline, now);
  const on = day(deadlineDay(deadline));
  if (deadline.getTime() < now.getTime()) return `was due ${on}`;
  if (days <= 0) return "due today";
  return `due in ${days} day${days === 1 ? "" : "s"} (${on})`;
}

export type RequestedTerms = {
  amountCents: number;
  productType: string | null;
  tenorDays: number;
};
export type OfferTerms = { amountCents: number; productType: string; termDays: number };

/** How far an offer's term may differ from the one requested and still be "the term requested". */
export const TERM_TOLERANCE = 0.1;

/**
 * The ways an offer differs from what was requested, in words; empty when it is on the terms
 * requested. An offer on other terms (amount, product type or term) is a counteroffer, and one the
 * merchant did not accept is adverse action (§1002.9(a)(1)(iv)).
 */
export function counterofferDifferences(requested: RequestedTerms, offer: OfferTerms): string[] {
  const out: string[] = [];
  if (offer.amountCents !== requested.amountCents)
    out.push(`${money(offer.amountCents)} instead of the ${money(requested.amountCents)} requested`);
  if (requested.productType && requested.productType !== "ANY" && offer.productType !== requested.productType)
    out.push(`${typeLabel(offer.productType)} instead of ${typeLabel(requested.productType)}`);
  if (Math.abs(offer.termDays - requested.tenorDays) > requested.tenorDays * TERM_TOLERANCE)
    out.push(`a term of ${offer.termDays} days instead of the ${requested.tenorDays} days requested`);
  return out;
}

type Base = {
  reference: string;
  applicant: string;
  issuedAt: Date;
  submittedAt: Date;
  requested: RequestedTerms;
  /** `platform`: the operator itself, in its own name (no "sent on behalf of"). */
  creditor: { name: string; address: string; agency: string; platform?: boolean };
};

export type ActionNoticeInput = Base &
  (
    | { kind: "DECLINED"; reasons: readonly string[] }
    | { kind: "NO_MATCH"; reasons: readonly string[] }
    | { kind: "NO_LENDER_LEFT"; reasons: readonly string[] }
    | { kind: "COMPLIANCE"; reasons: readonly string[] }
    | { kind: "EXPIRED"; staleDays: number }
    | {
        kind: "COUNTEROFFER";
        differences: readonly string[];
        outcome: "DECLINED" | "EXPIRED" | "WITHDRAWN";
        offeredAt: Date;
      }
  );

function application(input: Pick<Base, "submittedAt" | "requested">) {
  return `your application of ${day(input.submittedAt)} for ${money(input.requested.amountCents)} of ${typeLabel(input.requested.productType)}`;
}

const capital = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

function rightToReasons(creditor: { name: string; address: string }): string {
  return `You have the right to a statement of specific reasons for this action if you ask for it within 60 days of the date of this notice. Write to ${creditor.name}, ${creditor.address}, or reply to the e-mail that brought you this notice; the statement will be given to you within 30 days of your request.`;
}

/**
 * The notice of action taken one creditor (or TradeLift, when no creditor decided) sends: what
 * happened, its own principal reasons (or, where it gave none, the right to ask for them), and the
 * ECOA paragraph naming its agency.
 */
export function actionNotice(input: ActionNoticeInput): NoticeContent {
  const { creditor } = input;
  const platform = creditor.platform === true;
  const base = {
    version: 1 as const,
    kind: input.kind,
    title: "Notice of action taken",
    from: { name: creditor.name, address: creditor.address },
    sentBy: platform ? null : `Sent by TradeLift on behalf of ${creditor.name}.`,
    to: input.applicant,
    issuedOn: day(input.issuedAt),
    agency: creditor.agency,
    reference: input.reference,
  };
  switch (input.kind) {
    case "DECLINED":
      return {
        ...base,
        statement: [`${capital(application(input))} has been declined by ${creditor.name}.`],
        reasonsHeading: `The principal reasons ${creditor.name} gave:`,
        reasons: principalReasons(input.reasons),
        closing: [],
      };
    case "NO_MATCH":
      return {
        ...base,
        statement: [
          `${capital(application(input))} was not sent to any lender: no lending partner on TradeLift offers financing that fits it, so TradeLift has declined to forward it and no lender has considered it.`,
        ],
        reasonsHeading: "The principal reasons, from the lending partners' criteria:",
        reasons: principalReasons(input.reasons),
        closing: [],
      };
    case "COMPLIANCE":
      return {
        ...base,
        statement: [
          `${capital(application(input))} has been declined: TradeLift could not complete the compliance checks the law requires before any financing, so no lender will consider it.`,
        ],
        reasonsHeading: "The principal reason:",
        reasons: principalReasons([COMPLIANCE_REASON]),
        closing: [],
      };
    case "NO_LENDER_LEFT":
      return {
        ...base,
        statement: [
          `${capital(application(input))} has been declined: the lending partners it was sent to can no longer consider it, and no other lending partner offers financing that fits it.`,
        ],
        reasonsHeading: "The principal reasons:",
        reasons: principalReasons(input.reasons),
        closing: [],
      };
    case "EXPIRED":
      return {
        ...base,
        statement: [
          `${capital(application(input))} expired on ${day(input.issuedAt)}, ${input.staleDays} days after it was sent, before ${creditor.name} made a decision on it. ${creditor.name} will not consider it further, and no credit will be extended on it.`,
        ],
        reasonsHeading: "The principal reason:",
        reasons: principalReasons([
          `${creditor.name} did not complete its review within the ${input.staleDays} days the application was open.`,
        ]),
        closing: [rightToReasons(creditor)],
      };
    case "COUNTEROFFER": {
      const ended =
        input.outcome === "DECLINED"
          ? "You declined that offer"
          : input.outcome === "EXPIRED"
            ? "That offer expired without being accepted"
            : `${creditor.name} withdrew that offer`;
      return {
        ...base,
        statement: [
          `On ${day(input.offeredAt)}, ${creditor.name} answered ${application(input)} with an offer on other terms: ${input.differences.join("; ")}. ${ended}, and the application ended without an offer being accepted. ${creditor.name} has therefore not extended the credit you requested.`,
        ],
        reasonsHeading: null,
        reasons: [],
        closing: [rightToReasons(creditor)],
      };
    }
  }
}

export type IncompleteNoticeInput = {
  reference: string;
  applicant: string;
  issuedAt: Date;
  submittedAt: Date;
  requested: RequestedTerms;
  creditor: { name: string; address: string };
  /** What the lender asked for, in its words. */
  missing: string;
  askedAt: Date;
  dueAt: Date;
  /** The last day to provide it before the lender may decline for incompleteness. */
  finalDueAt: Date;
};

/** The notice of incompleteness of §1002.9(c)(2): what is missing, by when, and what happens without it. */
export function incompleteNotice(input: IncompleteNoticeInput): NoticeContent {
  return {
    version: 1,
    kind: "INCOMPLETE",
    title: "Notice of incompleteness",
    from: { name: input.creditor.name, address: input.creditor.address },
    sentBy: `Sent by TradeLift on behalf of ${input.creditor.name}.`,
    to: input.applicant,
    issuedOn: day(input.issuedAt),
    statement: [
      `${capital(application(input))} is incomplete. On ${day(input.askedAt)}, ${input.creditor.name} asked you for information it needs to make a decision, and the answer was due by ${day(deadlineDay(input.dueAt))}. It has not been received.`,
    ],
    reasonsHeading: "The information needed:",
    reasons: [input.missing],
    closing: [
      `Please provide it on your application's page on TradeLift by ${day(deadlineDay(input.finalDueAt))}. If it is not received by then, ${input.creditor.name} will not consider your application further and may decline it as incomplete.`,
    ],
    agency: "",
    reference: input.reference,
  };
}

/** The notice as a printable document (the PDF and its e-mail attachment). */
export function noticeDocument(content: NoticeContent, issuedAt: Date): PrintableDocument {
  const blocks: DocumentBlock[] = [
    {
      kind: "facts",
      rows: [
        ["From", `${content.from.name}, ${content.from.address}`],
        ["To", content.to],
        ["Date", content.issuedOn],
      ],
    },
    ...content.statement.map((text): DocumentBlock => ({ kind: "paragraph", text })),
    ...(content.reasonsHeading && content.reasons.length > 0
      ? [
          { kind: "heading", text: content.reasonsHeading } as const,
          { kind: "list", items: content.reasons, numbered: true } as const,
        ]
      : []),
    ...content.closing.map((text): DocumentBlock => ({ kind: "paragraph", text })),
    ...(content.agency ? [{ kind: "paragraph", text: content.agency, small: true } as const] : []),
    ...(content.sentBy ? [{ kind: "paragraph", text: content.sentBy, small: true } as const] : []),
  ];
  return {
    title: content.title,
    subtitle: `${content.from.name} to ${content.to}, ${content.issuedOn}`,
    blocks,
    footer: `Notice ${content.reference}`,
    issuedAt,
  };
}

/** The plain-text e-mail that carries the notice (the PDF is attached). */
/** The notice as the blocks of its e-mail (templates.ts renders them): header, statement, reasons, closing. */
export function noticeEmailBlocks(content: NoticeContent): (string | { list: string[] })[] {
  return [
    [content.title, `From: ${content.from.name}, ${content.from.address}`, `Date: ${content.issuedOn}`].join(
      "\n",
    ),
    ...content.statement,
    ...(content.reasonsHeading && content.reasons.length > 0
      ? [content.reasonsHeading, { list: [...content.reasons] }]
      : []),
    ...content.closing,
    ...(content.agency ? [content.agency] : []),
    ...(content.sentBy ? [content.sentBy] : []),
  ];
}

/** The notice's e-mail text, as the blocks read in plain text. */
export function noticeEmailText(content: NoticeContent): string {
  return noticeEmailBlocks(content)
    .map((block) =>
      typeof block === "string" ? block : block.list.map((item, i) => `${i + 1}. ${item}`).join("\n"),
    )
    .join("\n\n");
}

export function noticeFileName(content: NoticeContent): string {
  return `${content.title.toLowerCase().replaceAll(" ", "-")}-${content.reference}.pdf`;
}

/** A creditor's postal address on one line, from the partner's fields (null when incomplete). */
export function postalAddress(parts: {
  addressLine1: string | null;
  addressLine2: string | null;
  city: string | null;
  addressState: string | null;
  postalCode: string | null;
}): string | null {
  if (!parts.addressLine1 || !parts.city || !parts.addressState || !parts.postalCode) return null;
  return [parts.addressLine1, parts.addressLine2, parts.city, `${parts.addressState} ${parts.postalCode}`]
    .filter(Boolean)
    .join(", ");
}

/**
 * The content of a stored notice. Notices sent before notices were per creditor kept only their
 * names, reasons and the FTC paragraph; they are shown as they were sent, from those columns.
 */
export function storedNoticeContent(row: {
  id: string;
  kind: string;
  contentJson: string;
  creditorName: string;
  creditorAddress: string;
  agencyText: string;
  reasonsJson: string;
  sentAt: Date;
}): NoticeContent {
  const parsed = JSON.parse(row.contentJson) as Partial<NoticeContent> & { legacy?: boolean };
  if (parsed.version === 1) return parsed as NoticeContent;
  return {
    version: 1,
    kind: (NOTICE_KINDS as readonly string[]).includes(row.kind) ? (row.kind as NoticeKind) : "DECLINED",
    title: "Notice of action taken",
    from: { name: row.creditorName || "TradeLift", address: row.creditorAddress },
    sentBy: null,
    to: "",
    issuedOn: day(row.sentAt),
    statement: [
      row.creditorName
        ? `Your application was declined by ${row.creditorName}.`
        : "Your application was not sent to any lending partner and was declined.",
    ],
    reasonsHeading: "The principal reasons:",
    reasons: JSON.parse(row.reasonsJson) as string[],
    closing: [],
    agency: row.agencyText,
    reference: row.id,
  };
}
