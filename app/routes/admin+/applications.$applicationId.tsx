import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { AdminNotices } from "~/components/notices";
import { TableScroll } from "~/components/ui/table-scroll";
import { When } from "~/components/ui/when";
import { recordAudit } from "~/domain/audit/audit.server";
import { PRODUCT_TYPE_LABELS, type ProductType } from "~/domain/lenders/products";
import { explainApplication } from "~/domain/matching/explain.server";
import { stateName } from "~/domain/matching/why-not";
import { formatMoney } from "~/domain/money";
import { listNoticeContents } from "~/domain/notices/notices.server";
import { PAYMENT_TERM_LABELS, type PaymentTerm } from "~/domain/orders/orders";
import { countryName } from "~/domain/reference/countries";
import { prisma } from "~/utils/db.server";
import { notFound } from "~/utils/http.server";
import { requireAdmin } from "~/web/permissions.server";

export const meta: MetaFunction = () => [{ title: "Application matching — TradeLift" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireAdmin(request);
  const explained = await explainApplication(prisma, params.applicationId ?? "");
  if (!explained) notFound("This application does not exist.");
  // Viewing an application's evidence is an access to customer data: it is audited.
  await recordAudit(prisma, {
    actor: { id: actor.id, role: actor.role },
    action: "admin.application_viewed",
    entityType: "Application",
    entityId: explained.application.id,
  });
  return {
    ...explained,
    notices: await listNoticeContents(prisma, explained.application.id),
    merchant: explained.merchant,
    report: explained.report
      ? { score: explained.report.score, grade: explained.report.grade, frozenAt: explained.report.frozenAt }
      : null,
  };
}

export default function ApplicationMatching() {
  const { application, orders, merchant, report, rows, submission, notices } = useLoaderData<typeof loader>();
  const eligible = rows.filter((r) => r.rank !== null).length;
  return (
    <>
      <div className="page-header">
        <div>
          <p>
            <Link to="/admin/applications">← Applications</Link>
          </p>
          <h1>{`${application.merchant.legalName}: ${formatMoney(application.requestedAmountCents, "USD", { whole: true })}`}</h1>
          <p>{`${application.status.toLowerCase()} · ${application.tenorDays} days · ${application.productTypeWanted === "ANY" ? "any kind" : (PRODUCT_TYPE_LABELS[application.productTypeWanted as ProductType] ?? application.productTypeWanted)}`}</p>
        </div>
      </div>
      <AdminNotices notices={notices} />
      <section className="card" aria-labelledby="inputs-title">
        <h2 id="inputs-title">What matching compared</h2>
        <dl className="details">
          <dt>Score</dt>
          <dd>
            {report?.score === null || !report
              ? "not scoreable"
              : `${report.score} (grade ${report.grade})${report.frozenAt ? ", frozen at submission" : ", current"}`}
          </dd>
          <dt>Months in business</dt>
          <dd>{merchant.monthsInBusiness ?? "unknown"}</dd>
          <dt>Annual revenue</dt>
          <dd>{formatMoney(merchant.annualRevenueCents, "USD", { whole: true })}</dd>
          <dt>State of the business address</dt>
          <dd>{merchant.state ? `${stateName(merchant.state)} (${merchant.state})` : "not provided"}</dd>
          <dt>Industry (NAICS)</dt>
          <dd>{merchant.naicsCode ?? "—"}</dd>
          <dt>Orders financed</dt>
          <dd>
            {orders.length === 0
              ? "none attached"
              : orders
                  .map(
                    (o) =>
                      `${o.poNumber} (${countryName(o.buyerCountry)}, ${PAYMENT_TERM_LABELS[o.paymentTerm as PaymentTerm] ?? o.paymentTerm})`,
                  )
                  .join("; ")}
          </dd>
        </dl>
      </section>
      {submission ? (
        <section className="card" aria-labelledby="submitted-title">
          <h2 id="submitted-title">Matching at submission</h2>
          <p className="muted small">
            {"As recorded when the application was sent, "}
            <When at={submission.at} />
            {": "}
            {submission.eligible === null
              ? `${submission.referred} referred.`
              : `${submission.eligible} eligible product${submission.eligible === 1 ? "" : "s"}, ${submission.referred} referred${submission.cutByLimit ? `, ${submission.cutByLimit} left out by the referral limit (the lowest ranked)` : ""}.`}
          </p>
          {submission.referrals.length === 0 ? (
            <p>No product was referred.</p>
          ) : (
            <TableScroll label="Products referred">
              <table>
                <thead>
                  <tr>
                    <th scope="col">Rank</th>
                    <th scope="col">Lender and product</th>
                    <th scope="col">Indicative APR</th>
                    <th scope="col">Referral</th>
                  </tr>
                </thead>
                <tbody>
                  {submission.referrals.map((r) => (
                    <tr key={r.id}>
                      <td>{r.rematched ? `${r.rank} (re-match)` : r.rank}</td>
                      <td>
                        {r.lender}
                        <br />
                        <span className="muted small">{`${r.product} · ${PRODUCT_TYPE_LABELS[r.type as ProductType] ?? r.type}`}</span>
                      </td>
                      <td>
                        {r.indicativeAprBps === null ? "—" : `${(r.indicativeAprBps / 100).toFixed(2)}%`}
                      </td>
                      <td>{r.status.toLowerCase().replaceAll("_", " ")}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
          )}
        </section>
      ) : null}
      <section className="card" aria-labelledby="products-title">
        <h2 id="products-title">{`Re-run today: ${eligible} of ${rows.length} products eligible`}</h2>
        <p className="muted small">
          Matching run again now, against every product as it is today (not what the lenders saw at
          submission), with the evidence above.
        </p>
        <TableScroll label="Why each product matched or not">
          <table>
            <thead>
              <tr>
                <th scope="col">Lender and product</th>
                <th scope="col">Result</th>
                <th scope="col">Criteria not met</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.productId}>
                  <td>
                    {row.lender}
                    <br />
                    <span className="muted small">{row.product}</span>
                  </td>
                  <td>
                    {row.rank === null ? (
                      <span className="badge badge-bad">Not eligible</span>
                    ) : (
                      <span className="badge badge-ok">{`Eligible, rank ${row.rank}`}</span>
                    )}
                  </td>
                  <td className="small">
                    {row.failures.length === 0 ? (
                      "—"
                    ) : (
                      <ul className="plain-list">
                        {row.failures.map((f) => (
                          <li key={`${f.criterion}-${f.actual}`}>
                            <strong>{f.label}</strong>
                            {`: ${f.text}`}
                          </li>
                        ))}
                      </ul>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      </section>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
