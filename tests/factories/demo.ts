// The demo marketplace that `npm start` seeds on first run, and that browser tests log in to.
import type { Db } from "~/utils/db.server";
import {
  createAdmin,
  createExportOrder,
  createLenderOrg,
  createLenderUser,
  createMerchant,
  createProduct,
  seedFxRates,
} from "./index";

export const DEMO_PASSWORD = "tradelift-demo-2026";

export const DEMO_ACCOUNTS = {
  admin: "admin@tradelift.example",
  meridianAdmin: "maria.chen@meridiantrade.example",
  meridianUnderwriter: "sam.okafor@meridiantrade.example",
  harborlineAdmin: "li.wei@harborline.example",
  harborlineUnderwriter: "jordan.blake@harborline.example",
  cascadeAdmin: "patricia.nguyen@firstcascade.example",
  cascadeUnderwriter: "omar.haddad@firstcascade.example",
  pacificRim: "erin@pacificrimoutdoor.example",
  goldenValley: "raj@goldenvalleyalmonds.example",
  cascadePrecision: "tom@cascadeprecision.example",
  bayou: "claire@bayouskincare.example",
} as const;

const DAY = 86_400_000;

export async function seedDemo(db: Db, now: Date = new Date()) {
  const daysAgo = (days: number) =>
    new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()) - days * DAY);
  const daysAhead = (days: number) => daysAgo(-days);
  const password = DEMO_PASSWORD;

  await createAdmin(db, { email: DEMO_ACCOUNTS.admin, name: "Alex Rivera", password });
  await seedFxRates(db, daysAgo(1));

  // ── Lender partners ──
  const meridian = await createLenderOrg(db, {
    name: "Meridian Trade Capital",
    contactName: "Maria Chen",
    contactEmail: "partners@meridiantrade.example",
    website: "https://meridiantrade.example",
    // Licensed in Louisiana too: Bayou Botanicals (LA) is the demo's PO-financing customer, while
    // First Cascade Bank (not licensed there) shows a lender its state keeps out.
    statesLicensed: ["CA", "NY", "TX", "WA", "OR", "FL", "LA"],
    description: "Purchase-order financing for exporters: pays the supplier so the order ships.",
    address: {
      addressLine1: "One World Trade Center",
      addressLine2: "Suite 8500",
      city: "New York",
      addressState: "NY",
      postalCode: "10007",
    },
    regulatorType: "NON_BANK",
  });
  await createLenderUser(db, {
    lenderOrgId: meridian.id,
    email: DEMO_ACCOUNTS.meridianAdmin,
    name: "Maria Chen",
    password,
    lenderRole: "ADMIN",
  });
  await createLenderUser(db, {
    lenderOrgId: meridian.id,
    email: DEMO_ACCOUNTS.meridianUnderwriter,
    name: "Sam Okafor",
    password,
    lenderRole: "UNDERWRITER",
  });
  await createProduct(db, {
    lenderOrgId: meridian.id,
    name: "PO Advance Asia",
    type: "PO_FINANCING",
    minAmountCents: 5_000_000,
    maxAmountCents: 200_000_000,
    minScore: 550,
    minMonthsInBusiness: 24,
    minAnnualRevenueCents: 50_000_000n,
    countryMode: "ALLOWED_ONLY",
    allowedCountries: ["CN", "HK", "TW", "JP", "KR", "SG", "MY", "TH", "VN", "IN", "ID", "PH"],
    maxOecdCategory: 4,
    acceptedPaymentTerms: [
      "CASH_IN_ADVANCE",
      "LETTER_OF_CREDIT",
      "DOC_COLLECTION_DP",
      "DOC_COLLECTION_DA",
      "OPEN_ACCOUNT",
    ],
    minTenorDays: 30,
    maxTenorDays: 150,
    advanceRateBps: 8500,
    feePer30DaysMinBps: 250,
    feePer30DaysMaxBps: 450,
    description: "Up to 85% of supplier cost on confirmed POs from Asian buyers.",
  });
  await createProduct(db, {
    lenderOrgId: meridian.id,
    name: "Supplier Pay Express",
    type: "PO_FINANCING",
    minAmountCents: 1_000_000,
    maxAmountCents: 25_000_000,
    minScore: 450,
    minMonthsInBusiness: 12,
    minAnnualRevenueCents: 25_000_000n,
    maxOecdCategory: 5,
    acceptedPaymentTerms: ["CASH_IN_ADVANCE", "LETTER_OF_CREDIT", "DOC_COLLECTION_DP"],
    blockedNaicsPrefixes: ["1113", "1114"],
    minTenorDays: 15,
    maxTenorDays: 90,
    advanceRateBps: 10000,
    feePer30DaysMinBps: 350,
    feePer30DaysMaxBps: 600,
    description: "Small POs, secured by a letter of credit or documents against payment.",
  });

  const harborline = await createLenderOrg(db, {
    name: "Harborline Export Factors",
    contactName: "Li Wei",
    contactEmail: "partners@harborline.example",
    website: "https://harborline.example",
    statesLicensed: ["CA", "WA", "OR", "NV", "AZ", "TX", "LA", "NY"],
    description: "Export invoice factoring with credit insurance on the foreign buyer.",
    address: {
      addressLine1: "1201 Elliott Avenue West",
      city: "Seattle",
      addressState: "WA",
      postalCode: "98119",
    },
    regulatorType: "NON_BANK",
  });
  await createLenderUser(db, {
    lenderOrgId: harborline.id,
    email: DEMO_ACCOUNTS.harborlineAdmin,
    name: "Li Wei",
    password,
    lenderRole: "ADMIN",
  });
  await createLenderUser(db, {
    lenderOrgId: harborline.id,
    email: DEMO_ACCOUNTS.harborlineUnderwriter,
    name: "Jordan Blake",
    password,
    lenderRole: "UNDERWRITER",
  });
  await createProduct(db, {
    lenderOrgId: harborline.id,
    name: "Export Invoice Factoring",
    type: "INVOICE_FACTORING",
    minAmountCents: 2_500_000,
    maxAmountCents: 150_000_000,
    minScore: 500,
    minMonthsInBusiness: 12,
    minAnnualRevenueCents: 30_000_000n,
    blockedCountries: ["RU", "BY", "IR", "KP", "SY", "CU"],
    maxOecdCategory: 5,
    acceptedPaymentTerms: ["OPEN_ACCOUNT", "DOC_COLLECTION_DA", "DOC_COLLECTION_DP"],
    minTenorDays: 30,
    maxTenorDays: 120,
    advanceRateBps: 8500,
    feePer30DaysMinBps: 90,
    feePer30DaysMaxBps: 250,
    description: "85% advance on insured export receivables, 30–120 day terms.",
  });
  await createProduct(db, {
    lenderOrgId: harborline.id,
    name: "Letter of Credit Discounting",
    type: "INVOICE_FACTORING",
    minAmountCents: 5_000_000,
    maxAmountCents: 300_000_000,
    minScore: 400,
    minMonthsInBusiness: 6,
    minAnnualRevenueCents: 10_000_000n,
    maxOecdCategory: 6,
    acceptedPaymentTerms: ["LETTER_OF_CREDIT"],
    minTenorDays: 30,
    maxTenorDays: 180,
    advanceRateBps: 9000,
    feePer30DaysMinBps: 40,
    feePer30DaysMaxBps: 120,
    description: "Discounting of confirmed letters of credit after shipment.",
  });

  const cascade = await createLenderOrg(db, {
    name: "First Cascade Bank",
    contactName: "Patricia Nguyen",
    contactEmail: "trade@firstcascade.example",
    website: "https://firstcascade.example",
    statesLicensed: ["WA", "OR", "ID", "CA"],
    description: "Community bank with an EXIM-guaranteed export working-capital program.",
    address: {
      addressLine1: "1000 SW Broadway",
      addressLine2: "Suite 1200",
      city: "Portland",
      addressState: "OR",
      postalCode: "97205",
    },
    // A state-chartered bank that is not a Fed member: its notices name the FDIC.
    regulatorType: "STATE_NONMEMBER_BANK",
  });
  await createLenderUser(db, {
    lenderOrgId: cascade.id,
    email: DEMO_ACCOUNTS.cascadeAdmin,
    name: "Patricia Nguyen",
    password,
    lenderRole: "ADMIN",
  });
  await createLenderUser(db, {
    lenderOrgId: cascade.id,
    email: DEMO_ACCOUNTS.cascadeUnderwriter,
    name: "Omar Haddad",
    password,
    lenderRole: "UNDERWRITER",
  });
  await createProduct(db, {
    lenderOrgId: cascade.id,
    name: "Export Working Capital Line (EXIM-guaranteed)",
    type: "EXPORT_WORKING_CAPITAL",
    minAmountCents: 10_000_000,
    maxAmountCents: 500_000_000,
    minScore: 650,
    minMonthsInBusiness: 36,
    minAnnualRevenueCents: 100_000_000n,
    maxOecdCategory: 4,
    acceptedPaymentTerms: [
      "CASH_IN_ADVANCE",
      "LETTER_OF_CREDIT",
      "DOC_COLLECTION_DP",
      "DOC_COLLECTION_DA",
      "OPEN_ACCOUNT",
    ],
    minTenorDays: 90,
    maxTenorDays: 365,
    advanceRateBps: 9000,
    aprMinBps: 850,
    aprMaxBps: 1200,
    description: "Borrowing base of 90% of eligible export receivables and 75% of export inventory.",
  });
  await createProduct(db, {
    lenderOrgId: cascade.id,
    name: "Export Growth Term Loan",
    type: "TERM_LOAN",
    minAmountCents: 5_000_000,
    maxAmountCents: 100_000_000,
    minScore: 600,
    minMonthsInBusiness: 24,
    minAnnualRevenueCents: 50_000_000n,
    maxOecdCategory: 7,
    acceptedPaymentTerms: [
      "CASH_IN_ADVANCE",
      "LETTER_OF_CREDIT",
      "DOC_COLLECTION_DP",
      "DOC_COLLECTION_DA",
      "OPEN_ACCOUNT",
      "CONSIGNMENT",
    ],
    minTenorDays: 365,
    maxTenorDays: 1825,
    advanceRateBps: 10000,
    aprMinBps: 950,
    aprMaxBps: 1600,
    description: "Amortising loan for equipment and capacity to serve export demand.",
  });

  // ── Merchants ──
  const pacificRim = await createMerchant(db, {
    email: DEMO_ACCOUNTS.pacificRim,
    userName: "Erin Matsuda",
    password,
    legalName: "Pacific Rim Outdoor Gear LLC",
    dbaName: "Pacific Rim Outdoor",
    ein: "93-4172856",
    entityType: "LLC",
    stateOfIncorporation: "OR",
    yearFounded: 2014,
    monthFounded: 4,
    naicsCode: "339920",
    website: "https://pacificrimoutdoor.example",
    addressLine1: "2150 NW Front Ave",
    city: "Portland",
    addressState: "OR",
    postalCode: "97209",
    employees: 38,
    annualRevenueCents: 640_000_000n,
    exportMarkets: ["JP", "KR", "CN", "TW"],
    owners: [
      { name: "Erin Matsuda", title: "CEO and managing member", ownershipBps: 6000 },
      { name: "Daniel Kowalski", title: "COO", ownershipBps: 4000 },
    ],
    complete: true,
  });
  await createExportOrder(db, {
    merchantId: pacificRim.merchantId,
    buyerName: "Yamato Outdoor Supply K.K.",
    buyerCountry: "JP",
    poNumber: "YOS-2026-0412",
    amountMinor: 18_600_000n,
    currency: "JPY",
    orderDate: daysAgo(12),
    expectedShipDate: daysAhead(25),
    paymentTerm: "OPEN_ACCOUNT",
    paymentTermDays: 60,
    incoterm: "FOB",
  });
  await createExportOrder(db, {
    merchantId: pacificRim.merchantId,
    buyerName: "Hanbit Camping Co., Ltd.",
    buyerCountry: "KR",
    poNumber: "HB-77815",
    amountMinor: 152_000_000n,
    currency: "KRW",
    orderDate: daysAgo(20),
    expectedShipDate: daysAhead(15),
    paymentTerm: "DOC_COLLECTION_DP",
    paymentTermDays: 0,
    incoterm: "CIF",
  });
  await createExportOrder(db, {
    merchantId: pacificRim.merchantId,
    buyerName: "Shanghai Alpine Trading Co.",
    buyerCountry: "CN",
    poNumber: "SAT-PO-3391",
    amountMinor: 8_450_000n,
    currency: "USD",
    orderDate: daysAgo(5),
    expectedShipDate: daysAhead(40),
    paymentTerm: "LETTER_OF_CREDIT",
    paymentTermDays: 90,
    incoterm: "FCA",
  });

  const goldenValley = await createMerchant(db, {
    email: DEMO_ACCOUNTS.goldenValley,
    userName: "Raj Patel",
    password,
    legalName: "Golden Valley Almond Company, Inc.",
    ein: "77-0481923",
    entityType: "S_CORP",
    stateOfIncorporation: "CA",
    yearFounded: 2009,
    monthFounded: 9,
    naicsCode: "311911",
    website: "https://goldenvalleyalmonds.example",
    addressLine1: "4800 E Jensen Ave",
    city: "Fresno",
    addressState: "CA",
    postalCode: "93725",
    employees: 64,
    annualRevenueCents: 1_420_000_000n,
    exportMarkets: ["CN", "IN", "VN", "AE"],
    owners: [
      { name: "Raj Patel", title: "President", ownershipBps: 5100 },
      { name: "Anita Patel", title: "Secretary", ownershipBps: 4900 },
    ],
    complete: true,
  });
  await createExportOrder(db, {
    merchantId: goldenValley.merchantId,
    buyerName: "Mumbai Dry Fruits Traders Pvt. Ltd.",
    buyerCountry: "IN",
    poNumber: "MDF/26/0918",
    amountMinor: 31_200_000n,
    currency: "USD",
    orderDate: daysAgo(18),
    expectedShipDate: daysAhead(21),
    paymentTerm: "LETTER_OF_CREDIT",
    paymentTermDays: 60,
    incoterm: "CFR",
  });
  await createExportOrder(db, {
    merchantId: goldenValley.merchantId,
    buyerName: "Guangzhou Harvest Foods Co., Ltd.",
    buyerCountry: "CN",
    poNumber: "GHF-2026-115",
    amountMinor: 168_000_000n,
    currency: "CNY",
    orderDate: daysAgo(9),
    expectedShipDate: daysAhead(30),
    paymentTerm: "DOC_COLLECTION_DA",
    paymentTermDays: 90,
    incoterm: "CIF",
  });

  const cascadePrecision = await createMerchant(db, {
    email: DEMO_ACCOUNTS.cascadePrecision,
    userName: "Tom Lindqvist",
    password,
    legalName: "Cascade Precision Components Inc.",
    ein: "91-2284710",
    entityType: "C_CORP",
    stateOfIncorporation: "WA",
    yearFounded: 2017,
    monthFounded: 6,
    naicsCode: "332710",
    website: "https://cascadeprecision.example",
    addressLine1: "18420 68th Ave S",
    city: "Kent",
    addressState: "WA",
    postalCode: "98032",
    employees: 27,
    annualRevenueCents: 410_000_000n,
    exportMarkets: ["KR", "TW", "VN"],
    owners: [
      { name: "Tom Lindqvist", title: "CEO", ownershipBps: 7000 },
      { name: "Grace Huang", title: "VP Engineering", ownershipBps: 3000 },
    ],
    complete: true,
  });
  await createExportOrder(db, {
    merchantId: cascadePrecision.merchantId,
    buyerName: "Saigon Electronics Manufacturing JSC",
    buyerCountry: "VN",
    poNumber: "SEM-PO-26-0744",
    amountMinor: 2_380_000_000n,
    currency: "VND",
    orderDate: daysAgo(7),
    expectedShipDate: daysAhead(35),
    paymentTerm: "OPEN_ACCOUNT",
    paymentTermDays: 45,
    incoterm: "DAP",
  });
  await createExportOrder(db, {
    merchantId: cascadePrecision.merchantId,
    buyerName: "Hsinchu Semiconductor Tooling Corp.",
    buyerCountry: "TW",
    poNumber: "HST-55102",
    amountMinor: 12_750_000n,
    currency: "USD",
    orderDate: daysAgo(15),
    expectedShipDate: daysAhead(10),
    paymentTerm: "OPEN_ACCOUNT",
    paymentTermDays: 60,
    incoterm: "EXW",
  });

  const bayou = await createMerchant(db, {
    email: DEMO_ACCOUNTS.bayou,
    userName: "Claire Thibodeaux",
    password,
    legalName: "Bayou Botanicals Skincare LLC",
    dbaName: "Bayou Skincare",
    ein: "72-1593846",
    entityType: "LLC",
    stateOfIncorporation: "LA",
    yearFounded: 2023,
    monthFounded: 3,
    naicsCode: "325620",
    website: "https://bayouskincare.example",
    addressLine1: "901 Magazine St",
    city: "New Orleans",
    addressState: "LA",
    postalCode: "70130",
    employees: 6,
    annualRevenueCents: 72_000_000n,
    exportMarkets: ["CN", "JP", "SG"],
    owners: [{ name: "Claire Thibodeaux", title: "Founder", ownershipBps: 10_000 }],
    complete: true,
  });
  await createExportOrder(db, {
    merchantId: bayou.merchantId,
    buyerName: "Orchid Beauty Pte. Ltd.",
    buyerCountry: "SG",
    poNumber: "OB-2611-08",
    amountMinor: 4_260_000n,
    currency: "SGD",
    orderDate: daysAgo(3),
    expectedShipDate: daysAhead(20),
    paymentTerm: "CASH_IN_ADVANCE",
    paymentTermDays: 0,
    incoterm: "DDP",
  });
  await createExportOrder(db, {
    merchantId: bayou.merchantId,
    buyerName: "Tokyo Natural Cosmetics Inc.",
    buyerCountry: "JP",
    poNumber: "TNC-4471",
    amountMinor: 2_950_000n,
    currency: "JPY",
    orderDate: daysAgo(11),
    expectedShipDate: daysAhead(14),
    paymentTerm: "OPEN_ACCOUNT",
    paymentTermDays: 30,
    incoterm: "CPT",
  });
}

