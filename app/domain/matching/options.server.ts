// "Check your options": how many lending partners would consider an application the merchant is
// thinking of, before anything is sent. Reads the merchant's open orders, current score and profile
// and runs the same matching as a submission (docs/design/matching.md).
import { MissingFxRateError } from "~/domain/fx";
import { OPEN_RECEIVABLE_STATUSES } from "~/domain/orders/orders";
import { currentScoreReport } from "~/domain/scoring/score.server";
import type { Db } from "~/utils/db.server";
import { matchMerchantFrom, partnersConsidering, runMatching } from "./matching.server";
import type { PreviewInput } from "./preview";
import { whyNotReasons } from "./why-not";

/** The merchant's open orders, newest first, that a preview may include. */
export async function openOrdersForPreview(db: Db, merchantId: string) {
  const orders = await db.exportOrder.findMany({
    where: { merchantId, status: { in: [...OPEN_RECEIVABLE_STATUSES] } },
    orderBy: { orderDate: "desc" },
    select: {
      id: true,
      poNumber: true,
      buyerName: true,
      buyerCountry: true,
      buyerRegion: true,
      amountCents: true,
      currency: true,
      paymentTerm: true,
    },
  });
  return orders.map((o) => ({ ...o, amountCents: o.amountCents.toString() }));
}

export type PreviewOutcome =
  | {
      ok: true;
      partners: number;
      products: number;
      scoreable: boolean;
      score: number | null;
      /** Why the other products would not consider it, in plain words, naming no lender. */
      reasons: string[];
    }
  | { ok: false; field: "orderIds" | null; message: string };

export async function previewOptions(
  db: Db,
  input: { merchantId: string; preview: PreviewInput; now?: Date },
): Promise<PreviewOutcome> {
  const now = input.now ?? new Date();
  const orders = await openOrdersForPreview(db, input.merchantId);
  const chosen = orders.filter((o) => input.preview.orderIds.includes(o.id));
  if (chosen.length !== new Set(input.preview.orderIds).size)
    return { ok: false, field: "orderIds", message: "Choose among your open orders." };
  let score: Awaited<ReturnType<typeof currentScoreReport>>;
  try {
    score = await currentScoreReport(db, input.merchantId, now);
  } catch (error) {
    if (error instanceof MissingFxRateError)
      return {
        ok: false,
        field: null,
        message: `An open order is in ${error.currency}, which has no exchange rate on file.`,
      };
    throw error;
  }
  const profile = await db.merchant.findUniqueOrThrow({
    where: { id: input.merchantId },
    select: {
      yearFounded: true,
      monthFounded: true,
      annualRevenueCents: true,
      naicsCode: true,
      addressState: true,
    },
  });
  const merchant = matchMerchantFrom({
    score: score.score,
    avgMonthlyRevenueCents: score.features.avgMonthlyRevenueCents,
    ...profile,
    today: now,
  });
  const matched = await runMatching(
    db,
    {
      amountCents: input.preview.amount,
      productType: input.preview.productType,
      tenorDays: input.preview.tenorDays,
      orders: chosen.map((o) => ({ buyerCountry: o.buyerCountry, paymentTerm: o.paymentTerm })),
    },
    merchant,
  );
  return {
    ok: true,
    ...partnersConsidering(matched),
    scoreable: score.scoreable,
    score: score.score,
    reasons: whyNotReasons(matched),
  };
}
