// Business personas for the local Plaid sandbox: deterministic bank histories in Plaid's custom
// sandbox user format (`override_accounts`), generated for a given "today". Plaid's sign:
// a positive amount is money leaving the account.
//
// The same persona and the same `today` always give the same accounts and transactions, so tests
// and demos are reproducible.

export type CustomTransaction = {
  date_transacted: string;
  date_posted: string;
  amount: number;
  description: string;
  currency: string;
  /** A local extension: transactions in the last days are still pending. */
  pending?: boolean;
};

export type CustomAccount = {
  type: "depository" | "credit" | "loan";
  subtype: string;
  starting_balance: number;
  currency?: string;
  meta: { name: string; official_name?: string; mask: string };
  transactions: CustomTransaction[];
};

export type CustomUser = { override_accounts: CustomAccount[] };

export type PersonaId =
  | "steady_exporter"
  | "seasonal_exporter"
  | "declining_business"
  | "new_business"
  | "concentrated_payer";

export const PERSONAS: readonly { id: PersonaId; name: string; description: string }[] = [
  {
    id: "steady_exporter",
    name: "Steady exporter",
    description:
      "24 months of steadily growing sales to buyers in Japan, Korea, China and Taiwan; a savings account; an SBA loan.",
  },
  {
    id: "seasonal_exporter",
    name: "Seasonal exporter",
    description:
      "24 months of food exports that peak every autumn harvest and slow to a trickle each spring.",
  },
  {
    id: "declining_business",
    name: "Declining business",
    description:
      "18 months of falling sales, with overdrafts, returned-item (NSF) fees and days below zero lately.",
  },
  {
    id: "new_business",
    name: "New business",
    description: "A 4-month-old business with its first few export orders.",
  },
  {
    id: "concentrated_payer",
    name: "Single big customer",
    description: "14 months of sales, about 80% of them paid by one buyer in Viet Nam.",
  },
];

export function isPersonaId(value: unknown): value is PersonaId {
  return typeof value === "string" && PERSONAS.some((persona) => persona.id === value);
}

// ── deterministic randomness and dates ──

function seedOf(text: string): number {
  let hash = 2166136261;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 16777619);
  }
  return hash >>> 0;
}

function mulberry32(seed: number) {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const DAY = 86_400_000;

export function parseDay(day: string): number {
  return Date.parse(`${day}T00:00:00Z`);
}

export function formatDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

function cents(value: number): number {
  return Math.round(value * 100) / 100;
}

type Builder = {
  random: () => number;
  between: (min: number, max: number) => number;
  pick: <T>(items: readonly T[]) => T;
  add: (account: CustomAccount, day: number, amount: number, description: string) => void;
};

function builder(seed: string, todayMs: number): Builder {
  const random = mulberry32(seedOf(seed));
  return {
    random,
    between: (min, max) => min + (max - min) * random(),
    pick: (items) => items[Math.floor(random() * items.length)] as (typeof items)[number],
    add(account, day, amount, description) {
      if (day > todayMs) return;
      const lag = amount < 0 ? 0 : Math.floor(random() * 2);
      const posted = Math.min(day + lag * DAY, todayMs);
      account.transactions.push({
        date_transacted: formatDay(day),
        date_posted: formatDay(posted),
        amount: cents(amount),
        description,
        currency: "USD",
        pending: todayMs - day < 2 * DAY && amount > 0,
      });
    },
  };
}

function checking(name: string, mask: string, startingBalance: number): CustomAccount {
  return {
    type: "depository",
    subtype: "checking",
    starting_balance: startingBalance,
    meta: { name, official_name: `${name} Business Checking`, mask },
    transactions: [],
  };
}

function savings(name: string, mask: string, startingBalance: number): CustomAccount {
  return {
    type: "depository",
    subtype: "savings",
    starting_balance: startingBalance,
    meta: { name, official_name: `${name} Business Savings`, mask },
    transactions: [],
  };
}

/** The first day of the month `monthsBack` months before today's month. */
function monthStart(todayMs: number, monthsBack: number): number {
  const today = new Date(todayMs);
  return Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - monthsBack, 1);
}

