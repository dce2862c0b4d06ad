-- CreateTable
CREATE TABLE "Deal" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "offerId" TEXT NOT NULL,
    "fundingId" TEXT NOT NULL,
    "applicationId" TEXT NOT NULL,
    "lenderOrgId" TEXT NOT NULL,
    "merchantId" TEXT NOT NULL,
    "productType" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "fundedOn" DATETIME NOT NULL,
    "currency" TEXT NOT NULL DEFAULT 'USD',
    "rebateCents" INTEGER NOT NULL DEFAULT 0,
    "paidOffOn" DATETIME,
    "writtenOffAt" DATETIME,
    "writeOffReason" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Deal_offerId_fkey" FOREIGN KEY ("offerId") REFERENCES "Offer" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Deal_fundingId_fkey" FOREIGN KEY ("fundingId") REFERENCES "Funding" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Deal_lenderOrgId_fkey" FOREIGN KEY ("lenderOrgId") REFERENCES "LenderOrg" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Deal_merchantId_fkey" FOREIGN KEY ("merchantId") REFERENCES "Merchant" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "DealInstalment" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "dealId" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "dueOn" DATETIME NOT NULL,
    "amountCents" INTEGER NOT NULL,
    "reminderSentAt" DATETIME,
    "lateNoticeSentAt" DATETIME,
    CONSTRAINT "DealInstalment_dealId_fkey" FOREIGN KEY ("dealId") REFERENCES "Deal" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "DealPayment" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "dealId" TEXT NOT NULL,
    "amountCents" INTEGER NOT NULL,
    "paidOn" DATETIME NOT NULL,
    "reference" TEXT NOT NULL,
    "payer" TEXT NOT NULL DEFAULT 'MERCHANT',
    "bankTransactionId" TEXT,
    "recordedById" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "DealPayment_dealId_fkey" FOREIGN KEY ("dealId") REFERENCES "Deal" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "DealPayment_bankTransactionId_fkey" FOREIGN KEY ("bankTransactionId") REFERENCES "BankTransaction" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "Deal_offerId_key" ON "Deal"("offerId");

-- CreateIndex
CREATE UNIQUE INDEX "Deal_fundingId_key" ON "Deal"("fundingId");

-- CreateIndex
CREATE INDEX "Deal_lenderOrgId_status_idx" ON "Deal"("lenderOrgId", "status");

-- CreateIndex
CREATE INDEX "Deal_merchantId_status_idx" ON "Deal"("merchantId", "status");

-- CreateIndex
CREATE INDEX "Deal_status_idx" ON "Deal"("status");

-- CreateIndex
CREATE INDEX "DealInstalment_dueOn_idx" ON "DealInstalment"("dueOn");

-- CreateIndex
CREATE UNIQUE INDEX "DealInstalment_dealId_number_key" ON "DealInstalment"("dealId", "number");

-- CreateIndex
CREATE UNIQUE INDEX "DealPayment_bankTransactionId_key" ON "DealPayment"("bankTransactionId");

-- CreateIndex
CREATE INDEX "DealPayment_dealId_paidOn_idx" ON "DealPayment"("dealId", "paidOn");
