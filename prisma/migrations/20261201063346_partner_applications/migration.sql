-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
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
    "appliedAt" DATETIME,
    "productsOfInterest" TEXT NOT NULL DEFAULT '',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_LenderOrg" ("addressLine1", "addressLine2", "addressState", "city", "contactEmail", "contactName", "contactPhone", "createdAt", "description", "id", "name", "postalCode", "regulatorType", "statesLicensed", "status", "statusReason", "updatedAt", "website") SELECT "addressLine1", "addressLine2", "addressState", "city", "contactEmail", "contactName", "contactPhone", "createdAt", "description", "id", "name", "postalCode", "regulatorType", "statesLicensed", "status", "statusReason", "updatedAt", "website" FROM "LenderOrg";
DROP TABLE "LenderOrg";
ALTER TABLE "new_LenderOrg" RENAME TO "LenderOrg";
CREATE UNIQUE INDEX "LenderOrg_name_key" ON "LenderOrg"("name");
CREATE INDEX "LenderOrg_status_createdAt_idx" ON "LenderOrg"("status", "createdAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
