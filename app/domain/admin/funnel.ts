// The marketplace funnel: of the referrals made, how many got an offer, had an offer accepted and
// were funded, with the conversion between steps and the time lenders take to a first offer; for
// the whole platform, per partner and per month of referral. Pure: the counting, over rows the
// server reads.

export type FunnelReferral = {
  lenderOrgId: string;
  lenderName: string;
  referredAt: Date;
  /** When the first offer on this referral was made (null: none). */
  firstOfferAt: Date | null;
  accepted: boolean;
  funded: boolean;
};

export type FunnelRow = {
  referred: number;
  offered: number;
  accepted: number;
  funded: number;
  /** Median hours from referral to first offer, over referrals that got one (null: none did). */
  medianHoursToFirstOffer: number | null;
};

export type Funnel = {
  total: FunnelRow;
  byPartner: (FunnelRow & { lenderOrgId: string; lenderName: string })[];
  /** Months of referral, "YYYY-MM" in UTC, oldest first. */
  byMonth: (FunnelRow & { month: string })[];
};

function row(referrals: readonly FunnelReferral[]): FunnelRow {
  const hours = referrals
    .filter((r) => r.firstOfferAt !== null)
    .map((r) => ((r.firstOfferAt as Date).getTime() - r.referredAt.getTime()) / 3_600_000)
    .sort((a, b) => a - b);
  return {
    referred: referrals.length,
    offered: hours.length,
    accepted: referrals.filter((r) => r.accepted).length,
    funded: referrals.filter((r) => r.funded).length,
    medianHoursToFirstOffer: median(hours),
  };
}

export function median(sorted: readonly number[]): number | null {
  if (sorted.length === 0) return null;
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

function groupBy<K>(
  items: readonly FunnelReferral[],
  key: (item: FunnelReferral) => K,
): Map<K, FunnelReferral[]> {
  const groups = new Map<K, FunnelReferral[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

export function monthOf(date: Date): string {
  return date.toISOString().slice(0, 7);
}

export function funnel(referrals: readonly FunnelReferral[]): Funnel {
  const byPartner = [...groupBy(referrals, (r) => r.lenderOrgId).values()]
    .map((group) => ({
      lenderOrgId: group[0]?.lenderOrgId ?? "",
      lenderName: group[0]?.lenderName ?? "",
      ...row(group),
    }))
    .sort((a, b) => b.referred - a.referred || a.lenderName.localeCompare(b.lenderName));
  const byMonth = [...groupBy(referrals, (r) => monthOf(r.referredAt)).entries()]
    .map(([month, group]) => ({ month, ...row(group) }))
    .sort((a, b) => a.month.localeCompare(b.month));
  return { total: row(referrals), byPartner, byMonth };
}

/** "43%" of a step over the one before it; "—" when the one before is empty. */
export function conversion(part: number, whole: number): string {
  return whole === 0 ? "—" : `${Math.round((part / whole) * 100)}%`;
}

/** "5 h", "2 d 4 h", "—": a duration people read at a glance. */
export function formatHours(hours: number | null): string {
  if (hours === null) return "—";
  if (hours < 1) return `${Math.max(1, Math.round(hours * 60))} min`;
  if (hours < 48) return `${Math.round(hours)} h`;
  const days = Math.floor(hours / 24);
  const rest = Math.round(hours - days * 24);
  return rest === 0 ? `${days} d` : `${days} d ${rest} h`;
}
