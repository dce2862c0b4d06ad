// Reads the referrals of a period for the admin's funnel (funnel.ts counts them).
import { z } from "zod";
import type { Db } from "~/utils/db.server";
import { type Funnel, funnel, monthOf } from "./funnel";

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

export const FunnelFilterSchema = z.object({
  from: z.string().regex(MONTH).optional().catch(undefined),
  to: z.string().regex(MONTH).optional().catch(undefined),
});

/** The period asked for, as whole UTC months; the last twelve by default, `from` never after `to`. */
export function funnelPeriod(params: URLSearchParams, now: Date = new Date()): { from: string; to: string } {
  const parsed = FunnelFilterSchema.parse({
    from: params.get("from") || undefined,
    to: params.get("to") || undefined,
  });
  const to = parsed.to ?? monthOf(now);
  const [year, month] = to.split("-").map(Number) as [number, number];
  const from = parsed.from ?? monthOf(new Date(Date.UTC(year, month - 12, 1)));
  return from <= to ? { from, to } : { from: to, to: from };
}

function startOf(month: string): Date {
  const [year, m] = month.split("-").map(Number) as [number, number];
  return new Date(Date.UTC(year, m - 1, 1));
}

export async function platformFunnel(db: Db, period: { from: string; to: string }): Promise<Funnel> {
  const end = startOf(period.to);
  end.setUTCMonth(end.getUTCMonth() + 1);
  const referrals = await db.referral.findMany({
    where: { createdAt: { gte: startOf(period.from), lt: end } },
    select: {
      lenderOrgId: true,
      createdAt: true,
      lenderOrg: { select: { name: true } },
      offers: {
        orderBy: { createdAt: "asc" },
        select: { createdAt: true, acceptedAt: true, funding: { select: { id: true } } },
      },
    },
  });
  return funnel(
    referrals.map((r) => ({
      lenderOrgId: r.lenderOrgId,
      lenderName: r.lenderOrg.name,
      referredAt: r.createdAt,
      firstOfferAt: r.offers[0]?.createdAt ?? null,
      accepted: r.offers.some((o) => o.acceptedAt !== null),
      funded: r.offers.some((o) => o.funding !== null),
    })),
  );
}
