import type { PackageScreening } from "~/domain/applications/package";

const SUBJECT: Record<string, string> = {
  MERCHANT_LEGAL: "Business (legal name)",
  MERCHANT_TRADE: "Business (trade name)",
  OWNER: "Owner",
  BUYER: "Buyer",
};

/** The package's sanctions screening at submission (docs/design/sanctions.md), for lenders. */
export function PackageScreeningSection({ screening }: { screening: PackageScreening }) {
  const hits = screening.names.flatMap((n) => n.hits.map((h) => ({ ...h, screened: n.name })));
  return (
    <section className="card" aria-labelledby="screening-title">
      <h2 id="screening-title">Sanctions screening at submission</h2>
      <p>
        {screening.list
          ? `${screening.names.length} names screened against the OFAC SDN list of ${screening.list.listDate} (SHA-256 ${screening.list.sha256.slice(0, 12)}…): ${hits.length === 0 ? "no potential match." : `${hits.length} potential match${hits.length === 1 ? "" : "es"}, reviewed by TradeLift before referral.`}`
          : "No sanctions list was loaded at submission."}
      </p>
      <ul className="plain-list">
        {screening.names.map((n) => (
          <li
            key={`${n.subjectType}-${n.name}`}
          >{`${SUBJECT[n.subjectType] ?? n.subjectType}: ${n.name}`}</li>
        ))}
      </ul>
      {hits.length > 0 ? (
        <ul className="plain-list">
          {hits.map((h) => (
            <li
              key={`${h.screened}-${h.entNum}`}
            >{`${h.screened} — ${h.listedName} (ent_num ${h.entNum}, ${h.programs}, ${h.type}), similarity ${(h.score / 10).toFixed(1)} %, ${h.status.toLowerCase()} at submission`}</li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
