// The application package on disk: frozen in the submission's transaction from the rows as they
// are then, read back (and checked against its hash) by the lender's review page, beside what has
// changed since (docs/design/application-package.md).
import { createHash } from "node:crypto";
import { bankTransactionsBetween } from "~/domain/bank/bank.server";
import { lastMonths } from "~/domain/bank/revenue";
import type { ScreeningResult } from "~/domain/sanctions/screening.server";
import type { StoredScoreReport } from "~/domain/scoring/score.server";
import type { Db, Prisma } from "~/utils/db.server";
import {
  type ApplicationPackage,
  buildPackage,
  type CurrentData,
  canonicalJson,
  diffPackage,
  PACKAGE_FORMAT_VERSION,
  type PackageChange,
  type PackageScreening,
  parsePackage,
} from "./package";

type Tx = Prisma.TransactionClient;
type Reader = Db | Tx;

const DAY = 86_400_000;

// Never the demographic answers: they are not in this select, nor anywhere a lender reads.
const PROFILE_SELECT = {
  legalName: true,
  dbaName: true,
  einLast4: true,
  entityType: true,
  stateOfIncorporation: true,
  yearFounded: true,
  naicsCode: true,
  website: true,
  addressLine1: true,
  addressLine2: true,
  city: true,
  addressState: true,
  postalCode: true,
  employees: true,
  annualRevenueCents: true,
  exportMarkets: true,
} as const;

const ORDER_SELECT = {
  id: true,
  poNumber: true,
  buyerName: true,
  buyerCountry: true,
  amountCents: true,
  currency: true,
  orderDate: true,
  expectedShipDate: true,
  paymentTerm: true,
  paymentTermDays: true,
  incoterm: true,
  status: true,
  cancelledAt: true,
  cancelReason: true,
} as const;

/** The screening as lenders see it: names, list version and hits, without internal ids. */
function packageScreening(result: ScreeningResult): PackageScreening {
  return {
    list: result.list
      ? { listDate: result.list.listDate, sha256: result.list.sha256, altSha256: result.list.altSha256 }
      : null,
    names: result.names.map((n) => ({
      subjectType: n.subjectType,
      name: n.name,
      hits: n.hits.map(({ hitId: _hitId, ...hit }) => hit),
    })),
  };
}

export function sha256Hex(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}

/**
 * Builds the package from the rows as they are inside the submission's transaction and stores
 * it with the hash of exactly the stored string. Called once per application: the unique
 * applicationId refuses a second package.
 */
