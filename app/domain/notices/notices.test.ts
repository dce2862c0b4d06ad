import { describe, expect, it } from "vitest";
import { agencyParagraph, REGULATOR_TYPE_CODES } from "./agencies";
import {
  actionNotice,
  counterofferDifferences,
  daysUntil,
  dueInWords,
  incompleteNotice,
  noticeDocument,
  noticeEmailText,
  principalReasons,
  storedNoticeContent,
} from "./notice";

describe("the agency a notice names (Appendix A to Part 1002)", () => {
  it("chooses the agency from the creditor's regulator", () => {
    expect(agencyParagraph("NATIONAL_BANK")).toContain("Office of the Comptroller of the Currency");
    expect(agencyParagraph("STATE_MEMBER_BANK")).toContain("Federal Reserve Consumer Help Center");
    expect(agencyParagraph("STATE_NONMEMBER_BANK")).toContain("Federal Deposit Insurance Corporation");
    expect(agencyParagraph("FEDERAL_CREDIT_UNION")).toContain("National Credit Union Administration");
    expect(agencyParagraph("LARGE_DEPOSITORY")).toContain("Bureau of Consumer Financial Protection");
    expect(agencyParagraph("NON_BANK")).toContain("Federal Trade Commission");
  });

  it("names a bank's agency and never the FTC for it", () => {
    for (const type of ["NATIONAL_BANK", "STATE_MEMBER_BANK", "STATE_NONMEMBER_BANK", "LARGE_DEPOSITORY"])
      expect(agencyParagraph(type)).not.toContain("Federal Trade Commission");
  });

  it("gives a large institution's non-bank affiliate both the Bureau and the FTC", () => {
    const text = agencyParagraph("LARGE_DEPOSITORY_AFFILIATE");
    expect(text).toContain("federal agencies that administer compliance");
    expect(text).toContain("Bureau of Consumer Financial Protection, 1700 G Street NW, Washington, DC 20552");
    expect(text).toContain("Federal Trade Commission, Consumer Response Center, 600 Pennsylvania Avenue NW");
  });

  it("states the ECOA notice, with an address, for every kind of creditor", () => {
    for (const type of REGULATOR_TYPE_CODES) {
      const text = agencyParagraph(type);
      expect(text).toMatch(/^The federal Equal Credit Opportunity Act prohibits creditors/);
      expect(text).toMatch(/[A-Z]{2} \d{5}(-\d{4})?\.$/);
    }
  });

  it("treats an unknown kind as the appendix's residual class, the FTC", () => {
    expect(agencyParagraph("SOMETHING_ELSE")).toBe(agencyParagraph("NON_BANK"));
  });
});

describe("principal reasons", () => {
  it("keeps at most four, each once, and adds none", () => {
    expect(principalReasons(["A", "B", "a", " B ", "C", "D", "E"])).toEqual(["A", "B", "C", "D"]);
    expect(principalReasons(["Only one"])).toEqual(["Only one"]);
    expect(principalReasons([])).toEqual([]);
  });
});

const base = {
  reference: "ABC-1",
  applicant: "Driftwood Tea Works LLC",
  issuedAt: new Date("2026-11-20T10:00:00Z"),
  submittedAt: new Date("2026-11-01T10:00:00Z"),
  requested: { amountCents: 5_000_000, productType: "TERM_LOAN", tenorDays: 360 },
};
const bank = {
  name: "First Cascade Bank",
  address: "1000 SW Broadway, Suite 1200, Portland, OR 97205",
  agency: agencyParagraph("STATE_NONMEMBER_BANK"),
};

