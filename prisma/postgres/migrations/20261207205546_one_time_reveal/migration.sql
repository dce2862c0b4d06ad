-- CreateTable
CREATE TABLE "OneTimeReveal" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "purpose" TEXT NOT NULL,
    "valueEncrypted" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "OneTimeReveal_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "OneTimeReveal_expiresAt_idx" ON "OneTimeReveal"("expiresAt");

-- AddForeignKey
ALTER TABLE "OneTimeReveal" ADD CONSTRAINT "OneTimeReveal_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