export async function freezePackage(
  tx: Tx,
  input: {
    applicationId: string;
    merchantId: string;
    submittedAt: Date;
    report: StoredScoreReport;
    screening?: ScreeningResult;
  },
): Promise<{ sha256: string }> {
  const asOf = new Date(`${input.report.asOf}T00:00:00.000Z`);
  const months = lastMonths(input.report.asOf, 24);
  const since = new Date(`${months[0]}-01T00:00:00.000Z`);
  // One nested read (one trip to the query engine, which costs more than the SQL behind it), the
  // rates, and the bank history.
  const [application, fxRates, transactions] = await Promise.all([
    tx.application.findUniqueOrThrow({
      where: { id: input.applicationId },
      select: {
        requestedAmountCents: true,
        currency: true,
        purpose: true,
        productTypeWanted: true,
        tenorDays: true,
        orders: { select: { exportOrder: { select: ORDER_SELECT } } },
        merchant: {
          select: {
            ...PROFILE_SELECT,
            beneficialOwners: { select: { name: true, title: true, ownershipBps: true } },
            bankConnections: {
              select: {
                id: true,
                institutionName: true,
                status: true,
                accounts: {
                  select: {
                    id: true,
                    connectionId: true,
                    name: true,
                    mask: true,
                    type: true,
                    subtype: true,
                    currentBalanceCents: true,
                    currency: true,
                    balanceAsOf: true,
                  },
                },
              },
            },
            salesRecords: {
              where: { periodStart: { gte: since, lte: asOf } },
              select: { channel: true, periodStart: true, netCents: true, currency: true },
            },
            // Earlier invoices, for how many days each buyer took to pay (buyer-payment evidence).
            exportOrders: {
              where: { invoiceDate: { not: null, lte: asOf } },
              select: {
                id: true,
                poNumber: true,
                buyerName: true,
                invoiceDate: true,
                amountCents: true,
                currency: true,
              },
            },
          },
        },
      },
    }),
    tx.fxRate.findMany({ select: { currency: true, usdPerUnitE8: true, asOfDate: true } }),
    bankTransactionsBetween(tx as unknown as Db, {
      merchantId: input.merchantId,
      from: new Date(since.getTime() - 7 * DAY),
      to: asOf,
      depositoryOnly: true,
      postedOnly: true,
    }),
  ]);
  const {
    beneficialOwners: owners,
    bankConnections,
    salesRecords: sales,
    exportOrders: invoiced,
    ...merchant
  } = application.merchant;
  const connections = bankConnections.map(({ accounts: _accounts, ...c }) => c);
  // Balances are stored as BigInt (more than 2^31 cents fit); a package keeps them as numbers,
  // exact far beyond any balance (2^53 cents).
  const accounts = bankConnections.flatMap((c) =>
    c.accounts.map((a) => ({
      ...a,
      currentBalanceCents: a.currentBalanceCents === null ? null : Number(a.currentBalanceCents),
    })),
  );
  const orders = application.orders.map((o) => o.exportOrder);
  const { report } = input;
  const pkg = buildPackage({
    applicationId: input.applicationId,
    submittedAt: input.submittedAt,
    asOf,
    request: {
      amountCents: application.requestedAmountCents,
      currency: application.currency,
      purpose: application.purpose,
      productTypeWanted: application.productTypeWanted,
      tenorDays: application.tenorDays,
    },
    profile: merchant,
    owners,
    orders,
    fxRates,
    transactions,
    accounts,
    connections,
    sales,
    invoices: invoiced.map((o) => ({
      orderId: o.id,
      poNumber: o.poNumber,
      buyerName: o.buyerName,
      invoiceDate: (o.invoiceDate as Date).toISOString().slice(0, 10),
      // Minor units well inside 2^53 (VND and IDR orders pass 2^31, not 2^53).
      amountCents: Number(o.amountCents),
      currency: o.currency,
    })),
    score: {
      id: report.id,
      modelVersion: report.modelVersion,
      asOf: report.asOf,
      scoreable: report.scoreable,
      notScoreableReason: report.notScoreableReason,
      score: report.score,
      grade: report.grade,
      rawPoints: report.rawPoints,
      characteristics: report.characteristics,
      features: report.features,
      reasons: report.reasons,
      dataSummary: report.dataSummary,
      inputsHash: report.inputsHash,
    },
    ...(input.screening ? { screening: packageScreening(input.screening) } : {}),
  });
  const packageJson = canonicalJson(pkg);
  const sha256 = sha256Hex(packageJson);
  await tx.applicationPackage.create({
    data: { applicationId: input.applicationId, formatVersion: PACKAGE_FORMAT_VERSION, packageJson, sha256 },
    select: { id: true },
  });
  return { sha256 };
}

export type StoredPackage = {
  package: ApplicationPackage;
  sha256: string;
  /** Whether the stored string still hashes to the stored hash. */
  intact: boolean;
  frozenAt: Date;
};

export async function readPackage(db: Reader, applicationId: string): Promise<StoredPackage | null> {
  const row = await db.applicationPackage.findUnique({
    where: { applicationId },
    select: { packageJson: true, sha256: true, createdAt: true },
  });
  if (!row) return null;
  return {
    package: parsePackage(row.packageJson),
    sha256: row.sha256,
    intact: sha256Hex(row.packageJson) === row.sha256,
    frozenAt: row.createdAt,
  };
}

