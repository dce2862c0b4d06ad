-- AlterTable
ALTER TABLE "ScoreReport" ADD COLUMN "sourceVersion" TEXT;

-- CreateIndex
CREATE INDEX "ScoreReport_merchantId_sourceVersion_idx" ON "ScoreReport"("merchantId", "sourceVersion");
