// The merchant's timeline of an application: what happened, when, and which lender did it. It is
// built only from facts the merchant may see — never a lender's internal notes or decline codes
// (those reach the merchant only through the adverse-action notice).
import { possessive } from "~/domain/text";
import { referralEndedEvent } from "./referral-words";

type When = Date | string | null | undefined;

export type TimelineInput = {
  createdAt: When;
  submittedAt: When;
  withdrawnAt: When;
  decidedAt: When;
  status: string;
  referrals: {
    lenderOrg: { name: string };
    createdAt: When;
    reviewStartedAt: When;
    decidedAt: When;
    status: string;
    /** Why it ended (Referral.statusReason), so the line says who ended it. */
    statusReason?: string | null;
    infoRequests: { createdAt: When; respondedAt: When; status: string }[];
  }[];
  /** The application's orders; a cancelled one is an event of its own. */
  orders?: { poNumber: string; cancelledAt: When; cancelReason?: string | null }[];
  offers: {
    lenderOrg: { name: string };
    createdAt: When;
    acceptedAt: When;
    declinedAt: When;
    withdrawnAt: When;
    withdrawnReason?: string | null;
    status: string;
    /** What the status is now, when it differs from the one written (a pending offer past its time). */
    effectiveStatus?: string;
    expiresAt: When;
    funding: { fundedOn: When; createdAt: When } | null;
  }[];
};

export type TimelineEvent = { at: string; text: string };

const iso = (when: When) => (when ? new Date(when).toISOString() : null);

/** Every event, oldest first; events at the same instant keep the order they happen in. */
export function applicationTimeline(app: TimelineInput): TimelineEvent[] {
  const events: TimelineEvent[] = [];
  const add = (when: When, text: string) => {
    const at = iso(when);
    if (at) events.push({ at, text });
  };
  add(app.createdAt, "Draft started");
  add(app.submittedAt, "Sent to lenders");
  for (const r of app.referrals) {
    const name = r.lenderOrg.name;
    add(r.createdAt, `${name} received it`);
    add(r.reviewStartedAt, `${name} started its review`);
    for (const q of r.infoRequests) {
      add(q.createdAt, `${name} asked for information`);
      if (q.status === "ANSWERED") add(q.respondedAt, `You answered ${name}`);
    }
    const ended = referralEndedEvent({
      status: r.status,
      statusReason: r.statusReason ?? null,
      lenderName: name,
    });
    if (ended) add(r.decidedAt, ended);
  }
  for (const o of app.orders ?? [])
    add(
      o.cancelledAt,
      `You cancelled order ${o.poNumber}${o.cancelReason ? ` (${o.cancelReason.replace(/\.$/, "")})` : ""}: the lenders were told`,
    );
  for (const o of app.offers) {
    const name = o.lenderOrg.name;
    add(o.createdAt, `${name} made an offer`);
    if (o.status === "ACCEPTED") add(o.acceptedAt, `You accepted ${possessive(name)} offer`);
    if (o.status === "DECLINED") add(o.declinedAt, `${possessive(name)} offer was declined`);
    if (o.status === "WITHDRAWN")
      add(
        o.withdrawnAt,
        o.withdrawnReason
          ? `${name} withdrew its offer: ${o.withdrawnReason}`
          : `${possessive(name)} offer was withdrawn`,
      );
    // A pending offer is expired the moment its time passes, before any job writes it.
    if (o.status === "EXPIRED" || (o.status === "PENDING" && o.effectiveStatus === "EXPIRED"))
      add(o.expiresAt, `${possessive(name)} offer expired`);
    if (o.funding) add(o.funding.createdAt, `${name} sent the money`);
  }
  add(
    app.withdrawnAt,
    app.status === "DISCARDED" ? "You discarded the draft" : "You withdrew the application",
  );
  if (app.status === "DECLINED") add(app.decidedAt, "Declined: notice of action taken sent");
  if (app.status === "EXPIRED") add(app.decidedAt, "Expired");
  // A stable sort keeps same-instant events in the order they were added (cause before effect).
  return events.sort((a, b) => a.at.localeCompare(b.at));
}
