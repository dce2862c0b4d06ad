import { describe, expect, it } from "vitest";
import { categorize } from "../../../scripts/plaid-sandbox/categorize";
import { personaCustomUser } from "../../../scripts/plaid-sandbox/personas";
import { type BankTxn, classifyInflows, lastMonths, monthlyRevenue, topPayers } from "./revenue";

function txn(partial: Partial<BankTxn> & Pick<BankTxn, "id" | "amountCents" | "date">): BankTxn {
  return {
    accountId: "checking",
    categoryPrimary: "INCOME",
    categoryDetailed: "INCOME_OTHER_INCOME",
    counterparty: null,
    name: "X",
    pending: false,
    ...partial,
  };
}

describe("revenue", () => {
  it("counts sales and leaves out own transfers, loan proceeds, tax refunds, refunds and interest", () => {
    const transactions = [
      txn({ id: "sale", date: "2026-10-03", amountCents: 500_000, counterparty: "YAMATO" }),
      txn({
        id: "to-savings",
        date: "2026-10-05",
        amountCents: -100_000,
        accountId: "checking",
        categoryPrimary: "TRANSFER_OUT",
        categoryDetailed: "TRANSFER_OUT_ACCOUNT_TRANSFER",
      }),
      txn({
        id: "from-checking",
        date: "2026-10-05",
        amountCents: 100_000,
        accountId: "savings",
        categoryPrimary: "TRANSFER_IN",
        categoryDetailed: "TRANSFER_IN_ACCOUNT_TRANSFER",
      }),
      txn({
        id: "deposit-from-elsewhere",
        date: "2026-10-06",
        amountCents: 70_000,
        categoryPrimary: "TRANSFER_IN",
        categoryDetailed: "TRANSFER_IN_DEPOSIT",
      }),
      txn({
        id: "loan",
        date: "2026-10-07",
        amountCents: 15_000_000,
        categoryPrimary: "TRANSFER_IN",
        categoryDetailed: "TRANSFER_IN_CASH_ADVANCES_AND_LOANS",
      }),
      txn({ id: "tax", date: "2026-10-08", amountCents: 640_000, categoryDetailed: "INCOME_TAX_REFUND" }),
      txn({
        id: "supplier-refund",
        date: "2026-10-09",
        amountCents: 215_000,
        categoryPrimary: "GENERAL_MERCHANDISE",
        categoryDetailed: "GENERAL_MERCHANDISE_OTHER_GENERAL_MERCHANDISE",
      }),
      txn({
        id: "interest",
        date: "2026-10-10",
        amountCents: 45,
        categoryDetailed: "INCOME_INTEREST_EARNED",
      }),
      txn({ id: "pending-sale", date: "2026-10-11", amountCents: 99_999, pending: true }),
    ];
    const kinds = classifyInflows(transactions);
    expect(Object.fromEntries(kinds)).toEqual({
      sale: "revenue",
      "from-checking": "own-transfer",
      "deposit-from-elsewhere": "revenue",
      loan: "loan-proceeds",
      tax: "tax-refund",
      "supplier-refund": "refund",
      interest: "interest",
    });
    expect(monthlyRevenue(transactions, ["2026-10"]).get("2026-10")).toBe(570_000);
  });

  it("names the calendar months ending with the as-of month", () => {
    expect(lastMonths("2026-11-20", 3)).toEqual(["2026-09", "2026-10", "2026-11"]);
    expect(lastMonths("2026-01-05", 2)).toEqual(["2025-12", "2026-01"]);
  });

  it("finds the single big customer of the concentrated persona", () => {
    const user = personaCustomUser("concentrated_payer", "2026-11-20");
    const transactions: BankTxn[] = user.override_accounts.flatMap((account, a) =>
      account.transactions.map((row, i) => {
        const enrichment = categorize(row.description, row.amount);
        return {
          id: `${a}:${i}`,
          accountId: String(a),
          date: row.date_posted,
          amountCents: Math.round(-row.amount * 100),
          categoryPrimary: enrichment.primary,
          categoryDetailed: enrichment.detailed,
          counterparty: enrichment.counterparty?.name ?? null,
          name: row.description,
          pending: row.pending ?? false,
        };
      }),
    );
    const { payers } = topPayers(transactions, "2025-11-20", "2026-11-20");
    expect(payers[0]?.name).toBe("SAIGON ELECTRONICS MANUFACTURING JSC");
    expect(payers[0]?.share).toBeGreaterThan(0.7);
  });
});

describe("dayNumber", () => {
  it("agrees with the calendar for any date from 1900 to 2200", async () => {
    const fc = (await import("fast-check")).default;
    const { dayNumber } = await import("./revenue");
    fc.assert(
      fc.property(
        fc.date({
          min: new Date("1900-01-01T00:00:00Z"),
          max: new Date("2200-12-31T00:00:00Z"),
          noInvalidDate: true,
        }),
        (date) => {
          const day = date.toISOString().slice(0, 10);
          expect(dayNumber(day)).toBe(Math.floor(Date.parse(`${day}T00:00:00Z`) / 86_400_000));
        },
      ),
    );
  });
});