describe("the notice of action taken", () => {
  it("a decline carries only this creditor's own reasons, its address and its agency", () => {
    const notice = actionNotice({ ...base, kind: "DECLINED", creditor: bank, reasons: ["Revenue too low"] });
    expect(notice.from).toEqual({ name: bank.name, address: bank.address });
    expect(notice.reasons).toEqual(["Revenue too low"]);
    expect(notice.statement[0]).toBe(
      "Your application of November 1, 2026 for $50,000 of term loan has been declined by First Cascade Bank.",
    );
    expect(notice.agency).toContain("Federal Deposit Insurance Corporation");
    expect(notice.sentBy).toBe("Sent by TradeLift on behalf of First Cascade Bank.");
  });

  it("no match comes from TradeLift, with the failed criteria as reasons", () => {
    const notice = actionNotice({
      ...base,
      kind: "NO_MATCH",
      creditor: {
        name: "TradeLift, Inc.",
        address: "1 Operator Way, Portland, OR 97209",
        agency: agencyParagraph("NON_BANK"),
        platform: true,
      },
      reasons: ["The amount requested is above the maximum of every product available."],
    });
    expect(notice.from.name).toBe("TradeLift, Inc.");
    expect(notice.sentBy).toBeNull();
    expect(notice.statement[0]).toMatch(/was not sent to any lender/);
    expect(notice.reasons).toEqual(["The amount requested is above the maximum of every product available."]);
  });

  it("an expiry says the lender did not decide, and offers the statement of reasons", () => {
    const notice = actionNotice({ ...base, kind: "EXPIRED", creditor: bank, staleDays: 30 });
    expect(notice.statement[0]).toMatch(
      /expired on November 20, 2026, 30 days after it was sent, before First Cascade Bank made a decision/,
    );
    expect(notice.reasons).toHaveLength(1);
    expect(notice.closing[0]).toMatch(/right to a statement of specific reasons.*within 60 days/);
  });

  it("a counteroffer not accepted says what was offered instead (§1002.9(a)(1)(iv))", () => {
    const differences = counterofferDifferences(base.requested, {
      amountCents: 3_000_000,
      productType: "TERM_LOAN",
      termDays: 360,
    });
    expect(differences).toEqual(["$30,000 instead of the $50,000 requested"]);
    const notice = actionNotice({
      ...base,
      kind: "COUNTEROFFER",
      creditor: bank,
      differences,
      outcome: "EXPIRED",
      offeredAt: new Date("2026-11-05T00:00:00Z"),
    });
    expect(notice.statement[0]).toMatch(
      /offer on other terms: \$30,000 instead of the \$50,000 requested\. That offer expired/,
    );
    expect(notice.reasons).toEqual([]);
    expect(notice.closing[0]).toMatch(/right to a statement of specific reasons/);
  });

  it("an offer on the terms requested is not a counteroffer", () => {
    expect(
      counterofferDifferences(base.requested, {
        amountCents: 5_000_000,
        productType: "TERM_LOAN",
        termDays: 365,
      }),
    ).toEqual([]);
    expect(
      counterofferDifferences(
        { ...base.requested, productType: "ANY" },
        { amountCents: 5_000_000, productType: "PO_FINANCING", termDays: 360 },
      ),
    ).toEqual([]);
    expect(
      counterofferDifferences(base.requested, {
        amountCents: 5_000_000,
        productType: "PO_FINANCING",
        termDays: 90,
      }),
    ).toEqual([
      "purchase-order financing instead of term loan",
      "a term of 90 days instead of the 360 days requested",
    ]);
  });

  it("renders the same texts in the e-mail and the printable document", () => {
    const notice = actionNotice({ ...base, kind: "DECLINED", creditor: bank, reasons: ["Revenue too low"] });
    const email = noticeEmailText(notice);
    const document = noticeDocument(notice, base.issuedAt);
    for (const text of [notice.statement[0] ?? "", "1. Revenue too low", notice.agency, bank.address])
      expect(email).toContain(text);
    expect(JSON.stringify(document.blocks)).toContain(notice.agency);
    expect(document.footer).toBe("Notice ABC-1");
  });
});

describe("the notice of incompleteness (§1002.9(c))", () => {
  it("says what is missing, the deadline passed, the last day, and what happens without it", () => {
    const notice = incompleteNotice({
      ...base,
      creditor: bank,
      missing: "Document: Bank statements",
      askedAt: new Date("2026-11-02T00:00:00Z"),
      dueAt: new Date("2026-11-16T23:59:59.999Z"),
      finalDueAt: new Date("2026-11-27T23:59:59.999Z"),
    });
    expect(notice.kind).toBe("INCOMPLETE");
    expect(notice.reasons).toEqual(["Document: Bank statements"]);
    expect(notice.statement[0]).toMatch(/the answer was due by November 16, 2026/);
    expect(notice.closing[0]).toMatch(
      /by November 27, 2026\. If it is not received by then, First Cascade Bank will not consider your application further/,
    );
  });
});

describe("deadlines", () => {
  it("says due in N days", () => {
    const now = new Date("2026-11-20T15:00:00Z");
    const due = new Date("2026-11-23T23:59:59.999Z");
    expect(daysUntil(due, now)).toBe(3);
    expect(dueInWords(due, now)).toBe("due in 3 days (November 23, 2026)");
    expect(dueInWords(new Date("2026-11-20T23:59:59.999Z"), now)).toBe("due today");
    expect(dueInWords(new Date("2026-11-19T23:59:59.999Z"), now)).toBe("was due November 19, 2026");
  });
});

describe("notices kept before notices were per creditor", () => {
  it("are shown as they were sent", () => {
    const content = storedNoticeContent({
      id: "n1",
      kind: "DECLINED",
      contentJson: '{"legacy":true}',
      creditorName: "A Bank, B Capital",
      creditorAddress: "",
      agencyText: "The federal agency … is the Federal Trade Commission.",
      reasonsJson: '["Revenue too low"]',
      sentAt: new Date("2026-11-01T00:00:00Z"),
    });
    expect(content.statement[0]).toBe("Your application was declined by A Bank, B Capital.");
    expect(content.reasons).toEqual(["Revenue too low"]);
  });
});

describe("the operator as sender", () => {
  it("names the installation's operator and address, and says so when no address is configured", async () => {
    const { platformCreditor } = await import("./notices.server");
    const { overrideEnvForTests } = await import("~/utils/env.server");
    expect(platformCreditor()).toMatchObject({
      name: "TradeLift, Inc.",
      address: "1 Operator Way, Portland, OR 97209",
      platform: true,
    });
    overrideEnvForTests({ OPERATOR_ADDRESS: undefined });
    try {
      expect(platformCreditor().address).toBe(
        "postal address not configured by this installation's operator",
      );
    } finally {
      overrideEnvForTests({ OPERATOR_ADDRESS: "1 Operator Way, Portland, OR 97209" });
    }
  });
});
