// The merchant's business profile: load it for the merchant, save it with the EIN encrypted.
import { recordAudit } from "~/domain/audit/audit.server";
import { merchantSubjects, screenOnSave } from "~/domain/sanctions/screening.server";
import { encryptSecret } from "~/utils/crypto.server";
import type { Db } from "~/utils/db.server";
import type { MerchantProfileInput, ProfileFacts } from "./profile";
import { profileCompleteness } from "./profile";

export async function getMerchantProfile(db: Db, merchantId: string) {
  const merchant = await db.merchant.findUniqueOrThrow({
    where: { id: merchantId },
    select: {
      id: true,
      legalName: true,
      dbaName: true,
      einLast4: true,
      entityType: true,
      stateOfIncorporation: true,
      yearFounded: true,
      monthFounded: true,
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
      profileCompletedAt: true,
      beneficialOwners: {
        select: { id: true, name: true, title: true, ownershipBps: true },
        orderBy: { createdAt: "asc" },
      },
    },
  });
  const completeness = profileCompleteness({ ...merchant, ownerCount: merchant.beneficialOwners.length });
  return { merchant, completeness };
}

/** Whether an EIN is on file: then the profile form may leave the EIN blank to keep it. */
export async function hasStoredEin(db: Db, merchantId: string): Promise<boolean> {
  const merchant = await db.merchant.findUniqueOrThrow({
    where: { id: merchantId },
    select: { einLast4: true },
  });
  return merchant.einLast4 !== null;
}

export async function saveMerchantProfile(
  db: Db,
  input: {
    merchantId: string;
    profile: MerchantProfileInput;
    actor: { id: string; role: string };
    ip: string;
  },
): Promise<void> {
  const { profile } = input;
  const einFields =
    profile.ein === undefined
      ? {}
      : { einEncrypted: encryptSecret(profile.ein), einLast4: profile.ein.slice(-4) };
  await db.$transaction(async (tx) => {
    const before = await tx.merchant.findUniqueOrThrow({
      where: { id: input.merchantId },
      select: { profileCompletedAt: true },
    });
    await tx.merchant.update({
      where: { id: input.merchantId },
      data: {
        legalName: profile.legalName,
        dbaName: profile.dbaName || null,
        ...einFields,
        entityType: profile.entityType,
        stateOfIncorporation: profile.stateOfIncorporation,
        yearFounded: profile.yearFounded,
        monthFounded: profile.monthFounded,
        naicsCode: profile.naicsCode,
        website: profile.website || null,
        addressLine1: profile.addressLine1,
        addressLine2: profile.addressLine2 || null,
        city: profile.city,
        addressState: profile.addressState,
        postalCode: profile.postalCode,
        employees: profile.employees,
        annualRevenueCents: profile.annualRevenue,
        exportMarkets: profile.exportMarkets.join(","),
        profileCompletedAt: before.profileCompletedAt ?? new Date(),
      },
    });
    await tx.beneficialOwner.deleteMany({ where: { merchantId: input.merchantId } });
    await tx.beneficialOwner.createMany({
      data: profile.owners.map((owner) => ({
        merchantId: input.merchantId,
        name: owner.name,
        title: owner.title,
        ownershipBps: owner.ownershipPercent,
      })),
    });
    await recordAudit(tx, {
      actor: input.actor,
      action: "merchant.profile_saved",
      entityType: "Merchant",
      entityId: input.merchantId,
      // Never the EIN itself: only whether it changed.
      summary: {
        einChanged: profile.ein !== undefined,
        owners: profile.owners.length,
        exportMarkets: profile.exportMarkets,
      },
      ip: input.ip,
    });
  });
  // After the save: a potential sanctions match flags the merchant for admins.
  await screenOnSave(db, {
    merchantId: input.merchantId,
    subjects: await merchantSubjects(db, input.merchantId),
    actor: input.actor,
    ip: input.ip,
  });
}

type OverviewRow = Omit<ProfileFacts, "annualRevenueCents" | "ownerCount"> & {
  dbaName: string | null;
  annualRevenueCents: unknown;
  ownerCount: unknown;
  activeConnections: unknown;
  loginRequired: unknown;
  transactions: unknown;
  openOrders: unknown;
  salesRecords: unknown;
};

/**
 * The dashboard's view of a merchant: its names, how complete its profile is, and how much
 * evidence it has brought in (for the next steps). One SQL statement: it is read on every visit
 * of the merchant's home page.
 */
export async function merchantOverview(db: Db, merchantId: string) {
  const rows = await db.$queryRaw<OverviewRow[]>`
    SELECT m."legalName", m."dbaName", m."einLast4", m."entityType", m."stateOfIncorporation",
           m."yearFounded", m."monthFounded", m."naicsCode", m."addressLine1", m."city", m."addressState",
           m."postalCode", m."employees", m."annualRevenueCents", m."exportMarkets",
           (SELECT COUNT(*) FROM "BeneficialOwner" WHERE "merchantId" = m."id") AS "ownerCount",
           (SELECT COUNT(*) FROM "BankConnection" WHERE "merchantId" = m."id" AND "status" = 'ACTIVE') AS "activeConnections",
           (SELECT COUNT(*) FROM "BankConnection" WHERE "merchantId" = m."id" AND "status" = 'LOGIN_REQUIRED') AS "loginRequired",
           (SELECT COUNT(*) FROM "BankTransaction" WHERE "merchantId" = m."id" AND "removedAt" IS NULL AND NOT "pending") AS "transactions",
           (SELECT COUNT(*) FROM "ExportOrder" WHERE "merchantId" = m."id" AND "status" IN ('OPEN', 'SHIPPED', 'INVOICED')) AS "openOrders",
           (SELECT COUNT(*) FROM "SalesRecord" WHERE "merchantId" = m."id") AS "salesRecords"
    FROM "Merchant" m WHERE m."id" = ${merchantId}`;
  const row = rows[0];
  if (!row) throw new Error(`Merchant ${merchantId} does not exist.`);
  const facts: ProfileFacts = {
    ...row,
    annualRevenueCents:
      row.annualRevenueCents === null || row.annualRevenueCents === undefined
        ? null
        : BigInt(String(row.annualRevenueCents)),
    ownerCount: Number(row.ownerCount),
  };
  return {
    business: { legalName: row.legalName, dbaName: row.dbaName },
    completeness: profileCompleteness(facts),
    evidence: {
      activeConnections: Number(row.activeConnections),
      loginRequired: Number(row.loginRequired),
      transactions: Number(row.transactions),
      openOrders: Number(row.openOrders),
      salesRecords: Number(row.salesRecords),
    },
  };
}
