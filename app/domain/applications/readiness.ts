// What every product needs before an application may be sent (docs/design/workflows.md): a
// lender cannot decide on a business it cannot identify, date or pay out to, and a profile with a
// gap must never reach the scorer as if the gap were a fact (a missing founding year once read as
// "operating for a short time"). Pure: the merchant's page lists the gaps, submitApplication refuses
// on them, both from this one rule.

export const BANK_HISTORY_COMPLETE = "HISTORICAL_UPDATE_COMPLETE";

export type ReadinessFacts = {
  legalName: string | null;
  einLast4: string | null;
  entityType: string | null;
  yearFounded: number | null;
  monthFounded: number | null;
  addressLine1: string | null;
  city: string | null;
  addressState: string | null;
  postalCode: string | null;
  /** Each beneficial owner's share in basis points (0 for a controlling person owning none). */
  ownerShares: readonly number[];
  bankConnections: readonly { status: string; historyStatus: string }[];
  /** Marketplace sales records on file: the alternative evidence of revenue to a bank. */
  salesRecords: number;
};

export type MissingItem = {
  key: "legalName" | "ein" | "entityType" | "founded" | "address" | "owners" | "bank" | "bankHistory";
  message: string;
  /** Where the merchant fixes it. */
  href: "/merchant/profile" | "/merchant/bank";
};

const OWNER_THRESHOLD_BPS = 2_500;

/** What is missing, in the order of the profile form then the bank page; empty when ready. */
export function missingForSubmission(facts: ReadinessFacts): MissingItem[] {
  const missing: MissingItem[] = [];
  const profile = "/merchant/profile" as const;
  if (!facts.legalName?.trim()) {
    missing.push({ key: "legalName", message: "The business's legal name.", href: profile });
  }
  if (!facts.einLast4) missing.push({ key: "ein", message: "The business's EIN.", href: profile });
  if (!facts.entityType) missing.push({ key: "entityType", message: "The entity type.", href: profile });
  if (facts.yearFounded === null || facts.monthFounded === null) {
    missing.push({
      key: "founded",
      message:
        facts.yearFounded === null
          ? "The month and year the business was founded."
          : "The month the business was founded (the year alone does not tell how long it has traded).",
      href: profile,
    });
  }
  if (!facts.addressLine1 || !facts.city || !facts.addressState || !facts.postalCode) {
    missing.push({ key: "address", message: "The business address.", href: profile });
  }
  const total = facts.ownerShares.reduce((sum, bps) => sum + bps, 0);
  if (facts.ownerShares.length === 0) {
    missing.push({
      key: "owners",
      message: "The beneficial owners (everyone owning 25% or more).",
      href: profile,
    });
  } else if (total > 10_000) {
    missing.push({ key: "owners", message: "The owners' shares add up to more than 100%.", href: profile });
  } else if (!facts.ownerShares.some((bps) => bps >= OWNER_THRESHOLD_BPS)) {
    missing.push({
      key: "owners",
      message: "At least one beneficial owner with 25% or more of the business.",
      href: profile,
    });
  }

  const live = facts.bankConnections.filter((connection) => connection.status !== "REVOKED");
  if (live.some((connection) => connection.historyStatus !== BANK_HISTORY_COMPLETE)) {
    // A score taken before the history has arrived would describe a few weeks, not two years.
    missing.push({
      key: "bankHistory",
      message: "Your bank's transaction history is still arriving; send once it is complete.",
      href: "/merchant/bank",
    });
  } else if (live.length === 0 && facts.salesRecords === 0) {
    missing.push({
      key: "bank",
      message: "A connected bank account (or marketplace sales imported as evidence of revenue).",
      href: "/merchant/bank",
    });
  }
  return missing;
}
