-- AlterTable
ALTER TABLE "BankAccount" ALTER COLUMN "currentBalanceCents" SET DATA TYPE BIGINT,
ALTER COLUMN "availableBalanceCents" SET DATA TYPE BIGINT;
