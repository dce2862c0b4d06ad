// Regulation B adverse-action notice: one record, one audit event and one e-mail per owner, with
// the same wording wherever an application ends declined.
import { declineOutcome, ECOA_STATEMENT, type NoticeKind } from "~/domain/applications/adverse-action";
import { recordAudit } from "~/domain/audit/audit.server";
import { formatMoney } from "~/domain/money";
import { enqueueEmail } from "~/domain/notifications/outbox.server";
import type { Prisma } from "~/utils/db.server";

export async function issueAdverseActionNotice(
  tx: Prisma.TransactionClient,
  input: {
    applicationId: string;
    merchantId: string;
    requestedAmountCents: number;
    /** What happened (app/domain/applications/adverse-action.ts). */
    kind: NoticeKind;
    /** Names of the creditors that declined (empty when no lender could consider it). */
    creditors: string[];
    /** At most four principal reasons. */
    reasons: string[];
    now: Date;
    ip?: string;
  },
): Promise<void> {
  const reasons = input.reasons.slice(0, 4);
  await tx.adverseActionNotice.create({
    data: {
      applicationId: input.applicationId,
      kind: input.kind,
      creditorsJson: JSON.stringify(input.creditors),
      reasonsJson: JSON.stringify(reasons),
      sentAt: input.now,
    },
  });
  await recordAudit(tx, {
    actor: null,
    action: "application.declined",
    entityType: "Application",
    entityId: input.applicationId,
    summary: { kind: input.kind, creditors: input.creditors, reasons },
    ip: input.ip,
  });
  const amount = formatMoney(input.requestedAmountCents);
  const outcome = declineOutcome(input.kind, input.creditors);
  const owners = await tx.merchantMember.findMany({
    where: { merchantId: input.merchantId },
    select: { user: { select: { email: true } } },
  });
  for (const owner of owners) {
    await enqueueEmail(tx, {
      to: owner.user.email,
      subject: "Your TradeLift application: notice of action taken",
      text: [
        `Your application for ${amount} ${outcome}`,
        "",
        "The principal reasons:",
        ...reasons.map((reason, i) => `${i + 1}. ${reason}`),
        "",
        ECOA_STATEMENT,
      ].join("\n"),
    });
  }
}