function daysInMonth(startMs: number): number {
  const d = new Date(startMs);
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
}

type MonthPlan = {
  /** Revenue to receive this month, in dollars. */
  revenue: number;
  /** Buyers and their share weights. */
  buyers: readonly (readonly [string, number])[];
  /** Share of revenue that arrives as weekly storefront payouts. */
  storefrontShare: number;
  /** Operating outflows as a share of revenue. */
  costRatio: number;
  payroll: number;
  rent: number;
  loanPayment: number;
  savingsTransfer: number;
};

function simulateMonth(
  b: Builder,
  account: CustomAccount,
  savingsAccount: CustomAccount | null,
  start: number,
  plan: MonthPlan,
) {
  const days = daysInMonth(start);
  const day = (n: number) => start + (Math.min(Math.max(n, 1), days) - 1) * DAY;

  // Storefront payouts every Tuesday-ish.
  const storefront = plan.revenue * plan.storefrontShare;
  for (let week = 0; week < 4; week++) {
    b.add(account, day(3 + week * 7), -(storefront / 4) * b.between(0.85, 1.15), "SHOPIFY PAYOUT ST-7XK2");
  }
  // Wires from overseas buyers, weighted.
  const wires = plan.revenue - storefront;
  const totalWeight = plan.buyers.reduce((sum, [, weight]) => sum + weight, 0);
  for (const [buyer, weight] of plan.buyers) {
    const share = (wires * weight) / totalWeight;
    if (share < 50) continue;
    const parts = share > 20_000 ? 2 : 1;
    for (let p = 0; p < parts; p++) {
      b.add(
        account,
        day(Math.floor(b.between(2, days))),
        -(share / parts) * b.between(0.9, 1.1),
        `WIRE IN ${buyer}`,
      );
    }
  }
  // Costs: suppliers, freight, cards.
  const costs = plan.revenue * plan.costRatio;
  b.add(
    account,
    day(8),
    costs * 0.45 * b.between(0.9, 1.1),
    b.pick([
      "ACH PMT PACIFIC FABRICS SUPPLY",
      "ACH PMT CENTRAL VALLEY GROWERS CO-OP",
      "ACH PMT NORTHWEST METALS INC",
    ]),
  );
  b.add(account, day(20), costs * 0.25 * b.between(0.9, 1.1), "ACH PMT PRIMARY COMPONENTS SUPPLIER");
  b.add(account, day(14), costs * 0.18 * b.between(0.85, 1.15), "FLEXPORT INC FREIGHT");
  b.add(account, day(25), costs * 0.12 * b.between(0.8, 1.2), "AMEX EPAYMENT ACH PMT");
  // Fixed costs.
  if (plan.payroll > 0) {
    b.add(account, day(1), plan.payroll / 2, "GUSTO PAYROLL NET PAY");
    b.add(account, day(15), plan.payroll / 2, "GUSTO PAYROLL NET PAY");
  }
  if (plan.rent > 0) b.add(account, day(1), plan.rent, "RENT HARBOR INDUSTRIAL PROPERTIES LLC");
  if (plan.loanPayment > 0) b.add(account, day(5), plan.loanPayment, "SBA LOAN PAYMENT 7A SERVICING");
  b.add(account, day(28), 35, "MONTHLY SERVICE FEE");
  if (savingsAccount && plan.savingsTransfer > 0) {
    b.add(account, day(27), plan.savingsTransfer, `TRANSFER TO SAVINGS XXXXXX${savingsAccount.meta.mask}`);
    b.add(
      savingsAccount,
      day(27),
      -plan.savingsTransfer,
      `TRANSFER FROM CHECKING XXXXXX${account.meta.mask}`,
    );
    b.add(savingsAccount, day(28), -plan.savingsTransfer * 0.0003, "INTEREST PAYMENT");
  }
}

