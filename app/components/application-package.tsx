// The application package as a lender reads it: what was frozen at submission, with what changed
// since beside it (never in its place) and the documents added after.

import { BarChart } from "~/components/charts/bar-chart";
import { PackageBuyerPayments } from "~/components/package-buyer-payments";
import { PackageScreeningSection } from "~/components/package-screening";
import { TableScroll } from "~/components/ui/table-scroll";
import { useInstant } from "~/components/ui/when";
import type { ApplicationPackage, PackageChange } from "~/domain/applications/package";
import { PRODUCT_TYPE_LABELS, type ProductType } from "~/domain/lenders/products";
import { formatMoney } from "~/domain/money";
import {
  INCOTERM_LABELS,
  type Incoterm,
  PAYMENT_TERM_LABELS,
  type PaymentTerm,
} from "~/domain/orders/orders";
import { countryName } from "~/domain/reference/countries";
import { DOCUMENT_TYPES } from "~/domain/referrals/documents";
import { SALES_CHANNEL_LABELS, type SalesChannel } from "~/domain/sales/sales";

export type PackageDocument = {
  id: string;
  fileName: string;
  type: string;
  sizeBytes: number;
  sha256: string;
  uploadedAt: string | Date;
};

type Characteristic = { code: string; name: string; value: number | null; points: number; maxPoints: number };

const day = (value: string | Date) => new Date(value).toISOString().slice(0, 10);
const rate = (usdPerUnitE8: number) => (usdPerUnitE8 / 1e8).toPrecision(6);

