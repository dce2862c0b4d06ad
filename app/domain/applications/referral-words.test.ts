import { describe, expect, it } from "vitest";
import { possessive } from "~/domain/text";
import { merchantReferralWords, referralEndedEvent } from "./referral-words";

const meridian = { lenderName: "Meridian", statusReason: null };

describe("merchantReferralWords", () => {
  it("says why a referral ended, so a suspension never reads as the lender's choice", () => {
    expect(
      merchantReferralWords({ ...meridian, status: "WITHDRAWN", statusReason: "PARTNER_SUSPENDED" }),
    ).toBe("Meridian's partnership with TradeLift was suspended, so it no longer reviews this application");
    expect(
      merchantReferralWords({ ...meridian, status: "CLOSED", statusReason: "OTHER_OFFER_ACCEPTED" }),
    ).toBe("Closed: you accepted another offer");
    expect(
      merchantReferralWords({ ...meridian, status: "WITHDRAWN", statusReason: "APPLICATION_WITHDRAWN" }),
    ).toBe("Closed: you withdrew the application");
    expect(
      merchantReferralWords({ ...meridian, status: "CLOSED", statusReason: "APPLICATION_EXPIRED" }),
    ).toBe("Closed: the application expired with no offer accepted");
    expect(merchantReferralWords({ ...meridian, status: "OFFERED" })).toBe("Made an offer");
    expect(merchantReferralWords({ ...meridian, status: "WITHDRAWN" })).toBe("No longer reviews it");
  });
});

describe("referralEndedEvent", () => {
  it("names who ended it", () => {
    expect(referralEndedEvent({ ...meridian, status: "DECLINED" })).toBe("Meridian declined");
    expect(
      referralEndedEvent({ ...meridian, status: "WITHDRAWN", statusReason: "APPLICATION_WITHDRAWN" }),
    ).toBe("Meridian's review was closed: you withdrew the application");
    expect(referralEndedEvent({ ...meridian, status: "IN_REVIEW" })).toBeNull();
  });
});

describe("possessive", () => {
  it("drops the extra s after a name ending in s", () => {
    expect(possessive("Harborline Export Factors")).toBe("Harborline Export Factors'");
    expect(possessive("Meridian Trade Capital")).toBe("Meridian Trade Capital's");
  });
});
