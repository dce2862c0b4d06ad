-- AlterTable
ALTER TABLE "InfoRequest" ADD COLUMN "dueAt" DATETIME;
ALTER TABLE "InfoRequest" ADD COLUMN "incompleteNoticeAt" DATETIME;

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_AdverseActionNotice" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "applicationId" TEXT NOT NULL,
    "kind" TEXT NOT NULL DEFAULT 'DECLINED',
    "lenderOrgId" TEXT,
    "creditorName" TEXT NOT NULL,
    "creditorAddress" TEXT NOT NULL,
    "agencyText" TEXT NOT NULL,
    "reasonsJson" TEXT NOT NULL,
    "contentJson" TEXT NOT NULL,
    "infoRequestId" TEXT,
    "dedupeKey" TEXT,
    "completedAt" DATETIME,
    "dueBy" DATETIME,
    "sentAt" DATETIME NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "AdverseActionNotice_applicationId_fkey" FOREIGN KEY ("applicationId") REFERENCES "Application" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
-- Notices sent before this change named every creditor in one row and gave the FTC for all of them:
-- they are kept as they were sent (names joined, that paragraph), marked legacy in contentJson.
INSERT INTO "new_AdverseActionNotice" ("applicationId", "createdAt", "id", "kind", "reasonsJson", "sentAt", "updatedAt",
    "creditorName", "creditorAddress", "agencyText", "contentJson")
SELECT "applicationId", "createdAt", "id", "kind", "reasonsJson", "sentAt", "updatedAt",
    COALESCE((SELECT group_concat(j."value", ', ') FROM json_each("creditorsJson") j), ''),
    '',
    'The federal agency that administers compliance with this law concerning this creditor is the Federal Trade Commission, Equal Credit Opportunity, Washington, DC 20580.',
    '{"legacy":true}'
FROM "AdverseActionNotice";
DROP TABLE "AdverseActionNotice";
ALTER TABLE "new_AdverseActionNotice" RENAME TO "AdverseActionNotice";
CREATE UNIQUE INDEX "AdverseActionNotice_dedupeKey_key" ON "AdverseActionNotice"("dedupeKey");
CREATE INDEX "AdverseActionNotice_applicationId_idx" ON "AdverseActionNotice"("applicationId");
CREATE TABLE "new_LenderOrg" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "statusReason" TEXT,
    "contactName" TEXT NOT NULL,
    "contactEmail" TEXT NOT NULL,
    "contactPhone" TEXT,
    "website" TEXT,
    "statesLicensed" TEXT NOT NULL DEFAULT '',
    "description" TEXT,
    "addressLine1" TEXT,
    "addressLine2" TEXT,
    "city" TEXT,
    "addressState" TEXT,
    "postalCode" TEXT,
    "regulatorType" TEXT NOT NULL DEFAULT 'NON_BANK',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_LenderOrg" ("contactEmail", "contactName", "contactPhone", "createdAt", "description", "id", "name", "statesLicensed", "status", "statusReason", "updatedAt", "website") SELECT "contactEmail", "contactName", "contactPhone", "createdAt", "description", "id", "name", "statesLicensed", "status", "statusReason", "updatedAt", "website" FROM "LenderOrg";
DROP TABLE "LenderOrg";
ALTER TABLE "new_LenderOrg" RENAME TO "LenderOrg";
CREATE UNIQUE INDEX "LenderOrg_name_key" ON "LenderOrg"("name");
CREATE INDEX "LenderOrg_status_createdAt_idx" ON "LenderOrg"("status", "createdAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "InfoRequest_status_dueAt_idx" ON "InfoRequest"("status", "dueAt");

-- Partners created before addresses existed keep working (their notices give TradeLift's address
-- care of it until an admin adds theirs); the demo partners get theirs and their regulators here.
UPDATE "LenderOrg" SET "addressLine1" = 'One World Trade Center', "addressLine2" = 'Suite 8500', "city" = 'New York', "addressState" = 'NY', "postalCode" = '10007', "regulatorType" = 'NON_BANK' WHERE "name" = 'Meridian Trade Capital' AND "addressLine1" IS NULL;
UPDATE "LenderOrg" SET "addressLine1" = '1201 Elliott Avenue West', "city" = 'Seattle', "addressState" = 'WA', "postalCode" = '98119', "regulatorType" = 'NON_BANK' WHERE "name" = 'Harborline Export Factors' AND "addressLine1" IS NULL;
UPDATE "LenderOrg" SET "addressLine1" = '1000 SW Broadway', "addressLine2" = 'Suite 1200', "city" = 'Portland', "addressState" = 'OR', "postalCode" = '97205', "regulatorType" = 'STATE_NONMEMBER_BANK' WHERE "name" = 'First Cascade Bank' AND "addressLine1" IS NULL;
