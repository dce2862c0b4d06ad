// The Section 1071 register, for admins only (docs/design/section-1071.md): every covered
// application whose action was taken in the reporting period (a calendar year, UTC), and the
// applications of that year still pending. Every view and download is audited.
import { recordAudit } from "~/domain/audit/audit.server";
import type { Db } from "~/utils/db.server";
import type { ActionTaken } from "./action-taken";
import { type RegisterEntry, registerCsv } from "./register";
import { answersFromRecord } from "./section1071.server";

function yearBounds(year: number) {
  return { gte: new Date(Date.UTC(year, 0, 1)), lt: new Date(Date.UTC(year + 1, 0, 1)) };
}

export async function registerFor(
  db: Db,
  year: number,
): Promise<{ entries: RegisterEntry[]; pending: number; firstYear: number | null }> {
  const [records, pending, first] = await Promise.all([
    db.section1071Record.findMany({
      where: { actionTakenAt: yearBounds(year), actionTaken: { not: null } },
      orderBy: [{ receivedAt: "asc" }, { id: "asc" }],
      select: {
        applicationId: true,
        receivedAt: true,
        actionTaken: true,
        actionTakenAt: true,
        amountApprovedCents: true,
        collectedVia: true,
        womenOwned: true,
        minorityOwned: true,
        lgbtqiOwned: true,
        principalOwnerCount: true,
        owners: {
          select: {
            position: true,
            ethnicityJson: true,
            ethnicityOtherHispanic: true,
            raceJson: true,
            raceAmericanIndianTribe: true,
            raceOtherAsian: true,
            raceOtherBlack: true,
            raceOtherPacificIslander: true,
            sexSelfDescribed: true,
            sexDeclined: true,
          },
          orderBy: { position: "asc" },
        },
        application: { select: { requestedAmountCents: true, currency: true } },
      },
    }),
    db.section1071Record.count({ where: { receivedAt: yearBounds(year), actionTaken: null } }),
    db.section1071Record.findFirst({ orderBy: { receivedAt: "asc" }, select: { receivedAt: true } }),
  ]);
  return {
    entries: records.map((record) => ({
      applicationId: record.applicationId,
      receivedAt: record.receivedAt,
      actionTaken: record.actionTaken as ActionTaken | null,
      actionTakenAt: record.actionTakenAt,
      currency: record.application.currency,
      amountAppliedForCents: record.application.requestedAmountCents,
      amountApprovedCents: record.amountApprovedCents,
      collectedVia: record.collectedVia,
      answers: answersFromRecord(record),
    })),
    pending,
    firstYear: first ? first.receivedAt.getUTCFullYear() : null,
  };
}

/** The register as the admin reads it: the page, audited as a view. */
export async function viewRegister(
  db: Db,
  input: { year: number; actor: { id: string; role: string }; ip: string },
) {
  const register = await registerFor(db, input.year);
  await recordAudit(db, {
    actor: input.actor,
    action: "admin.section1071_register_viewed",
    entityType: "Section1071Register",
    summary: { year: input.year, rows: register.entries.length },
    ip: input.ip,
  });
  return register;
}

/** The register as a CSV download, audited as an export (the period and the number of rows). */
export async function exportRegisterCsv(
  db: Db,
  input: { year: number; actor: { id: string; role: string }; ip: string },
): Promise<{ csv: string; filename: string }> {
  const { entries } = await registerFor(db, input.year);
  await recordAudit(db, {
    actor: input.actor,
    action: "admin.section1071_register_exported",
    entityType: "Section1071Register",
    summary: { year: input.year, rows: entries.length, format: "csv" },
    ip: input.ip,
  });
  return { csv: registerCsv(entries), filename: `tradelift-section-1071-register-${input.year}.csv` };
}