function finish(accounts: CustomAccount[]): CustomUser {
  for (const account of accounts) {
    account.transactions.sort((a, b) =>
      a.date_transacted === b.date_transacted
        ? a.description.localeCompare(b.description)
        : a.date_transacted.localeCompare(b.date_transacted),
    );
  }
  return { override_accounts: accounts };
}

/** The custom sandbox user of a persona, as of `today` (YYYY-MM-DD). */
export function personaCustomUser(persona: PersonaId, today: string): CustomUser {
  const todayMs = parseDay(today);
  const b = builder(`${persona}:${today}`, todayMs);
  switch (persona) {
    case "steady_exporter": {
      const account = checking("Plaid Checking", "0000", 84_000);
      const reserve = savings("Plaid Saving", "1111", 40_000);
      const buyers = [
        ["YAMATO OUTDOOR SUPPLY KK", 4],
        ["HANBIT CAMPING CO LTD", 3],
        ["SHANGHAI ALPINE TRADING CO", 2],
        ["TAIPEI TRAIL GEAR LTD", 1.5],
        ["OSAKA SPORTS DEPOT KK", 1],
      ] as const;
      for (let m = 24; m >= 0; m--) {
        const revenue = 60_000 * 1.025 ** (24 - m) * b.between(0.95, 1.05);
        simulateMonth(b, account, reserve, monthStart(todayMs, m), {
          revenue,
          buyers,
          storefrontShare: 0.2,
          costRatio: 0.62,
          payroll: 18_000,
          rent: 4_500,
          loanPayment: 1_350,
          savingsTransfer: 1_500,
        });
      }
      // Money in that is not sales: the SBA loan's proceeds, a tax refund and a supplier's refund.
      b.add(account, monthStart(todayMs, 20) + 9 * DAY, -150_000, "SBA LOAN PROCEEDS 7A DISBURSEMENT");
      b.add(account, monthStart(todayMs, 7) + 12 * DAY, -6_400, "IRS TREAS 310 TAX REF");
      b.add(account, monthStart(todayMs, 4) + 18 * DAY, -2_150, "REFUND FROM PACIFIC FABRICS SUPPLY");
      return finish([account, reserve]);
    }
    case "seasonal_exporter": {
      const account = checking("Plaid Checking", "2222", 120_000);
      // Harvest peaks September–November, slow February–April.
      const seasonal = [0.7, 0.45, 0.4, 0.5, 0.7, 0.85, 0.95, 1.2, 1.9, 2.2, 1.8, 0.95];
      const buyers = [
        ["MUMBAI DRY FRUITS TRADERS PVT", 3],
        ["GUANGZHOU HARVEST FOODS CO", 3],
        ["HANOI FRESH IMPORTS JSC", 1.5],
        ["DUBAI NUTS GENERAL TRADING LLC", 1],
      ] as const;
      for (let m = 24; m >= 0; m--) {
        const start = monthStart(todayMs, m);
        const factor = seasonal[new Date(start).getUTCMonth()] ?? 1;
        simulateMonth(b, account, null, start, {
          revenue: 45_000 * factor * b.between(0.92, 1.08),
          buyers,
          storefrontShare: 0.05,
          costRatio: 0.6,
          payroll: 12_000,
          rent: 3_000,
          loanPayment: 0,
          savingsTransfer: 0,
        });
      }
      return finish([account]);
    }
    case "declining_business": {
      const account = checking("Plaid Checking", "3333", 26_000);
      const buyers = [
        ["SAIGON HOME GOODS JSC", 2],
        ["MANILA LIFESTYLE RETAIL INC", 1],
        ["BANGKOK DECOR TRADING CO", 1],
      ] as const;
      for (let m = 17; m >= 0; m--) {
        const start = monthStart(todayMs, m);
        const revenue = 80_000 * 0.9 ** (17 - m) * b.between(0.95, 1.05);
        simulateMonth(b, account, null, start, {
          revenue,
          buyers,
          storefrontShare: 0.35,
          costRatio: 0.78 + (17 - m) * 0.012,
          payroll: 16_000,
          rent: 5_000,
          loanPayment: 3_400,
          savingsTransfer: 0,
        });
        if (m <= 2) {
          // The last three months: the account runs dry before payroll.
          const days = daysInMonth(start);
          const d = (n: number) => start + (Math.min(n, days) - 1) * DAY;
          b.add(account, d(2), 36, "OVERDRAFT FEE");
          b.add(account, d(16), 36, "OVERDRAFT FEE");
          b.add(account, d(17), 35, "NSF RETURNED ITEM FEE");
          b.add(account, d(6), 9_500, "MERCHANT CASH ADVANCE DAILY ACH");
        }
      }
      return finish([account]);
    }
    case "new_business": {
      const account = checking("Plaid Checking", "4444", 15_000);
      const buyers = [
        ["ORCHID BEAUTY PTE LTD", 1],
        ["TOKYO NATURAL COSMETICS INC", 1],
      ] as const;
      for (let m = 3; m >= 0; m--) {
        simulateMonth(b, account, null, monthStart(todayMs, m), {
          revenue: 8_000 + (3 - m) * 2_500 * b.between(0.9, 1.1),
          buyers,
          storefrontShare: 0.5,
          costRatio: 0.7,
          payroll: 3_000,
          rent: 900,
          loanPayment: 0,
          savingsTransfer: 0,
        });
      }
      return finish([account]);
    }
    case "concentrated_payer": {
      const account = checking("Plaid Checking", "5555", 52_000);
      const buyers = [
        ["SAIGON ELECTRONICS MANUFACTURING JSC", 8.4],
        ["HSINCHU SEMICONDUCTOR TOOLING", 1],
        ["PENANG PRECISION SDN BHD", 0.6],
      ] as const;
      for (let m = 13; m >= 0; m--) {
        simulateMonth(b, account, null, monthStart(todayMs, m), {
          revenue: 52_000 * b.between(0.93, 1.07),
          buyers,
          storefrontShare: 0,
          costRatio: 0.66,
          payroll: 11_000,
          rent: 2_800,
          loanPayment: 900,
          savingsTransfer: 0,
        });
      }
      return finish([account]);
    }
  }
}

