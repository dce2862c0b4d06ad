// An organisation applies through the public form: a lending partner is created in PENDING, the
// contact and every admin are e-mailed, and the form is limited per network address (it needs no
// account, so anyone can send it). An admin reviews it on /admin/partners (docs/design/workflows.md).
import { enqueueEmail } from "~/domain/notifications/outbox.server";
import {
  partnerApplicationForAdminsEmail,
  partnerApplicationReceivedEmail,
} from "~/domain/notifications/templates";
import { createInStatus } from "~/domain/workflow/transition.server";
import type { Db } from "~/utils/db.server";
import { hitRateLimit } from "~/utils/rate-limit.server";
import { type PartnerApplicationInput, productsInWords } from "./partner-application";
import { PARTNER_WORKFLOW } from "./workflow";

/** Applications one network address may send per hour. */
export const PARTNER_APPLICATIONS_PER_HOUR = 5;

export type PartnerApplicationOutcome =
  | { ok: true; lenderOrgId: string }
  | { ok: false; reason: "rate-limited"; retryAfterSeconds: number }
  | { ok: false; reason: "duplicate"; field: "name"; message: string };

export async function applyAsLendingPartner(
  db: Db,
  input: { application: PartnerApplicationInput; ip: string; now?: Date },
): Promise<PartnerApplicationOutcome> {
  const now = input.now ?? new Date();
  const limit = await hitRateLimit(
    `partner-apply:${input.ip}`,
    PARTNER_APPLICATIONS_PER_HOUR,
    3_600_000,
    now,
  );
  if (!limit.allowed)
    return { ok: false, reason: "rate-limited", retryAfterSeconds: limit.retryAfterSeconds };
  const a = input.application;
  const products = a.productsOfInterest.join(",");
  try {
    const created = await db.$transaction(async (tx) => {
      const org = await createInStatus(tx, PARTNER_WORKFLOW, {
        status: "PENDING",
        data: {
          name: a.name,
          contactName: a.contactName,
          contactEmail: a.contactEmail,
          contactPhone: a.contactPhone ?? null,
          website: a.website ?? null,
          description: a.description ?? null,
          regulatorType: a.regulatorType,
          productsOfInterest: products,
          appliedAt: now,
        },
        actor: null,
        ip: input.ip,
        action: "lender.partner_applied",
        summary: { name: a.name, contactEmail: a.contactEmail, productsOfInterest: a.productsOfInterest },
      });
      await enqueueEmail(tx, {
        to: a.contactEmail,
        template: partnerApplicationReceivedEmail({ contactName: a.contactName, organisation: a.name }),
      });
      const admins = await tx.user.findMany({
        where: { role: "ADMIN", deactivatedAt: null },
        orderBy: { createdAt: "asc" },
        select: { email: true },
      });
      for (const admin of admins)
        await enqueueEmail(tx, {
          to: admin.email,
          template: partnerApplicationForAdminsEmail({
            organisation: a.name,
            contactName: a.contactName,
            contactEmail: a.contactEmail,
            products: productsInWords(products),
            lenderOrgId: org.id,
          }),
        });
      return org;
    });
    return { ok: true, lenderOrgId: created.id };
  } catch (error) {
    if ((error as { code?: string }).code === "P2002")
      return {
        ok: false,
        reason: "duplicate",
        field: "name",
        message:
          "An organisation with this name is already a partner or has applied. Write to us if this is yours.",
      };
    throw error;
  }
}
