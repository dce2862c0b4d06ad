import type { ApplicationPackage } from "~/domain/applications/package";
import { formatMoney } from "~/domain/money";

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** How each buyer paid before, from the bank feed, as frozen in the package (format 2 on). */
export function PackageBuyerPayments({ pkg }: { pkg: ApplicationPackage }) {
  const evidence = pkg.buyerPayments;
  return (
    <section className="card" aria-labelledby="buyer-payments-title">
      <h2 id="buyer-payments-title">How the buyers have paid before</h2>
      {!evidence ? (
        <p className="muted">
          This package was frozen before buyer-payment evidence was part of packages, so it has none.
        </p>
      ) : evidence.buyers.length === 0 ? (
        <p className="muted">No order is financed, so there is no buyer to look for.</p>
      ) : (
        <>
          <p className="small muted">{`Deposits in the connected bank accounts from ${evidence.from} to ${evidence.to} whose payer is the buyer, as the bank named it.`}</p>
          <ul className="plain-list">
            {evidence.buyers.map((b) => (
              <li key={b.buyerName}>
                <h3>{`${b.buyerName} (${b.poNumbers.join(", ")})`}</h3>
                {b.deposits === 0 ? (
                  <p>No deposits from this buyer in the connected accounts.</p>
                ) : (
                  <>
                    <p>
                      {`${plural(b.deposits, "deposit")} totalling ${b.totals.map((t) => formatMoney(t.cents, t.currency)).join(" + ")}, from ${b.firstDate} to ${b.lastDate}.`}
                    </p>
                    <p className="small muted wrap-anywhere">{`As the bank named the payer: ${b.payerNames.join("; ")}${b.deposits > b.payerNames.length ? "…" : ""}`}</p>
                  </>
                )}
                <p>
                  {b.invoicesOnFile === 0
                    ? "No earlier invoice to this buyer on file, so no days to pay."
                    : b.averageDaysToPay === null
                      ? `${plural(b.invoicesOnFile, "earlier invoice")} on file; no deposit of its amount followed.`
                      : `${b.averageDaysToPay} days on average from invoice to payment (${b.invoicesPaired} of ${plural(b.invoicesOnFile, "earlier invoice")} matched to a deposit of its amount).`}
                </p>
              </li>
            ))}
          </ul>
          {evidence.ambiguousDeposits > 0 ? (
            <p className="small muted">{`${plural(evidence.ambiguousDeposits, "deposit")} named two of these buyers equally well and ${evidence.ambiguousDeposits === 1 ? "is" : "are"} counted for neither.`}</p>
          ) : null}
        </>
      )}
    </section>
  );
}
