-- AlterTable
ALTER TABLE "Referral" ADD COLUMN "grade" TEXT;
ALTER TABLE "Referral" ADD COLUMN "score" INTEGER;

-- CreateIndex
CREATE INDEX "Referral_lenderOrgId_score_id_idx" ON "Referral"("lenderOrgId", "score", "id");

-- CreateIndex
CREATE INDEX "Referral_lenderOrgId_status_score_id_idx" ON "Referral"("lenderOrgId", "status", "score", "id");

-- Existing referrals take the frozen score of their application.
UPDATE "Referral" SET
  "score" = (SELECT s."score" FROM "Application" a JOIN "ScoreReport" s ON s."id" = a."scoreReportId" WHERE a."id" = "Referral"."applicationId"),
  "grade" = (SELECT s."grade" FROM "Application" a JOIN "ScoreReport" s ON s."id" = a."scoreReportId" WHERE a."id" = "Referral"."applicationId");
