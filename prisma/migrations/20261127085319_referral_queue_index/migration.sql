-- CreateIndex
CREATE INDEX "Referral_lenderOrgId_createdAt_id_idx" ON "Referral"("lenderOrgId", "createdAt", "id");