/**
 * For volume — benchmarks and long-sync tests, not a persona: `count` posted transactions spread
 * over Plaid's longest history (730 days), in two accounts.
 */
export function largeHistory(count: number, today = "2026-11-20"): CustomUser {
  const end = Date.parse(`${today}T00:00:00Z`) - 86_400_000;
  const buyers = ["OSAKA FINE TEAS KK", "SEOUL LEAF TRADING", "SHENZHEN HOME GOODS", "HANOI FRESH JSC"];
  const payees = [
    "PACIFIC PACKAGING",
    "MAERSK LINE",
    "PG&E",
    "ADP PAYROLL",
    "UPS FREIGHT",
    "AMAZON BUSINESS",
  ];
  const account = (index: number, n: number): CustomUser["override_accounts"][number] => ({
    type: "depository",
    subtype: index === 0 ? "checking" : "savings",
    starting_balance: 250_000,
    meta: { name: index === 0 ? "Operating" : "Reserve", mask: index === 0 ? "4410" : "7702" },
    transactions: Array.from({ length: n }, (_, i) => {
      const day = new Date(end - Math.floor((i * 729) / n) * 86_400_000).toISOString().slice(0, 10);
      const inflow = i % 3 === 0;
      return {
        date_transacted: day,
        date_posted: day,
        amount: inflow ? -(1_000 + ((i * 7919) % 40_000) / 1.0) : 50 + ((i * 104_729) % 900_000) / 100,
        description: inflow
          ? `WIRE IN ${buyers[i % buyers.length]} REF ${i}`
          : `${payees[i % payees.length]} INV ${i}`,
        currency: "USD",
      };
    }),
  });
  return { override_accounts: [account(0, Math.ceil(count / 2)), account(1, Math.floor(count / 2))] };
}
