-- CreateIndex
CREATE INDEX "Referral_lenderProductId_status_idx" ON "Referral"("lenderProductId", "status");
