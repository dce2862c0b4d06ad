// Keeps a covered application's action taken current. Called by the status guard whenever an
// application reaches a final status (app/domain/workflow/transition.server.ts), and once when the
// record is created at submission (an application declined at once is final already).
import type { Prisma } from "~/generated/prisma/client";
import { deriveActionTaken } from "./action-taken";

type Tx = Prisma.TransactionClient;

function declineCodes(json: string): string[] {
  try {
    const parsed: unknown = JSON.parse(json);
    return Array.isArray(parsed) ? parsed.filter((c): c is string => typeof c === "string") : [];
  } catch {
    return [];
  }
}

/** Derives and writes the action taken of one application's register record, when it has one. */
export async function recordActionTaken(tx: Tx, applicationId: string): Promise<void> {
  const record = await tx.section1071Record.findUnique({ where: { applicationId }, select: { id: true } });
  // Applications sent before the register existed have no record: they are not back-filled.
  if (!record) return;
  const application = await tx.application.findUniqueOrThrow({
    where: { id: applicationId },
    select: {
      status: true,
      requestedAmountCents: true,
      decidedAt: true,
      withdrawnAt: true,
      fundedAt: true,
      updatedAt: true,
      offers: {
        select: {
          status: true,
          amountCents: true,
          createdAt: true,
          withdrawnReason: true,
          funding: { select: { amountCents: true, fundedOn: true } },
        },
      },
      referrals: {
        select: {
          status: true,
          declineReasonsJson: true,
          _count: { select: { infoRequests: { where: { status: "OPEN" } } } },
        },
      },
    },
  });
  const result = deriveActionTaken({
    ...application,
    endedAt: application.updatedAt,
    funding: application.offers.find((o) => o.funding)?.funding ?? null,
    referrals: application.referrals.map((r) => ({
      status: r.status,
      declineReasons: declineCodes(r.declineReasonsJson),
    })),
    openInfoRequests: application.referrals.reduce((sum, r) => sum + r._count.infoRequests, 0),
  });
  await tx.section1071Record.update({
    where: { id: record.id },
    data: result ? result : { actionTaken: null, actionTakenAt: null, amountApprovedCents: null },
  });
}
