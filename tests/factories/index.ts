// Factories shared by prisma/seed.ts and the tests: realistic records, written through the same
// rules the app uses (hashed passwords, encrypted EINs, integer money).
import bcrypt from "bcrypt";
import { PAYMENT_TERMS } from "~/domain/orders/orders";
import { encryptSecret } from "~/utils/crypto.server";
import type { Db } from "~/utils/db.server";

let counter = 0;
/** A short unique suffix for test data. */
export function unique(prefix = ""): string {
  counter += 1;
  return `${prefix}${Date.now().toString(36)}${counter.toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;
}

const hashCache = new Map<string, Promise<string>>();
/** bcrypt at the configured cost, computed once per password (the seed uses one demo password). */
export function passwordHashFor(
  password: string,
  cost = Number(process.env.BCRYPT_COST ?? 12),
): Promise<string> {
  const key = `${cost}:${password}`;
  let hash = hashCache.get(key);
  if (!hash) {
    hash = bcrypt.hash(password, cost);
    hashCache.set(key, hash);
  }
  return hash;
}

export async function createAdmin(db: Db, input: { email: string; name: string; password: string }) {
  return db.user.create({
    data: {
      email: input.email,
      name: input.name,
      role: "ADMIN",
      passwordHash: await passwordHashFor(input.password),
    },
    select: { id: true, email: true, role: true },
  });
}

export type OwnerInput = { name: string; title: string; ownershipBps: number };

export type MerchantInput = {
  email: string;
  userName: string;
  password: string;
  legalName: string;
  dbaName?: string;
  ein?: string;
  entityType?: string;
  stateOfIncorporation?: string;
  yearFounded?: number;
  /** 1–12; January unless given, so months in business match the whole years tests assume. */
  monthFounded?: number;
  naicsCode?: string;
  website?: string;
  addressLine1?: string;
  city?: string;
  addressState?: string;
  postalCode?: string;
  employees?: number;
  annualRevenueCents?: bigint;
  exportMarkets?: string[];
  owners?: OwnerInput[];
  complete?: boolean;
};

/** A merchant user with its business; with `complete`, a full profile and owners. */
export async function createMerchant(db: Db, input: MerchantInput) {
  const passwordHash = await passwordHashFor(input.password);
  const profile = input.complete
    ? {
        dbaName: input.dbaName ?? null,
        einEncrypted: encryptSecret(input.ein ?? "12-3456789"),
        einLast4: (input.ein ?? "12-3456789").slice(-4),
        entityType: input.entityType ?? "LLC",
        stateOfIncorporation: input.stateOfIncorporation ?? "DE",
        yearFounded: input.yearFounded ?? 2015,
        monthFounded: input.monthFounded ?? 1,
        naicsCode: input.naicsCode ?? "339920",
        website: input.website ?? null,
        addressLine1: input.addressLine1 ?? "100 Harbor Way",
        city: input.city ?? "Oakland",
        addressState: input.addressState ?? "CA",
        postalCode: input.postalCode ?? "94607",
        employees: input.employees ?? 12,
        annualRevenueCents: input.annualRevenueCents ?? 180_000_000n,
        exportMarkets: (input.exportMarkets ?? ["JP"]).join(","),
        profileCompletedAt: new Date(),
      }
    : {};
  return db.$transaction(async (tx) => {
    const user = await tx.user.create({
      data: { email: input.email, name: input.userName, role: "MERCHANT", passwordHash },
      select: { id: true, email: true },
    });
    const merchant = await tx.merchant.create({
      data: { legalName: input.legalName, ...profile },
      select: { id: true },
    });
    await tx.merchantMember.create({ data: { userId: user.id, merchantId: merchant.id, role: "OWNER" } });
    if (input.complete) {
      const owners = input.owners ?? [
        { name: input.userName, title: "Managing member", ownershipBps: 10_000 },
      ];
      await tx.beneficialOwner.createMany({
        data: owners.map((owner) => ({ ...owner, merchantId: merchant.id })),
      });
    }
    return { userId: user.id, merchantId: merchant.id, email: user.email };
  });
}

export type LenderOrgInput = {
  name: string;
  status?: "PENDING" | "ACTIVE" | "SUSPENDED";
  contactName?: string;
  contactEmail?: string;
  website?: string;
  statesLicensed?: string[];
  description?: string;
  /** Null leaves the partner without a postal address. */
  address?: {
    addressLine1: string;
    addressLine2?: string;
    city: string;
    addressState: string;
    postalCode: string;
  } | null;
  regulatorType?: string;
};

export async function createLenderOrg(db: Db, input: LenderOrgInput) {
  return db.lenderOrg.create({
    data: {
      name: input.name,
      status: input.status ?? "ACTIVE",
      contactName: input.contactName ?? "Partner Desk",
      contactEmail: input.contactEmail ?? `partners+${unique()}@lender.example`,
      website: input.website ?? null,
      statesLicensed: (input.statesLicensed ?? []).join(","),
      description: input.description ?? null,
      ...(input.address === null
        ? {}
        : (input.address ?? {
            addressLine1: "200 Commerce Street",
            addressLine2: "Floor 4",
            city: "Portland",
            addressState: "OR",
            postalCode: "97204",
          })),
      regulatorType: input.regulatorType ?? "NON_BANK",
    },
    select: { id: true, name: true },
  });
}

export async function createLenderUser(
  db: Db,
  input: {
    lenderOrgId: string;
    email: string;
    name: string;
    password: string;
    lenderRole: "ADMIN" | "UNDERWRITER";
  },
) {
  const passwordHash = await passwordHashFor(input.password);
  return db.$transaction(async (tx) => {
    const user = await tx.user.create({
      data: { email: input.email, name: input.name, role: "LENDER", passwordHash },
      select: { id: true, email: true },
    });
    await tx.lenderMember.create({
      data: { userId: user.id, lenderOrgId: input.lenderOrgId, role: input.lenderRole },
    });
    return user;
  });
}

export type ProductInput = {
  lenderOrgId: string;
  name: string;
  type: "PO_FINANCING" | "INVOICE_FACTORING" | "EXPORT_WORKING_CAPITAL" | "TERM_LOAN";
  minAmountCents: number;
  maxAmountCents: number;
  minScore: number;
  minMonthsInBusiness: number;
  minAnnualRevenueCents: bigint;
  countryMode?: "ANY" | "ALLOWED_ONLY";
  allowedCountries?: string[];
  blockedCountries?: string[];
  maxOecdCategory: number;
  acceptedPaymentTerms: string[];
  blockedNaicsPrefixes?: string[];
  minTenorDays: number;
  maxTenorDays: number;
  advanceRateBps: number;
  aprMinBps?: number;
  aprMaxBps?: number;
  feePer30DaysMinBps?: number;
  feePer30DaysMaxBps?: number;
  description?: string;
  status?: "ACTIVE" | "PAUSED";
};

/**
 * A term loan any merchant of the tests qualifies for, with or without an attached order (every
 * payment term, any country, OECD category up to 7: no export criterion to check): spread it,
 * then add the org and a name.
 */
export const OPEN_TERM_LOAN = {
  type: "TERM_LOAN",
  minAmountCents: 1_000_000,
  maxAmountCents: 100_000_000,
  minScore: 0,
  minMonthsInBusiness: 0,
  minAnnualRevenueCents: 0n,
  maxOecdCategory: 7,
  acceptedPaymentTerms: [...PAYMENT_TERMS],
  minTenorDays: 30,
  maxTenorDays: 400,
  advanceRateBps: 10000,
  aprMinBps: 900,
  aprMaxBps: 1500,
} satisfies Omit<ProductInput, "lenderOrgId" | "name">;

export async function createProduct(db: Db, input: ProductInput) {
  return db.lenderProduct.create({
    data: {
      lenderOrgId: input.lenderOrgId,
      name: input.name,
      type: input.type,
      status: input.status ?? "ACTIVE",
      minAmountCents: input.minAmountCents,
      maxAmountCents: input.maxAmountCents,
      minScore: input.minScore,
      minMonthsInBusiness: input.minMonthsInBusiness,
      minAnnualRevenueCents: input.minAnnualRevenueCents,
      countryMode: input.countryMode ?? "ANY",
      allowedCountries: (input.allowedCountries ?? []).join(","),
      blockedCountries: (input.blockedCountries ?? []).join(","),
      maxOecdCategory: input.maxOecdCategory,
      acceptedPaymentTerms: input.acceptedPaymentTerms.join(","),
      blockedNaicsPrefixes: (input.blockedNaicsPrefixes ?? []).join(","),
      minTenorDays: input.minTenorDays,
      maxTenorDays: input.maxTenorDays,
      advanceRateBps: input.advanceRateBps,
      aprMinBps: input.aprMinBps ?? null,
      aprMaxBps: input.aprMaxBps ?? null,
      feePer30DaysMinBps: input.feePer30DaysMinBps ?? null,
      feePer30DaysMaxBps: input.feePer30DaysMaxBps ?? null,
      description: input.description ?? null,
    },
    select: { id: true },
  });
}

export type OrderInput = {
  merchantId: string;
  buyerName: string;
  buyerCountry: string;
  poNumber: string;
  amountMinor: bigint;
  currency: string;
  orderDate: Date;
  expectedShipDate?: Date;
  paymentTerm: string;
  paymentTermDays: number;
  incoterm: string;
  status?: string;
};

export async function createExportOrder(db: Db, input: OrderInput) {
  return db.exportOrder.create({
    data: {
      merchantId: input.merchantId,
      buyerName: input.buyerName,
      buyerCountry: input.buyerCountry,
      poNumber: input.poNumber,
      amountCents: input.amountMinor,
      currency: input.currency,
      orderDate: input.orderDate,
      expectedShipDate: input.expectedShipDate ?? null,
      paymentTerm: input.paymentTerm,
      paymentTermDays: input.paymentTermDays,
      incoterm: input.incoterm,
      status: input.status ?? "OPEN",
    },
    select: { id: true },
  });
}

/**
 * Indicative USD rates for the demo (approximate market levels; the source says so). Value of one
 * unit in USD, scaled by 1e8.
 */
export const DEMO_FX_RATES: Record<string, number> = {
  CNY: 14_000_000,
  HKD: 12_820_000,
  TWD: 3_100_000,
  JPY: 660_000,
  KRW: 70_000,
  VND: 3_950,
  INR: 1_190_000,
  IDR: 6_300,
  MYR: 21_300_000,
  PHP: 1_720_000,
  THB: 2_800_000,
  SGD: 74_500_000,
  AUD: 65_000_000,
  CAD: 72_000_000,
  MXN: 5_200_000,
  EUR: 108_000_000,
  GBP: 127_000_000,
  AED: 27_230_000,
};

export async function seedFxRates(
  db: Db,
  asOfDate: Date,
  source = "TradeLift demo data: indicative rates, not a market feed",
) {
  await db.fxRate.createMany({
    data: Object.entries(DEMO_FX_RATES).map(([currency, usdPerUnitE8]) => ({
      currency,
      usdPerUnitE8,
      asOfDate,
      source,
    })),
  });
}