/** The merchant's data as it is now, for the comparison with a package. */
async function currentData(db: Reader, merchantId: string, orderIds: string[]): Promise<CurrentData> {
  const [profile, owners, orders, connections] = await Promise.all([
    db.merchant.findUniqueOrThrow({ where: { id: merchantId }, select: PROFILE_SELECT }),
    db.beneficialOwner.findMany({
      where: { merchantId },
      select: { name: true, title: true, ownershipBps: true },
    }),
    orderIds.length === 0
      ? Promise.resolve([])
      : db.exportOrder.findMany({ where: { merchantId, id: { in: orderIds } }, select: ORDER_SELECT }),
    db.bankConnection.findMany({
      where: { merchantId },
      select: { id: true, institutionName: true, status: true },
    }),
  ]);
  return { profile, owners, orders, connections };
}

export type AddedDocument = {
  id: string;
  fileName: string;
  type: string;
  sizeBytes: number;
  sha256: string;
  uploadedAt: Date;
};

export type LenderPackageView = {
  stored: StoredPackage | null;
  changes: PackageChange[];
  /** Documents the merchant added after submission (answers to information requests). */
  documents: AddedDocument[];
};

/**
 * What a lender's review page shows of the application: the package, what changed since, and the
 * documents added after. Null when the referral is not this lender's.
 */
export async function packageForLender(
  db: Db,
  lenderOrgId: string,
  referralId: string,
): Promise<LenderPackageView | null> {
  const referral = await db.referral.findFirst({
    where: { id: referralId, lenderOrgId },
    select: { application: { select: { id: true, merchantId: true } } },
  });
  if (!referral) return null;
  const { id: applicationId, merchantId } = referral.application;
  const [stored, documents] = await Promise.all([
    readPackage(db, applicationId),
    db.document.findMany({
      // Those this lender asked for (the documents page opens only these to it).
      where: { applicationId, merchantId, infoRequest: { referral: { lenderOrgId } } },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      select: { id: true, fileName: true, type: true, sizeBytes: true, sha256: true, createdAt: true },
    }),
  ]);
  const changes = stored
    ? diffPackage(
        stored.package,
        await currentData(
          db,
          merchantId,
          stored.package.orders.map((o) => o.id),
        ),
      )
    : [];
  return {
    stored,
    changes,
    documents: documents.map(({ createdAt, ...d }) => ({ ...d, uploadedAt: createdAt })),
  };
}

/**
 * The package of one of the merchant's own applications, as the merchant may see it: null when
 * the application is not this merchant's, `stored: null` while nothing is frozen (a draft).
 */
export async function packageForMerchant(
  db: Db,
  merchantId: string,
  applicationId: string,
): Promise<{ applicationId: string; status: string; stored: StoredPackage | null } | null> {
  const application = await db.application.findFirst({
    where: { id: applicationId, merchantId },
    select: { id: true, status: true },
  });
  if (!application) return null;
  return {
    applicationId: application.id,
    status: application.status,
    stored: await readPackage(db, application.id),
  };
}

/** What a referral's history says of each recorded move, in words. */
const HISTORY_LABELS: Record<string, string> = {
  "referral.created": "referred",
  "referral.review_started": "review started",
  "referral.review_resumed": "review resumed",
  "referral.info_requested": "information requested",
  "referral.info_answered": "information answered",
  "referral.note_added": "note added",
  "referral.assigned": "assigned",
  "referral.offered": "offer made",
  "referral.offer_ended": "offer ended; back in review",
  "referral.declined": "declined",
  "referral.accepted": "offer accepted by the merchant",
  "referral.funded": "funded",
  "referral.withdrawn": "withdrawn",
  "referral.closed": "closed",
};

/**
 * The referral's own history, for the lender it was made to: its recorded moves and notes, by
 * whom (the name kept in each event). Refused attempts (anyone's, another lender's included) are
 * for the admins' audit log only, never shown here.
 */
export async function referralHistory(db: Db, referralId: string) {
  const events = await db.auditEvent.findMany({
    where: {
      entityType: "Referral",
      entityId: referralId,
      action: { notIn: ["access.refused", "transition.refused"] },
    },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { id: true, action: true, createdAt: true, actorName: true },
  });
  return events.map((e) => ({
    id: e.id,
    what: HISTORY_LABELS[e.action] ?? e.action.replace(/^referral\./, "").replaceAll("_", " "),
    at: e.createdAt,
    by: e.actorName ?? "TradeLift",
  }));
}
