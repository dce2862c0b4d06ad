-- CreateIndex
CREATE INDEX "Referral_lenderOrgId_assigneeId_createdAt_idx" ON "Referral"("lenderOrgId", "assigneeId", "createdAt");
