-- DropForeignKey
ALTER TABLE "DemographicResponse" DROP CONSTRAINT "DemographicResponse_merchantId_fkey";

-- AlterTable
ALTER TABLE "AdverseActionNotice" DROP COLUMN "creditorsJson",
ADD COLUMN     "agencyText" TEXT NOT NULL,
ADD COLUMN     "completedAt" TIMESTAMP(3),
ADD COLUMN     "contentJson" TEXT NOT NULL,
ADD COLUMN     "creditorAddress" TEXT NOT NULL,
ADD COLUMN     "creditorName" TEXT NOT NULL,
ADD COLUMN     "dedupeKey" TEXT,
ADD COLUMN     "dueBy" TIMESTAMP(3),
ADD COLUMN     "infoRequestId" TEXT,
ADD COLUMN     "lenderOrgId" TEXT;

-- AlterTable
ALTER TABLE "ExportOrder" ADD COLUMN     "buyerRegion" TEXT;

-- AlterTable
ALTER TABLE "InfoRequest" ADD COLUMN     "dueAt" TIMESTAMP(3),
ADD COLUMN     "incompleteNoticeAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "LenderOrg" ADD COLUMN     "addressLine1" TEXT,
ADD COLUMN     "addressLine2" TEXT,
ADD COLUMN     "addressState" TEXT,
ADD COLUMN     "city" TEXT,
ADD COLUMN     "postalCode" TEXT,
ADD COLUMN     "regulatorType" TEXT NOT NULL DEFAULT 'NON_BANK';

-- AlterTable
ALTER TABLE "Offer" ADD COLUMN     "recourse" TEXT,
ADD COLUMN     "securityTerms" TEXT;

-- AlterTable
ALTER TABLE "User" DROP COLUMN "failedLoginCount",
DROP COLUMN "lockedUntil";

-- DropTable
DROP TABLE "DemographicResponse";

-- CreateTable
CREATE TABLE "LoginThrottle" (
    "key" TEXT NOT NULL,
    "failures" INTEGER NOT NULL,
    "lastFailedAt" TIMESTAMP(3) NOT NULL,
    "blockedUntil" TIMESTAMP(3),
    "alertedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "LoginThrottle_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "AccountToken" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "purpose" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "usedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "AccountToken_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Section1071SavedAnswers" (
    "merchantId" TEXT NOT NULL,
    "answersJson" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Section1071SavedAnswers_pkey" PRIMARY KEY ("merchantId")
);

-- CreateTable
CREATE TABLE "Section1071Record" (
    "id" TEXT NOT NULL,
    "applicationId" TEXT NOT NULL,
    "merchantId" TEXT NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL,
    "womenOwned" TEXT,
    "minorityOwned" TEXT,
    "lgbtqiOwned" TEXT,
    "principalOwnerCount" TEXT,
    "collectedVia" TEXT NOT NULL DEFAULT 'APPLICANT_PROVIDED',
    "actionTaken" TEXT,
    "actionTakenAt" TIMESTAMP(3),
    "amountApprovedCents" INTEGER,
    "answeredAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Section1071Record_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Section1071Owner" (
    "id" TEXT NOT NULL,
    "recordId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "ethnicityJson" TEXT NOT NULL DEFAULT '[]',
    "ethnicityOtherHispanic" TEXT,
    "raceJson" TEXT NOT NULL DEFAULT '[]',
    "raceAmericanIndianTribe" TEXT,
    "raceOtherAsian" TEXT,
    "raceOtherBlack" TEXT,
    "raceOtherPacificIslander" TEXT,
    "sexSelfDescribed" TEXT,
    "sexDeclined" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "Section1071Owner_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SanctionsList" (
    "id" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "listDate" TIMESTAMP(3) NOT NULL,
    "sha256" TEXT NOT NULL,
    "altSha256" TEXT,
    "entryCount" INTEGER NOT NULL,
    "aliasCount" INTEGER NOT NULL,
    "fileName" TEXT NOT NULL,
    "loadedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SanctionsList_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SanctionsEntry" (
    "id" TEXT NOT NULL,
    "listId" TEXT NOT NULL,
    "entNum" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "programs" TEXT NOT NULL,
    "title" TEXT,
    "remarks" TEXT,
    "aliasesJson" TEXT NOT NULL DEFAULT '[]',

    CONSTRAINT "SanctionsEntry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Screening" (
    "id" TEXT NOT NULL,
    "listId" TEXT NOT NULL,
    "merchantId" TEXT NOT NULL,
    "applicationId" TEXT,
    "subjectType" TEXT NOT NULL,
    "subjectId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "trigger" TEXT NOT NULL,
    "hitCount" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Screening_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ScreeningHit" (
    "id" TEXT NOT NULL,
    "screeningId" TEXT NOT NULL,
    "entryId" TEXT NOT NULL,
    "merchantId" TEXT NOT NULL,
    "applicationId" TEXT,
    "matchedName" TEXT NOT NULL,
    "scorePermille" INTEGER NOT NULL,
    "status" TEXT NOT NULL,
    "decisionReason" TEXT,
    "decidedById" TEXT,
    "decidedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ScreeningHit_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "AccountToken_tokenHash_key" ON "AccountToken"("tokenHash");

-- CreateIndex
CREATE INDEX "AccountToken_userId_purpose_idx" ON "AccountToken"("userId", "purpose");

-- CreateIndex
CREATE UNIQUE INDEX "Section1071Record_applicationId_key" ON "Section1071Record"("applicationId");

-- CreateIndex
CREATE INDEX "Section1071Record_receivedAt_id_idx" ON "Section1071Record"("receivedAt", "id");

-- CreateIndex
CREATE INDEX "Section1071Record_merchantId_idx" ON "Section1071Record"("merchantId");

-- CreateIndex
CREATE UNIQUE INDEX "Section1071Owner_recordId_position_key" ON "Section1071Owner"("recordId", "position");

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

-- CreateIndex
CREATE UNIQUE INDEX "AdverseActionNotice_dedupeKey_key" ON "AdverseActionNotice"("dedupeKey");

-- CreateIndex
CREATE INDEX "InfoRequest_status_dueAt_idx" ON "InfoRequest"("status", "dueAt");

-- AddForeignKey
ALTER TABLE "AccountToken" ADD CONSTRAINT "AccountToken_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Section1071SavedAnswers" ADD CONSTRAINT "Section1071SavedAnswers_merchantId_fkey" FOREIGN KEY ("merchantId") REFERENCES "Merchant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Section1071Record" ADD CONSTRAINT "Section1071Record_applicationId_fkey" FOREIGN KEY ("applicationId") REFERENCES "Application"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Section1071Record" ADD CONSTRAINT "Section1071Record_merchantId_fkey" FOREIGN KEY ("merchantId") REFERENCES "Merchant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Section1071Owner" ADD CONSTRAINT "Section1071Owner_recordId_fkey" FOREIGN KEY ("recordId") REFERENCES "Section1071Record"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SanctionsEntry" ADD CONSTRAINT "SanctionsEntry_listId_fkey" FOREIGN KEY ("listId") REFERENCES "SanctionsList"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Screening" ADD CONSTRAINT "Screening_listId_fkey" FOREIGN KEY ("listId") REFERENCES "SanctionsList"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ScreeningHit" ADD CONSTRAINT "ScreeningHit_screeningId_fkey" FOREIGN KEY ("screeningId") REFERENCES "Screening"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ScreeningHit" ADD CONSTRAINT "ScreeningHit_entryId_fkey" FOREIGN KEY ("entryId") REFERENCES "SanctionsEntry"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
