-- AlterTable
ALTER TABLE "Merchant" ADD COLUMN "monthFounded" INTEGER;
