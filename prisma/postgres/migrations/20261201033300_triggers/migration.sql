-- Hand-written, like their SQLite twins (prisma/migrations/20261127112412_referral_status_counts and
-- 20261201004441_integrity_base): Prisma's schema language has no triggers.

-- Every write to Referral keeps ReferralStatusCount in the same transaction, whichever code path
-- made it (the lender's queue reads these few rows instead of counting every referral).
CREATE FUNCTION "referral_status_count"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        UPDATE "ReferralStatusCount" SET "count" = "count" - 1
        WHERE "lenderOrgId" = OLD."lenderOrgId" AND "status" = OLD."status";
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        INSERT INTO "ReferralStatusCount" ("lenderOrgId", "status", "count") VALUES (NEW."lenderOrgId", NEW."status", 1)
        ON CONFLICT ("lenderOrgId", "status") DO UPDATE SET "count" = "ReferralStatusCount"."count" + 1;
    END IF;
    RETURN NULL;
END;
$$;

CREATE TRIGGER "Referral_status_count_insert" AFTER INSERT ON "Referral"
FOR EACH ROW EXECUTE FUNCTION "referral_status_count"();

CREATE TRIGGER "Referral_status_count_delete" AFTER DELETE ON "Referral"
FOR EACH ROW EXECUTE FUNCTION "referral_status_count"();

CREATE TRIGGER "Referral_status_count_update" AFTER UPDATE OF "lenderOrgId", "status" ON "Referral"
FOR EACH ROW
WHEN (OLD."lenderOrgId" IS DISTINCT FROM NEW."lenderOrgId" OR OLD."status" IS DISTINCT FROM NEW."status")
EXECUTE FUNCTION "referral_status_count"();

-- The audit log is append-only at the database: no code path, and no hand-typed statement, can
-- change or remove an event (TRUNCATE, which skips row triggers, included).
CREATE FUNCTION "audit_event_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' THEN
        RAISE EXCEPTION 'AuditEvent is append-only: rows cannot be updated';
    END IF;
    RAISE EXCEPTION 'AuditEvent is append-only: rows cannot be deleted';
END;
$$;

CREATE TRIGGER "AuditEvent_no_update" BEFORE UPDATE ON "AuditEvent"
FOR EACH ROW EXECUTE FUNCTION "audit_event_append_only"();

CREATE TRIGGER "AuditEvent_no_delete" BEFORE DELETE ON "AuditEvent"
FOR EACH ROW EXECUTE FUNCTION "audit_event_append_only"();

CREATE TRIGGER "AuditEvent_no_truncate" BEFORE TRUNCATE ON "AuditEvent"
FOR EACH STATEMENT EXECUTE FUNCTION "audit_event_append_only"();
