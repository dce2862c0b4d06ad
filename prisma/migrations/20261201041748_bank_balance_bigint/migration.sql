-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_BankAccount" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "connectionId" TEXT NOT NULL,
    "merchantId" TEXT NOT NULL,
    "plaidAccountId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "officialName" TEXT,
    "mask" TEXT,
    "type" TEXT NOT NULL,
    "subtype" TEXT,
    "currentBalanceCents" BIGINT,
    "availableBalanceCents" BIGINT,
    "currency" TEXT NOT NULL DEFAULT 'USD',
    "balanceAsOf" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "BankAccount_connectionId_fkey" FOREIGN KEY ("connectionId") REFERENCES "BankConnection" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "BankAccount_merchantId_fkey" FOREIGN KEY ("merchantId") REFERENCES "Merchant" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_BankAccount" ("availableBalanceCents", "balanceAsOf", "connectionId", "createdAt", "currency", "currentBalanceCents", "id", "mask", "merchantId", "name", "officialName", "plaidAccountId", "subtype", "type", "updatedAt") SELECT "availableBalanceCents", "balanceAsOf", "connectionId", "createdAt", "currency", "currentBalanceCents", "id", "mask", "merchantId", "name", "officialName", "plaidAccountId", "subtype", "type", "updatedAt" FROM "BankAccount";
DROP TABLE "BankAccount";
ALTER TABLE "new_BankAccount" RENAME TO "BankAccount";
CREATE UNIQUE INDEX "BankAccount_plaidAccountId_key" ON "BankAccount"("plaidAccountId");
CREATE INDEX "BankAccount_merchantId_idx" ON "BankAccount"("merchantId");
CREATE INDEX "BankAccount_connectionId_idx" ON "BankAccount"("connectionId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
