// E-mail to the people of lender organisations (their active members), through the outbox in the
// caller's transaction.
import { enqueueEmail } from "~/domain/notifications/outbox.server";
import type { Prisma } from "~/utils/db.server";

export async function emailLenderTeams(
  tx: Prisma.TransactionClient,
  lenderOrgIds: readonly string[],
  message: { subject: string; text: string },
): Promise<number> {
  if (lenderOrgIds.length === 0) return 0;
  const people = await tx.lenderMember.findMany({
    where: { lenderOrgId: { in: [...lenderOrgIds] }, deactivatedAt: null },
    orderBy: { id: "asc" },
    select: { user: { select: { email: true } } },
  });
  const addresses = [...new Set(people.map((p) => p.user.email))];
  for (const to of addresses) await enqueueEmail(tx, { to, ...message });
  return addresses.length;
}
