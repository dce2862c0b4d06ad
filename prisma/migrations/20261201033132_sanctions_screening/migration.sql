-- AlterTable
ALTER TABLE "ExportOrder" ADD COLUMN "buyerRegion" TEXT;

-- CreateTable
CREATE TABLE "SanctionsList" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "source" TEXT NOT NULL,
    "listDate" DATETIME NOT NULL,
    "sha256" TEXT NOT NULL,
    "altSha256" TEXT,
    "entryCount" INTEGER NOT NULL,
    "aliasCount" INTEGER NOT NULL,
    "fileName" TEXT NOT NULL,
    "loadedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "SanctionsEntry" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "listId" TEXT NOT NULL,
    "entNum" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "programs" TEXT NOT NULL,
    "title" TEXT,
    "remarks" TEXT,
    "aliasesJson" TEXT NOT NULL DEFAULT '[]',
    CONSTRAINT "SanctionsEntry_listId_fkey" FOREIGN KEY ("listId") REFERENCES "SanctionsList" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Screening" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "listId" TEXT NOT NULL,
    "merchantId" TEXT NOT NULL,
    "applicationId" TEXT,
    "subjectType" TEXT NOT NULL,
    "subjectId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "trigger" TEXT NOT NULL,
    "hitCount" INTEGER NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Screening_listId_fkey" FOREIGN KEY ("listId") REFERENCES "SanctionsList" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ScreeningHit" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "screeningId" TEXT NOT NULL,
    "entryId" TEXT NOT NULL,
    "merchantId" TEXT NOT NULL,
    "applicationId" TEXT,
    "matchedName" TEXT NOT NULL,
    "scorePermille" INTEGER NOT NULL,
    "status" TEXT NOT NULL,
    "decisionReason" TEXT,
    "decidedById" TEXT,
    "decidedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "ScreeningHit_screeningId_fkey" FOREIGN KEY ("screeningId") REFERENCES "Screening" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ScreeningHit_entryId_fkey" FOREIGN KEY ("entryId") REFERENCES "SanctionsEntry" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "SanctionsList_source_sha256_idx" ON "SanctionsList"("source", "sha256");

-- CreateIndex
CREATE INDEX "SanctionsList_source_listDate_loadedAt_idx" ON "SanctionsList"("source", "listDate", "loadedAt");

-- CreateIndex
CREATE UNIQUE INDEX "SanctionsEntry_listId_entNum_key" ON "SanctionsEntry"("listId", "entNum");

-- CreateIndex
CREATE INDEX "Screening_merchantId_createdAt_idx" ON "Screening"("merchantId", "createdAt");

-- CreateIndex
CREATE INDEX "Screening_applicationId_idx" ON "Screening"("applicationId");

-- CreateIndex
CREATE INDEX "Screening_subjectType_subjectId_createdAt_idx" ON "Screening"("subjectType", "subjectId", "createdAt");

-- CreateIndex
CREATE INDEX "ScreeningHit_status_createdAt_idx" ON "ScreeningHit"("status", "createdAt");

-- CreateIndex
CREATE INDEX "ScreeningHit_applicationId_status_idx" ON "ScreeningHit"("applicationId", "status");

-- CreateIndex
CREATE INDEX "ScreeningHit_merchantId_status_idx" ON "ScreeningHit"("merchantId", "status");
