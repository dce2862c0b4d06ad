-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Offer" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "referralId" TEXT NOT NULL,
    "applicationId" TEXT NOT NULL,
    "lenderOrgId" TEXT NOT NULL,
    "productType" TEXT NOT NULL,
    "amountCents" INTEGER NOT NULL,
    "currency" TEXT NOT NULL DEFAULT 'USD',
    "advanceRateBps" INTEGER NOT NULL,
    "feeBps" INTEGER,
    "feePeriodDays" INTEGER,
    "interestRateBps" INTEGER,
    "termDays" INTEGER NOT NULL,
    "paymentFrequency" TEXT NOT NULL,
    "paymentCount" INTEGER NOT NULL,
    "paymentAmountCents" INTEGER NOT NULL,
    "scheduleJson" TEXT NOT NULL,
    "fundsProvidedCents" INTEGER NOT NULL,
    "financeChargeCents" INTEGER NOT NULL,
    "totalRepaymentCents" INTEGER NOT NULL,
    "estimatedAprBps" INTEGER NOT NULL,
    "feeDeductedCents" INTEGER NOT NULL DEFAULT 0,
    "prepaymentTerms" TEXT NOT NULL,
    "amountAboveRequestReason" TEXT,
    "expiresAt" DATETIME NOT NULL,
    "status" TEXT NOT NULL,
    "signatureName" TEXT,
    "signerUserId" TEXT,
    "acceptedDisclosureJson" TEXT,
    "acceptedDisclosureSha256" TEXT,
    "acceptedAt" DATETIME,
    "acceptedIp" TEXT,
    "declinedAt" DATETIME,
    "withdrawnAt" DATETIME,
    "withdrawnReason" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Offer_referralId_fkey" FOREIGN KEY ("referralId") REFERENCES "Referral" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Offer_applicationId_fkey" FOREIGN KEY ("applicationId") REFERENCES "Application" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Offer_lenderOrgId_fkey" FOREIGN KEY ("lenderOrgId") REFERENCES "LenderOrg" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_Offer" ("acceptedAt", "acceptedDisclosureJson", "acceptedDisclosureSha256", "acceptedIp", "advanceRateBps", "amountAboveRequestReason", "amountCents", "applicationId", "createdAt", "currency", "declinedAt", "estimatedAprBps", "expiresAt", "feeBps", "feePeriodDays", "financeChargeCents", "fundsProvidedCents", "id", "interestRateBps", "lenderOrgId", "paymentAmountCents", "paymentCount", "paymentFrequency", "prepaymentTerms", "productType", "referralId", "scheduleJson", "signatureName", "signerUserId", "status", "termDays", "totalRepaymentCents", "updatedAt", "withdrawnAt", "withdrawnReason") SELECT "acceptedAt", "acceptedDisclosureJson", "acceptedDisclosureSha256", "acceptedIp", "advanceRateBps", "amountAboveRequestReason", "amountCents", "applicationId", "createdAt", "currency", "declinedAt", "estimatedAprBps", "expiresAt", "feeBps", "feePeriodDays", "financeChargeCents", "fundsProvidedCents", "id", "interestRateBps", "lenderOrgId", "paymentAmountCents", "paymentCount", "paymentFrequency", "prepaymentTerms", "productType", "referralId", "scheduleJson", "signatureName", "signerUserId", "status", "termDays", "totalRepaymentCents", "updatedAt", "withdrawnAt", "withdrawnReason" FROM "Offer";
DROP TABLE "Offer";
ALTER TABLE "new_Offer" RENAME TO "Offer";
CREATE INDEX "Offer_applicationId_status_idx" ON "Offer"("applicationId", "status");
CREATE INDEX "Offer_lenderOrgId_status_createdAt_idx" ON "Offer"("lenderOrgId", "status", "createdAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
