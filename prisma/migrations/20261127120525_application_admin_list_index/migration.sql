-- CreateIndex
CREATE INDEX "Application_createdAt_id_idx" ON "Application"("createdAt", "id");

-- CreateIndex
CREATE INDEX "Application_status_createdAt_id_idx" ON "Application"("status", "createdAt", "id");
