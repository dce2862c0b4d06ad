import { Fragment } from "react";
import { type DisclosureFigures, disclosureLines } from "~/domain/offers/acceptance";

/**
 * The disclosure exactly as the merchant sees it: the same lines are kept, word for word, with an
 * accepted offer (app/domain/offers/acceptance.ts).
 */
export function DisclosureTable({
  disclosure,
  basis = [],
}: {
  disclosure: DisclosureFigures;
  /** What the figures rest on (face value, advance, fee deducted), shown before them. */
  basis?: { label: string; value: string }[];
}) {
  return (
    <dl className="details disclosure">
      {[...basis, ...disclosureLines(disclosure)].map((line) => (
        <Fragment key={line.label}>
          <dt>{line.label}</dt>
          <dd>{line.label === "Estimated APR" ? <strong>{line.value}</strong> : line.value}</dd>
        </Fragment>
      ))}
    </dl>
  );
}
