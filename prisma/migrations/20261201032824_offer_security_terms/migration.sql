-- AlterTable
ALTER TABLE "Offer" ADD COLUMN "recourse" TEXT;
ALTER TABLE "Offer" ADD COLUMN "securityTerms" TEXT;
