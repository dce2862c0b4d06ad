-- AlterTable
ALTER TABLE "BankConnection" ADD COLUMN     "syncWantedAt" TIMESTAMP(3);
