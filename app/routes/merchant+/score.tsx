import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ScoreCard } from "~/components/score-card";
import { TableScroll } from "~/components/ui/table-scroll";
import { When } from "~/components/ui/when";
import { MissingFxRateError } from "~/domain/fx";
import { formatMoney } from "~/domain/money";
import { PAYMENT_TERM_LABELS, type PaymentTerm } from "~/domain/orders/orders";
import { improvementHints } from "~/domain/scoring/reasons";
import { currentScoreReport } from "~/domain/scoring/score.server";
import { RAW_MAX } from "~/domain/scoring/scorecard";
import { prisma } from "~/utils/db.server";
import { requireMerchant } from "~/web/permissions.server";

export const meta: MetaFunction = () => [{ title: "Trade Readiness Score — TradeLift" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireMerchant(request);
  try {
    const report = await currentScoreReport(prisma, actor.merchantId);
    // A merchant with a score reads what would raise it; principal reasons are for notices.
    const hints = report.scoreable ? improvementHints(report.features, report.characteristics) : [];
    return { report, hints, problem: null };
  } catch (error) {
    if (error instanceof MissingFxRateError) {
      return {
        report: null,
        hints: [],
        problem: `An open export order is in ${error.currency}, for which TradeLift has no exchange rate yet, so the score cannot be computed. Change the order's currency or ask TradeLift support to add the rate.`,
      };
    }
    throw error;
  }
}

type Report = NonNullable<Awaited<ReturnType<typeof loader>>["report"]>;

const pct = (value: number) => `${(value * 100).toFixed(1)}%`;

function displayValue(code: string, value: number | null, report: Report): string {
  if (value === null) {
    if (code === "R12") return "year founded not provided";
    if ((code === "R09" || code === "R10") && report.features.openReceivablesUsdCents === 0)
      return "no open export orders";
    return "no data";
  }
  const f = report.features;
  switch (code) {
    case "R01":
      return `${formatMoney(Math.round(value), "USD", { whole: true })} a month (${f.revenueMonths} months, from ${f.revenueSource === "bank" ? "bank deposits" : "marketplace reports"})`;
    case "R02":
      return `${value >= 0 ? "+" : ""}${pct(value)} (last 3 months vs the 3 before)`;
    case "R03":
      return `${value.toFixed(2)} (standard deviation ÷ mean)`;
    case "R04":
      return `${value} in 90 days`;
    case "R05":
      return `${value} days in 90`;
    case "R06":
      return `${value.toFixed(1)} days (average balance ${formatMoney(f.averageDailyBalanceCents, "USD", { whole: true })})`;
    case "R07":
      return pct(value);
    case "R08":
      return `${pct(value)} (HHI ${f.payerHhi?.toFixed(2) ?? "—"})`;
    case "R09":
      return `category ${value.toFixed(1)}, amount-weighted`;
    case "R10":
      return Object.entries(f.paymentTermShares)
        .sort((a, b) => b[1] - a[1])
        .map(([term, share]) => `${PAYMENT_TERM_LABELS[term as PaymentTerm] ?? term} ${pct(share)}`)
        .join(" · ");
    case "R11":
      return `${value} months`;
    case "R12":
      return `${value} years`;
    default:
      return String(value);
  }
}

export default function Score() {
  const { report, hints, problem } = useLoaderData<typeof loader>();
  if (!report) {
    return (
      <div className="card card-medium">
        <h1>Trade Readiness Score</h1>
        <p className="alert alert-error">{problem}</p>
      </div>
    );
  }
  const f = report.features;
  return (
    <>
      <div className="page-header">
        <div>
          <h1>Trade Readiness Score</h1>
          <p>
            {`Model ${report.modelVersion}. Computed `}
            <When at={report.computedAt} />
            {" from the data below; it is computed again whenever that data changes."}
          </p>
        </div>
      </div>
      <div className="grid grid-2">
        <section className="card" aria-labelledby="score-title">
          <h2 id="score-title">Your score</h2>
          <ScoreCard summary={report} link={false} />
        </section>
        {report.scoreable ? (
          <section className="card" aria-labelledby="raise-title">
            <h2 id="raise-title">What would raise your score</h2>
            {hints.length === 0 ? (
              <p>Nothing: every characteristic earns its full points.</p>
            ) : (
              <ol className="reasons">
                {hints.map((hint) => (
                  <li key={hint.code}>
                    {`${hint.fact} ${hint.action} `}
                    <span className="muted small">{`(up to ${hint.pointsAvailable} of ${RAW_MAX} points)`}</span>
                  </li>
                ))}
              </ol>
            )}
            <p className="muted small">
              The characteristics with the most points still to gain, at most four. The table below shows
              every one.
            </p>
          </section>
        ) : (
          <section className="card" aria-labelledby="reasons-title">
            <h2 id="reasons-title">Why there is no score yet</h2>
            <ol className="reasons">
              {report.reasons.map((reason) => (
                <li key={reason.code}>{reason.text}</li>
              ))}
            </ol>
          </section>
        )}
      </div>

      <section className="card" aria-labelledby="characteristics-title">
        <h2 id="characteristics-title">How the score is made</h2>
        <TableScroll label="Characteristics of the score">
          <table className="stack-on-phone">
            <thead>
              <tr>
                <th scope="col">Characteristic</th>
                <th scope="col">Your value</th>
                <th scope="col" className="num">
                  Points
                </th>
                <th scope="col">What would raise it</th>
              </tr>
            </thead>
            <tbody>
              {report.characteristics.map((c) => (
                <tr key={c.code}>
                  <th scope="row">{c.name}</th>
                  <td data-label="Your value">{displayValue(c.code, c.value, report)}</td>
                  <td className="num" data-label="Points">{`${c.points} / ${c.maxPoints}`}</td>
                  <td className="small" data-label="What would raise it">
                    {c.points === c.maxPoints ? "Already at the maximum." : c.improve}
                  </td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">Total</th>
                <td className="stack-empty" />
                <td className="num" data-label="Points">{`${report.rawPoints} / ${RAW_MAX}`}</td>
                <td className="small" data-label="Scale">
                  Scaled to 0–1000. Grades: A ≥ 800, B ≥ 650, C ≥ 500, D ≥ 350, E below.
                </td>
              </tr>
            </tfoot>
          </table>
        </TableScroll>
      </section>

      <section className="card" aria-labelledby="data-title">
        <h2 id="data-title">The data it was computed from</h2>
        <dl className="details">
          <dt>As of</dt>
          <dd>{report.asOf}</dd>
          <dt>Bank accounts</dt>
          <dd>{report.dataSummary.accounts}</dd>
          <dt>Bank transactions</dt>
          <dd>
            {report.dataSummary.transactions > 0
              ? `${report.dataSummary.transactions.toLocaleString("en-US")} from ${report.dataSummary.firstTransactionDate} to ${report.dataSummary.lastTransactionDate}`
              : "none"}
          </dd>
          <dt>Marketplace sales rows</dt>
          <dd>{report.dataSummary.salesRecords}</dd>
          <dt>Open export orders</dt>
          <dd>
            {report.dataSummary.openOrders > 0
              ? `${report.dataSummary.openOrders}, worth ${formatMoney(f.openReceivablesUsdCents, "USD", { whole: true })}; weighted tenor ${f.weightedTenorDays ?? "—"} days; largest buyer ${f.largestBuyerShare === null ? "—" : pct(f.largestBuyerShare)}; ${f.buyersSeenPaying} of ${f.buyersWithOpenOrders} buyers already seen paying you`
              : "none"}
          </dd>
          <dt>Years in business</dt>
          <dd>{f.yearsInBusiness ?? "year founded missing from the profile"}</dd>
        </dl>
        <p className="muted small">
          Missing something? <Link to="/merchant/bank">Connect a bank account</Link>,{" "}
          <Link to="/merchant/orders">add export orders</Link> or{" "}
          <Link to="/merchant/sales/import">import marketplace sales</Link>.
        </p>
      </section>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
