-- CreateTable
CREATE TABLE "Section1071SavedAnswers" (
    "merchantId" TEXT NOT NULL PRIMARY KEY,
    "answersJson" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Section1071SavedAnswers_merchantId_fkey" FOREIGN KEY ("merchantId") REFERENCES "Merchant" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Section1071Record" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "applicationId" TEXT NOT NULL,
    "merchantId" TEXT NOT NULL,
    "receivedAt" DATETIME NOT NULL,
    "womenOwned" TEXT,
    "minorityOwned" TEXT,
    "lgbtqiOwned" TEXT,
    "principalOwnerCount" TEXT,
    "collectedVia" TEXT NOT NULL DEFAULT 'APPLICANT_PROVIDED',
    "actionTaken" TEXT,
    "actionTakenAt" DATETIME,
    "amountApprovedCents" INTEGER,
    "answeredAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Section1071Record_applicationId_fkey" FOREIGN KEY ("applicationId") REFERENCES "Application" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Section1071Record_merchantId_fkey" FOREIGN KEY ("merchantId") REFERENCES "Merchant" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Section1071Owner" (
    "id" TEXT NOT NULL PRIMARY KEY,
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
    CONSTRAINT "Section1071Owner_recordId_fkey" FOREIGN KEY ("recordId") REFERENCES "Section1071Record" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "Section1071Record_applicationId_key" ON "Section1071Record"("applicationId");

-- CreateIndex
CREATE INDEX "Section1071Record_receivedAt_id_idx" ON "Section1071Record"("receivedAt", "id");

-- CreateIndex
CREATE INDEX "Section1071Record_merchantId_idx" ON "Section1071Record"("merchantId");

-- CreateIndex
CREATE UNIQUE INDEX "Section1071Owner_recordId_position_key" ON "Section1071Owner"("recordId", "position");

-- The per-merchant answers become the merchant's saved answers (they prefill its next application;
-- the register itself is per application). The old form asked about one principal owner with a
-- single race and fixed sex options: that owner becomes owner 1, the number of owners stays
-- unanswered, "Female"/"Male" become the self-described sex, and the old race "OTHER" (not a
-- category of the rule) is dropped rather than guessed.
INSERT INTO "Section1071SavedAnswers" ("merchantId", "answersJson", "createdAt", "updatedAt")
SELECT "merchantId",
  json_object(
    'womenOwned', "womenOwned",
    'minorityOwned', "minorityOwned",
    'lgbtqiOwned', "lgbtqiOwned",
    'principalOwnerCount', NULL,
    'owners', json_array(json_object(
      'ethnicity', CASE WHEN "ownerEthnicity" IS NULL THEN json_array() ELSE json_array("ownerEthnicity") END,
      'ethnicityOtherHispanic', NULL,
      'race', CASE WHEN "ownerRace" IS NULL OR "ownerRace" = 'OTHER' THEN json_array() ELSE json_array("ownerRace") END,
      'raceAmericanIndianTribe', NULL,
      'raceOtherAsian', NULL,
      'raceOtherBlack', NULL,
      'raceOtherPacificIslander', NULL,
      'sex', CASE "ownerSex" WHEN 'FEMALE' THEN 'Female' WHEN 'MALE' THEN 'Male' ELSE NULL END,
      'sexDeclined', CASE WHEN "ownerSex" = 'DECLINED' THEN json('true') ELSE json('false') END
    ))
  ),
  "createdAt", "updatedAt"
FROM "DemographicResponse";

-- DropTable
PRAGMA foreign_keys=off;
DROP TABLE "DemographicResponse";
PRAGMA foreign_keys=on;
