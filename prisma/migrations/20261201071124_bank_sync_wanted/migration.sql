-- AlterTable
ALTER TABLE "BankConnection" ADD COLUMN "syncWantedAt" DATETIME;
