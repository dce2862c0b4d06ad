// Scoring inputs built from the local sandbox's personas: the same bank data the app would hold
// after a sync (categorised the way the sandbox, like Plaid, does).
import type { ScoringInput, ScoringOrder } from "~/domain/scoring/features";
import { categorize } from "../../scripts/plaid-sandbox/categorize";
import { type PersonaId, personaCustomUser } from "../../scripts/plaid-sandbox/personas";
import { DEMO_FX_RATES } from "./index";

export const FX_RATES = Object.entries(DEMO_FX_RATES).map(([currency, usdPerUnitE8]) => ({
  currency,
  usdPerUnitE8,
  asOfDate: "2026-11-19",
}));

export function personaInput(
  persona: PersonaId,
  asOf: string,
  extra: { orders?: ScoringOrder[]; yearFounded?: number | null } = {},
): ScoringInput {
  const user = personaCustomUser(persona, asOf);
  const accounts = user.override_accounts.map((account, index) => {
    const spent = account.transactions.filter((t) => !t.pending).reduce((sum, t) => sum + t.amount, 0);
    return {
      id: `acct-${index}`,
      type: account.type,
      currentBalanceCents: Math.round((account.starting_balance - spent) * 100),
      currency: "USD",
    };
  });
  const transactions = user.override_accounts.flatMap((account, a) =>
    account.transactions.map((row, i) => {
      const enrichment = categorize(row.description, row.amount);
      return {
        id: `txn-${a}-${String(i).padStart(5, "0")}`,
        accountId: `acct-${a}`,
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
  return {
    asOf,
    accounts,
    transactions,
    sales: [],
    orders: extra.orders ?? [],
    // January: the whole-year count the scoring tests were written against.
    profile: { yearFounded: extra.yearFounded === undefined ? 2015 : extra.yearFounded, monthFounded: 1 },
    fxRates: FX_RATES,
  };
}

let orderCounter = 0;
export function order(partial: Partial<ScoringOrder> = {}): ScoringOrder {
  orderCounter += 1;
  return {
    id: `order-${orderCounter}`,
    buyerName: "Yamato Outdoor Supply K.K.",
    buyerCountry: "JP",
    amountMinor: 5_000_000n,
    currency: "USD",
    orderDate: "2026-11-01",
    expectedShipDate: "2026-12-01",
    invoiceDate: null,
    paymentTerm: "LETTER_OF_CREDIT",
    paymentTermDays: 60,
    status: "OPEN",
    ...partial,
  };
}