export function printDemoAccounts() {
  console.info(`\nDemo accounts — the password of every one is: ${DEMO_PASSWORD}`);
  const rows: [string, string][] = [
    ["Platform admin", DEMO_ACCOUNTS.admin],
    ["Meridian Trade Capital — lender admin", DEMO_ACCOUNTS.meridianAdmin],
    ["Meridian Trade Capital — underwriter", DEMO_ACCOUNTS.meridianUnderwriter],
    ["Harborline Export Factors — lender admin", DEMO_ACCOUNTS.harborlineAdmin],
    ["Harborline Export Factors — underwriter", DEMO_ACCOUNTS.harborlineUnderwriter],
    ["First Cascade Bank — lender admin", DEMO_ACCOUNTS.cascadeAdmin],
    ["First Cascade Bank — underwriter", DEMO_ACCOUNTS.cascadeUnderwriter],
    ["Merchant — Pacific Rim Outdoor Gear", DEMO_ACCOUNTS.pacificRim],
    ["Merchant — Golden Valley Almond Co.", DEMO_ACCOUNTS.goldenValley],
    ["Merchant — Cascade Precision Components", DEMO_ACCOUNTS.cascadePrecision],
    ["Merchant — Bayou Skincare", DEMO_ACCOUNTS.bayou],
  ];
  for (const [who, email] of rows) console.info(`  ${who.padEnd(44)} ${email}`);
  console.info("");
}
