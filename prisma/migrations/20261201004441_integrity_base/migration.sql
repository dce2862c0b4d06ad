-- AlterTable
ALTER TABLE "Application" ADD COLUMN "draftKey" TEXT;
ALTER TABLE "Application" ADD COLUMN "statusReason" TEXT;

-- AlterTable
ALTER TABLE "ExportOrder" ADD COLUMN "cancelReason" TEXT;
ALTER TABLE "ExportOrder" ADD COLUMN "cancelledAt" DATETIME;

-- AlterTable
ALTER TABLE "Offer" ADD COLUMN "acceptedDisclosureJson" TEXT;
ALTER TABLE "Offer" ADD COLUMN "acceptedDisclosureSha256" TEXT;
ALTER TABLE "Offer" ADD COLUMN "signerUserId" TEXT;
ALTER TABLE "Offer" ADD COLUMN "withdrawnReason" TEXT;

-- AlterTable
ALTER TABLE "Referral" ADD COLUMN "statusReason" TEXT;

-- CreateTable
CREATE TABLE "ApplicationPackage" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "applicationId" TEXT NOT NULL,
    "formatVersion" INTEGER NOT NULL,
    "packageJson" TEXT NOT NULL,
    "sha256" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "ApplicationPackage_applicationId_fkey" FOREIGN KEY ("applicationId") REFERENCES "Application" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_AuditEvent" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "actorId" TEXT,
    "actorName" TEXT,
    "actorRole" TEXT,
    "action" TEXT NOT NULL,
    "entityType" TEXT NOT NULL,
    "entityId" TEXT,
    "summaryJson" TEXT NOT NULL DEFAULT '{}',
    "ip" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "AuditEvent_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE RESTRICT
);
INSERT INTO "new_AuditEvent" ("action", "actorId", "actorRole", "createdAt", "entityId", "entityType", "id", "ip", "summaryJson", "updatedAt") SELECT "action", "actorId", "actorRole", "createdAt", "entityId", "entityType", "id", "ip", "summaryJson", "updatedAt" FROM "AuditEvent";
DROP TABLE "AuditEvent";
ALTER TABLE "new_AuditEvent" RENAME TO "AuditEvent";
CREATE INDEX "AuditEvent_createdAt_idx" ON "AuditEvent"("createdAt");
CREATE INDEX "AuditEvent_actorId_createdAt_idx" ON "AuditEvent"("actorId", "createdAt");
CREATE INDEX "AuditEvent_entityType_entityId_createdAt_idx" ON "AuditEvent"("entityType", "entityId", "createdAt");
CREATE TABLE "new_BankConnection" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "merchantId" TEXT NOT NULL,
    "plaidItemId" TEXT NOT NULL,
    "accessTokenEncrypted" TEXT NOT NULL,
    "institutionId" TEXT,
    "institutionName" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "historyStatus" TEXT NOT NULL DEFAULT 'HISTORICAL_UPDATE_COMPLETE',
    "syncCursor" TEXT,
    "syncStartedAt" DATETIME,
    "syncAddedCount" INTEGER NOT NULL DEFAULT 0,
    "lastSyncedAt" DATETIME,
    "lastSyncError" TEXT,
    "lastSyncErrorAt" DATETIME,
    "disconnectedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "BankConnection_merchantId_fkey" FOREIGN KEY ("merchantId") REFERENCES "Merchant" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_BankConnection" ("accessTokenEncrypted", "createdAt", "disconnectedAt", "id", "institutionId", "institutionName", "lastSyncError", "lastSyncErrorAt", "lastSyncedAt", "merchantId", "plaidItemId", "status", "syncAddedCount", "syncCursor", "syncStartedAt", "updatedAt") SELECT "accessTokenEncrypted", "createdAt", "disconnectedAt", "id", "institutionId", "institutionName", "lastSyncError", "lastSyncErrorAt", "lastSyncedAt", "merchantId", "plaidItemId", "status", "syncAddedCount", "syncCursor", "syncStartedAt", "updatedAt" FROM "BankConnection";
DROP TABLE "BankConnection";
ALTER TABLE "new_BankConnection" RENAME TO "BankConnection";
CREATE UNIQUE INDEX "BankConnection_plaidItemId_key" ON "BankConnection"("plaidItemId");
CREATE INDEX "BankConnection_merchantId_status_idx" ON "BankConnection"("merchantId", "status");
CREATE TABLE "new_Funding" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "offerId" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'RECORDED',
    "fundedOn" DATETIME NOT NULL,
    "amountCents" INTEGER NOT NULL,
    "currency" TEXT NOT NULL DEFAULT 'USD',
    "reference" TEXT NOT NULL,
    "recordedById" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Funding_offerId_fkey" FOREIGN KEY ("offerId") REFERENCES "Offer" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_Funding" ("amountCents", "createdAt", "currency", "fundedOn", "id", "offerId", "recordedById", "reference", "updatedAt") SELECT "amountCents", "createdAt", "currency", "fundedOn", "id", "offerId", "recordedById", "reference", "updatedAt" FROM "Funding";
DROP TABLE "Funding";
ALTER TABLE "new_Funding" RENAME TO "Funding";
CREATE UNIQUE INDEX "Funding_offerId_key" ON "Funding"("offerId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE UNIQUE INDEX "ApplicationPackage_applicationId_key" ON "ApplicationPackage"("applicationId");

-- CreateIndex
CREATE UNIQUE INDEX "Application_merchantId_draftKey_key" ON "Application"("merchantId", "draftKey");

-- Events written before the column existed keep the name their actor has now.
UPDATE "AuditEvent" SET "actorName" = (SELECT "name" FROM "User" WHERE "User"."id" = "AuditEvent"."actorId")
WHERE "actorId" IS NOT NULL AND "actorName" IS NULL;

-- The audit log is append-only at the database: no code path, and no hand-typed statement, can
-- change or remove an event.
CREATE TRIGGER "AuditEvent_no_update" BEFORE UPDATE ON "AuditEvent"
BEGIN
    SELECT RAISE(ABORT, 'AuditEvent is append-only: rows cannot be updated');
END;

CREATE TRIGGER "AuditEvent_no_delete" BEFORE DELETE ON "AuditEvent"
BEGIN
    SELECT RAISE(ABORT, 'AuditEvent is append-only: rows cannot be deleted');
END;
