-- CreateTable
CREATE TABLE "ReferralStatusCount" (
    "lenderOrgId" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "count" INTEGER NOT NULL,

    PRIMARY KEY ("lenderOrgId", "status")
);

-- The counts of the referrals already there.
INSERT INTO "ReferralStatusCount" ("lenderOrgId", "status", "count")
SELECT "lenderOrgId", "status", COUNT(*) FROM "Referral" GROUP BY "lenderOrgId", "status";

-- Every write to Referral keeps the counts in the same transaction, whichever code path made it.
CREATE TRIGGER "Referral_status_count_insert" AFTER INSERT ON "Referral"
BEGIN
    INSERT INTO "ReferralStatusCount" ("lenderOrgId", "status", "count") VALUES (NEW."lenderOrgId", NEW."status", 1)
    ON CONFLICT ("lenderOrgId", "status") DO UPDATE SET "count" = "count" + 1;
END;

CREATE TRIGGER "Referral_status_count_delete" AFTER DELETE ON "Referral"
BEGIN
    UPDATE "ReferralStatusCount" SET "count" = "count" - 1
    WHERE "lenderOrgId" = OLD."lenderOrgId" AND "status" = OLD."status";
END;

CREATE TRIGGER "Referral_status_count_update" AFTER UPDATE OF "lenderOrgId", "status" ON "Referral"
WHEN OLD."lenderOrgId" IS NOT NEW."lenderOrgId" OR OLD."status" IS NOT NEW."status"
BEGIN
    UPDATE "ReferralStatusCount" SET "count" = "count" - 1
    WHERE "lenderOrgId" = OLD."lenderOrgId" AND "status" = OLD."status";
    INSERT INTO "ReferralStatusCount" ("lenderOrgId", "status", "count") VALUES (NEW."lenderOrgId", NEW."status", 1)
    ON CONFLICT ("lenderOrgId", "status") DO UPDATE SET "count" = "count" + 1;
END;
