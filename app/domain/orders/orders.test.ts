import { describe, expect, it } from "vitest";
import { exportOrderSchema } from "./orders";

const today = new Date("2026-12-01T00:00:00Z");
const order = (currency: string, amount: string) => ({
  poNumber: "PO-1",
  buyerName: "Osaka Trading KK",
  buyerCountry: "JP",
  currency,
  amount,
  orderDate: "2026-11-20",
  paymentTerm: "OPEN_ACCOUNT",
  paymentTermDays: 60,
  incoterm: "FOB",
});

describe("an order's amount", () => {
  it("takes yen written with zero decimals, as spreadsheets export them", () => {
    const parsed = exportOrderSchema({ today }).safeParse(order("JPY", "1472215.00"));
    expect(parsed.success && parsed.data.amountMinor).toBe(1472215n);
  });

  it("refuses yen with a fraction, with an example that fits the currency", () => {
    const parsed = exportOrderSchema({ today }).safeParse(order("JPY", "100.5"));
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((issue) => issue.message)).toEqual([
      "Enter an amount above zero in JPY, which has no cents: e.g. 125,000 (or 125,000.00).",
    ]);
  });

  it("asks for at most two decimals in dollars", () => {
    const parsed = exportOrderSchema({ today }).safeParse(order("USD", "10.005"));
    expect(parsed.error?.issues.map((issue) => issue.message)).toEqual([
      "Enter an amount above zero in USD with at most 2 decimals, e.g. 125,000.00.",
    ]);
  });
});
