-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_BankConnection" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "merchantId" TEXT NOT NULL,
    "plaidItemId" TEXT NOT NULL,
    "accessTokenEncrypted" TEXT NOT NULL,
    "institutionId" TEXT,
    "institutionName" TEXT NOT NULL,
    "status" TEXT NOT NULL,
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
INSERT INTO "new_BankConnection" ("accessTokenEncrypted", "createdAt", "disconnectedAt", "id", "institutionId", "institutionName", "lastSyncError", "lastSyncErrorAt", "lastSyncedAt", "merchantId", "plaidItemId", "status", "syncCursor", "syncStartedAt", "updatedAt") SELECT "accessTokenEncrypted", "createdAt", "disconnectedAt", "id", "institutionId", "institutionName", "lastSyncError", "lastSyncErrorAt", "lastSyncedAt", "merchantId", "plaidItemId", "status", "syncCursor", "syncStartedAt", "updatedAt" FROM "BankConnection";
DROP TABLE "BankConnection";
ALTER TABLE "new_BankConnection" RENAME TO "BankConnection";
CREATE UNIQUE INDEX "BankConnection_plaidItemId_key" ON "BankConnection"("plaidItemId");
CREATE INDEX "BankConnection_merchantId_status_idx" ON "BankConnection"("merchantId", "status");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
