import { describe, expect, it } from "vitest";
import {
  ACCEPTANCE_CONSENT,
  AcceptOfferSchema,
  acceptedDisclosureJson,
  comparableName,
  DeclineOfferSchema,
  readAcceptedDisclosure,
  SUSPENDED_PARTNER_NOTICE,
  signatureMatches,
} from "./acceptance";

const offer = {
  id: "offer-1",
  productType: "INVOICE_FACTORING",
  amountCents: 8_000_000,
  currency: "USD",
  advanceRateBps: 8500,
  fundsProvidedCents: 6_800_000,
  financeChargeCents: 240_000,
  totalRepaymentCents: 7_040_000,
  estimatedAprBps: 2147,
  termDays: 60,
  paymentFrequency: "SINGLE",
  paymentCount: 1,
  paymentAmountCents: 7_040_000,
  prepaymentTerms: "Repaid when your buyer pays the invoice.",
  feeBps: 150,
  feePeriodDays: 30,
  interestRateBps: null,
  feeDeductedCents: 0,
  securityTerms: null,
  recourse: "WITH_RECOURSE",
  schedule: [{ number: 1, dueInDays: 60, amountCents: 7_040_000 }],
  madeAt: new Date("2026-12-01T10:00:00.000Z"),
  expiresAt: new Date("2026-12-15T10:00:00.000Z"),
  lenderName: "Alder Capital",
  partnerStatus: "ACTIVE",
};

describe("the signature", () => {
  it("matches the account name whatever the case, spacing or Unicode form", () => {
    expect(signatureMatches("  rv   OWNER ", "Rv Owner")).toBe(true);
    expect(signatureMatches("Zoë Ångström", "Zoe\u0308 A\u030Angstro\u0308m")).toBe(true);
    expect(signatureMatches("ＲＶ Owner", "Rv Owner")).toBe(true); // full-width letters (NFKC)
    expect(comparableName("Ann\u00A0Lee")).toBe("ann lee");
  });

  it("refuses another name, a part of it, or nothing", () => {
    expect(signatureMatches("Mickey Mouse", "Rv Owner")).toBe(false);
    expect(signatureMatches("Rv", "Rv Owner")).toBe(false);
    expect(signatureMatches("   ", "   ")).toBe(false);
  });
});

describe("the accepted disclosure copy", () => {
  it("is the same text for the same offer, whatever the order its fields came in", () => {
    const reordered = Object.fromEntries(Object.entries(offer).reverse()) as typeof offer;
    expect(acceptedDisclosureJson(reordered)).toBe(acceptedDisclosureJson(offer));
    const copy = JSON.parse(acceptedDisclosureJson(offer));
    expect(copy.format).toBe(2);
    expect(copy.content.facts).toContainEqual({ label: "Amount disbursed to you", value: "$68,000.00" });
    expect(copy.content.facts).toContainEqual({ label: "Estimated APR", value: "21.47%" });
    expect(copy.content.schedule.rows).toEqual([{ number: 1, date: "2027-01-30", amount: "$70,400.00" }]);
    expect(copy.consent).toBe(ACCEPTANCE_CONSENT);
    expect(copy.notices).toEqual([]);
  });

  it("changes with any figure, the lender's suspension or the expiry shown", () => {
    const base = acceptedDisclosureJson(offer);
    expect(acceptedDisclosureJson({ ...offer, financeChargeCents: 240_001 })).not.toBe(base);
    expect(acceptedDisclosureJson({ ...offer, expiresAt: new Date("2026-12-16T10:00:00.000Z") })).not.toBe(
      base,
    );
    const suspended = acceptedDisclosureJson({ ...offer, partnerStatus: "SUSPENDED" });
    expect(JSON.parse(suspended).notices).toEqual([SUSPENDED_PARTNER_NOTICE]);
    expect(acceptedDisclosureJson({ ...offer, recourse: "WITHOUT_RECOURSE" })).not.toBe(base);
  });

  it("reads back both the current copy and one kept before the schedule and notes were disclosed", () => {
    expect(readAcceptedDisclosure(acceptedDisclosureJson(offer)).content.notes.length).toBeGreaterThan(0);
    const old = readAcceptedDisclosure(
      JSON.stringify({
        format: 1,
        offerId: "offer-0",
        lender: "Alder Capital",
        product: "Export invoice factoring",
        expiresAt: "2026-01-01T00:00:00.000Z",
        lines: [{ label: "Funds provided", value: "$68,000.00" }],
        notices: [],
        consent: ACCEPTANCE_CONSENT,
      }),
    );
    expect(old.content.facts).toEqual([{ label: "Funds provided", value: "$68,000.00" }]);
    expect(old.content.schedule.rows).toEqual([]);
  });
});

describe("the accept and decline forms", () => {
  const hash = "a".repeat(64);
  it("require the name, the consent and the hash of what was shown", () => {
    expect(
      AcceptOfferSchema.safeParse({
        offerId: "o",
        signatureName: "Rv Owner",
        consent: "on",
        disclosureSha256: hash,
      }).success,
    ).toBe(true);
    const refused = AcceptOfferSchema.safeParse({ offerId: "o", signatureName: " " });
    expect(refused.success).toBe(false);
    const paths = refused.error?.issues.map((i) => i.path[0]);
    expect(paths).toEqual(expect.arrayContaining(["signatureName", "consent", "disclosureSha256"]));
  });

  it("refuse a decline sent without its confirmation step", () => {
    const refused = DeclineOfferSchema.safeParse({ offerId: "o" });
    expect(refused.error?.issues[0]?.message).toMatch(/^Confirm first/);
    expect(DeclineOfferSchema.safeParse({ offerId: "o", confirmed: "yes" }).success).toBe(true);
  });
});