export function PackageChanges({ changes }: { changes: readonly PackageChange[] }) {
  if (changes.length === 0) return null;
  return (
    <section className="card alert-info" aria-labelledby="changes-title">
      <h2 id="changes-title">Changed since submission</h2>
      <p className="small">
        The merchant changed these after submitting. The package below is what was submitted and is unchanged;
        the current values are shown here for your information.
      </p>
      <TableScroll label="Submitted and current values">
        <table>
          <thead>
            <tr>
              <th scope="col">What</th>
              <th scope="col">Field</th>
              <th scope="col">Submitted</th>
              <th scope="col">Now</th>
            </tr>
          </thead>
          <tbody>
            {changes.map((c) => (
              <tr key={`${c.section}-${c.subject}-${c.field}`}>
                <th scope="row">{c.subject}</th>
                <td>{c.field}</td>
                <td>{c.submitted}</td>
                <td>{c.current}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </section>
  );
}

export function ApplicationPackageView({
  pkg,
  intact,
  sha256,
  frozenAt,
  changes,
  documents,
  audience = "lender",
}: {
  pkg: ApplicationPackage;
  intact: boolean;
  sha256: string;
  frozenAt: string | Date;
  changes: readonly PackageChange[];
  documents: readonly PackageDocument[];
  /**
   * The merchant sees its own package without the sanctions screening: what a screening found is
   * not for the screened party (docs/design/sanctions.md, the review flow).
   */
  audience?: "lender" | "merchant";
}) {
  const minute = useInstant();
  const score = pkg.score;
  const characteristics = (score.characteristics ?? []) as Characteristic[];
  const reasons = (score.reasons ?? []) as { code: string; text: string }[];
  const profile = pkg.profile;
  return (
    <>
      {intact ? null : (
        <p className="alert alert-error" role="alert">
          This package no longer matches the fingerprint taken when it was frozen. Do not rely on it; tell
          TradeLift.
        </p>
      )}
      <PackageChanges changes={changes} />

      <div className="grid grid-2">
        <section className="card" aria-labelledby="request-title">
          <h2 id="request-title">The request</h2>
          <dl className="details">
            <dt>Amount</dt>
            <dd>{formatMoney(pkg.request.amountCents)}</dd>
            <dt>Kind</dt>
            <dd>
              {pkg.request.productTypeWanted === "ANY"
                ? "Any"
                : (PRODUCT_TYPE_LABELS[pkg.request.productTypeWanted as ProductType] ??
                  pkg.request.productTypeWanted)}
            </dd>
            <dt>Term</dt>
            <dd>{`${pkg.request.tenorDays} days`}</dd>
            <dt>Purpose</dt>
            <dd>{pkg.request.purpose}</dd>
            <dt>Submitted</dt>
            <dd>{day(pkg.submittedAt)}</dd>
          </dl>
        </section>
        <section className="card" aria-labelledby="score-title">
          <h2 id="score-title">Trade Readiness Score (frozen at submission)</h2>
          {score.scoreable ? (
            <>
              <p className="big-number">{`${score.score} · grade ${score.grade}`}</p>
              <ol className="reasons">
                {reasons.map((r) => (
                  <li key={r.code}>{r.text}</li>
                ))}
              </ol>
              <p className="muted small">{`Model ${score.modelVersion}, data as of ${score.asOf}.`}</p>
            </>
          ) : (
            <p className="muted">{score.notScoreableReason ?? "Not scoreable."}</p>
          )}
        </section>
      </div>

      {characteristics.length > 0 ? (
        <section className="card" aria-labelledby="characteristics-title">
          <h2 id="characteristics-title">Characteristics</h2>
          <TableScroll label="Score characteristics">
            <table>
              <thead>
                <tr>
                  <th scope="col">Characteristic</th>
                  <th scope="col" className="num">
                    Value
                  </th>
                  <th scope="col" className="num">
                    Points
                  </th>
                </tr>
              </thead>
              <tbody>
                {characteristics.map((c) => (
                  <tr key={c.code}>
                    <th scope="row">{c.name}</th>
                    <td className="num">
                      {c.value === null
                        ? "—"
                        : c.code === "R01"
                          ? formatMoney(Math.round(c.value), "USD", { whole: true })
                          : String(c.value)}
                    </td>
                    <td className="num">{`${c.points} / ${c.maxPoints}`}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        </section>
      ) : null}

      <section className="card" aria-labelledby="bank-title">
        <h2 id="bank-title">{`Bank evidence up to ${pkg.bank.asOf}`}</h2>
        <BarChart
          title="Monthly sales revenue from bank deposits"
          summary={`24 months up to ${pkg.bank.asOf}.`}
          data={pkg.bank.revenue.map((r) => ({ label: r.month, values: { bank: r.cents } }))}
          series={[{ key: "bank", label: "Bank deposits from sales", color: "#0b5fff" }]}
          formatValue={(cents) => formatMoney(Math.round(cents), "USD", { whole: true })}
          formatAxis={(cents) => `$${Math.round(cents / 100_000)}k`}
        />
        <div className="grid grid-2">
          <div>
            <h3>NSF and overdraft items, 90 days</h3>
            {pkg.bank.nsfItems.length === 0 ? (
              <p className="muted">None.</p>
            ) : (
              <ul className="plain-list">
                {pkg.bank.nsfItems.map((item, i) => (
                  <li
                    // biome-ignore lint/suspicious/noArrayIndexKey: two fees can share date, name and amount.
                    key={`${item.date}-${i}`}
                  >{`${item.date} · ${item.name} · ${formatMoney(item.amountCents)}`}</li>
                ))}
              </ul>
            )}
          </div>
          <div>
            <h3>Accounts (balances at submission)</h3>
            {pkg.bank.accounts.length === 0 ? (
              <p className="muted">No bank connected.</p>
            ) : (
              <ul className="plain-list">
                {pkg.bank.accounts.map((a) => (
                  <li key={a.id}>
                    {`${a.institutionName ? `${a.institutionName}: ` : ""}${a.name} ••${a.mask ?? ""} (${a.subtype ?? a.type}): ${a.currentBalanceCents === null ? "—" : formatMoney(a.currentBalanceCents, a.currency)}${a.balanceAsOf ? ` as of ${day(a.balanceAsOf)}` : ""}`}
                  </li>
                ))}
              </ul>
            )}
          </div>
        </div>
      </section>

      <section className="card" aria-labelledby="orders-title">
        <h2 id="orders-title">Orders financed</h2>
        {pkg.orders.length === 0 ? (
          <p className="muted">None: the request is not tied to specific orders.</p>
        ) : (
          <TableScroll label="Orders financed">
            <table>
              <thead>
                <tr>
                  <th scope="col">PO</th>
                  <th scope="col">Buyer</th>
                  <th scope="col">Country (OECD)</th>
                  <th scope="col">Terms</th>
                  <th scope="col">Incoterm</th>
                  <th scope="col" className="num">
                    Amount
                  </th>
                  <th scope="col" className="num">
                    In USD (rate, as of)
                  </th>
                </tr>
              </thead>
              <tbody>
                {pkg.orders.map((o) => (
                  <tr key={o.id}>
                    <td>{o.poNumber}</td>
                    <td>{o.buyerName}</td>
                    <td>{`${countryName(o.buyerCountry)} (${o.oecdCategory ?? "unknown"})`}</td>
                    <td>{`${PAYMENT_TERM_LABELS[o.paymentTerm as PaymentTerm] ?? o.paymentTerm}${o.paymentTermDays ? `, ${o.paymentTermDays} days` : ""}`}</td>
                    <td>{INCOTERM_LABELS[o.incoterm as Incoterm] ?? o.incoterm}</td>
                    <td className="num">{formatMoney(BigInt(o.amountMinor), o.currency)}</td>
                    <td className="num">
                      {o.usdCents === null
                        ? "no rate on file"
                        : `${formatMoney(BigInt(o.usdCents), "USD", { whole: true })}${o.fx?.asOfDate ? ` (${rate(o.fx.usdPerUnitE8)}, ${o.fx.asOfDate})` : ""}`}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
      </section>

      <PackageBuyerPayments pkg={pkg} />

      <section className="card" aria-labelledby="sales-title">
        <h2 id="sales-title">Marketplace sales, 24 months</h2>
        {pkg.sales.records === 0 ? (
          <p className="muted">No marketplace sales on file.</p>
        ) : (
          <>
            <p>{`${formatMoney(pkg.sales.totalNetUsdCents, "USD", { whole: true })} net over ${pkg.sales.records} records.`}</p>
            <ul className="plain-list">
              {pkg.sales.channels.map((c) => (
                <li
                  key={c.channel}
                >{`${SALES_CHANNEL_LABELS[c.channel as SalesChannel] ?? c.channel}: ${formatMoney(c.netUsdCents, "USD", { whole: true })} (${c.records} records)`}</li>
              ))}
            </ul>
            {pkg.sales.currenciesWithoutRate.length > 0 ? (
              <p className="muted small">{`Not counted (no exchange rate): ${pkg.sales.currenciesWithoutRate.join(", ")}.`}</p>
            ) : null}
          </>
        )}
      </section>

      {pkg.screening && audience === "lender" ? <PackageScreeningSection screening={pkg.screening} /> : null}

      <section className="card" aria-labelledby="business-title">
        <h2 id="business-title">The business</h2>
        <dl className="details">
          <dt>Legal name</dt>
          <dd>{`${profile.legalName}${profile.dbaName ? ` (${profile.dbaName})` : ""}`}</dd>
          <dt>EIN</dt>
          <dd>{profile.einLast4 ? `••-•••${profile.einLast4}` : "—"}</dd>
          <dt>Entity, state, founded</dt>
          <dd>{`${profile.entityType ?? "—"}, ${profile.stateOfIncorporation ?? "—"}, ${profile.yearFounded ?? "—"}`}</dd>
          <dt>Industry (NAICS)</dt>
          <dd>{profile.naicsCode ?? "—"}</dd>
          <dt>Address</dt>
          <dd>
            {[
              profile.addressLine1,
              profile.addressLine2,
              profile.city,
              profile.addressState,
              profile.postalCode,
            ]
              .filter(Boolean)
              .join(", ") || "—"}
          </dd>
          <dt>Employees, stated revenue</dt>
          <dd>{`${profile.employees ?? "—"}, ${profile.annualRevenueCents ? formatMoney(BigInt(profile.annualRevenueCents), "USD", { whole: true }) : "—"}`}</dd>
          <dt>Export markets</dt>
          <dd>{profile.exportMarkets.map(countryName).join(", ") || "—"}</dd>
          <dt>Beneficial owners</dt>
          <dd>
            {pkg.owners.map((o) => `${o.name}, ${o.title} (${o.ownershipBps / 100}%)`).join("; ") || "—"}
          </dd>
        </dl>
      </section>

      <section className="card" aria-labelledby="added-title">
        <h2 id="added-title">
          {audience === "lender" ? "Added to the package after submission" : "The package's fingerprint"}
        </h2>
        {audience === "merchant" ? null : documents.length === 0 ? (
          <p className="muted">Nothing yet.</p>
        ) : (
          <ul className="plain-list">
            {documents.map((d) => (
              // The file's own link sits with the request it answers; here it is listed as part
              // of the package, with the time it was added.
              <li key={d.id} className="wrap-anywhere">
                <span id={`added-${d.id}`}>{d.fileName}</span>
                {` · ${DOCUMENT_TYPES[d.type as keyof typeof DOCUMENT_TYPES] ?? d.type} · ${Math.ceil(d.sizeBytes / 1024)} KB · uploaded ${minute(d.uploadedAt)} · SHA-256 ${d.sha256} · `}
                <a href={`/lender/documents/${d.id}`} aria-describedby={`added-${d.id}`}>
                  open
                </a>
              </li>
            ))}
          </ul>
        )}
        <p className="muted small wrap-anywhere">{`Package frozen ${minute(frozenAt)} · SHA-256 ${sha256}`}</p>
      </section>
    </>
  );
}
