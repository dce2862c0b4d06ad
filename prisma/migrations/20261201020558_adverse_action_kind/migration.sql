-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_AdverseActionNotice" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "applicationId" TEXT NOT NULL,
    "kind" TEXT NOT NULL DEFAULT 'DECLINED',
    "creditorsJson" TEXT NOT NULL,
    "reasonsJson" TEXT NOT NULL,
    "sentAt" DATETIME NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "AdverseActionNotice_applicationId_fkey" FOREIGN KEY ("applicationId") REFERENCES "Application" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_AdverseActionNotice" ("applicationId", "createdAt", "creditorsJson", "id", "reasonsJson", "sentAt", "updatedAt") SELECT "applicationId", "createdAt", "creditorsJson", "id", "reasonsJson", "sentAt", "updatedAt" FROM "AdverseActionNotice";
DROP TABLE "AdverseActionNotice";
ALTER TABLE "new_AdverseActionNotice" RENAME TO "AdverseActionNotice";
CREATE INDEX "AdverseActionNotice_applicationId_idx" ON "AdverseActionNotice"("applicationId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- Notices written before the column existed: no creditor named means nobody was asked.
UPDATE "AdverseActionNotice" SET "kind" = 'NO_MATCH' WHERE "creditorsJson" = '[]';
