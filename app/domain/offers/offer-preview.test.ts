import { parseWithZod } from "@conform-to/zod/v4";
import { describe, expect, it } from "vitest";
import { OfferSchema } from "./offer";
import { previewOffer } from "./offer-preview";

// The browser previews with previewOffer; the server decides with OfferSchema. They must agree on
// what the disclosure shows whenever the preview shows one.
function bothWays(values: Record<string, string>) {
  const server = parseWithZod(new URLSearchParams(values), { schema: OfferSchema });
  return {
    server: server.status === "success" ? server.value : null,
    preview: previewOffer(values.productType ?? "", values),
  };
}

const factoring = {
  productType: "INVOICE_FACTORING",
  amount: "50,000.00",
  advanceRate: "85",
  originationFee: "250",
  feePer30Days: "2.5",
  termDays: "60",
  recourse: "WITH_RECOURSE",
  expiresInDays: "14",
};
const loan = {
  productType: "TERM_LOAN",
  amount: "120000",
  interestRate: "14.5",
  paymentFrequency: "MONTHLY",
  paymentCount: "12",
  securityTerms: "A lien on all business assets",
  expiresInDays: "14",
};

describe("previewOffer", () => {
  it("reads a factoring offer as the server does", () => {
    const { server, preview } = bothWays(factoring);
    expect(server).not.toBeNull();
    expect(preview).toEqual(server);
  });

  it("reads a loan offer as the server does", () => {
    const { server, preview } = bothWays(loan);
    expect(server).not.toBeNull();
    expect(preview).toEqual(server);
  });

  it("shows nothing while a field the disclosure needs is missing or out of range", () => {
    for (const values of [
      { ...factoring, amount: "" },
      { ...factoring, amount: "999" },
      { ...factoring, advanceRate: "120" },
      { ...factoring, originationFee: "60000" },
      { ...factoring, termDays: "3" },
      { ...factoring, recourse: "" },
      { ...loan, paymentCount: "0" },
      { ...loan, interestRate: "abc" },
      { ...loan, securityTerms: "no" },
      { ...loan, expiresInDays: "61" },
    ]) {
      const { server, preview } = bothWays(values);
      expect(server, JSON.stringify(values)).toBeNull();
      expect(preview, JSON.stringify(values)).toBeNull();
    }
  });
});
