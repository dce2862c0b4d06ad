-- AlterTable
ALTER TABLE "OutboxEmail" ADD COLUMN "claimedUntil" DATETIME;
