import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { StatusBadge } from "~/components/status-badge";
import { DownloadCsvLink } from "~/components/ui/download-csv-link";
import { ErrorList } from "~/components/ui/field";
import { FilterSelect, optionsOf } from "~/components/ui/filter-select";
import { Pagination } from "~/components/ui/pagination";
import { TableScroll } from "~/components/ui/table-scroll";
import {
  REFERRAL_STATUS_LABELS,
  REFERRAL_STATUSES,
  type ReferralStatus,
} from "~/domain/applications/workflow";
import { lenderWork } from "~/domain/dashboard/dashboard.server";
import { formatDay } from "~/domain/dates";
import { lenderQueue, parseQueueFilter } from "~/domain/lenders/queue.server";
import { formatMoney } from "~/domain/money";
import { prisma } from "~/utils/db.server";
import { requireLender } from "~/web/permissions.server";

export const meta: MetaFunction = () => [{ title: "Review queue — TradeLift" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireLender(request);
  const params = new URL(request.url).searchParams;
  const filter = parseQueueFilter(params);
  const [{ summary, referrals }, work] = await Promise.all([
    lenderQueue(prisma, actor.lenderOrgId, filter, actor.id),
    lenderWork(prisma, { lenderOrgId: actor.lenderOrgId, userId: actor.id }),
  ]);
  return { orgName: actor.lenderOrgName, lenderRole: actor.lenderRole, ...summary, referrals, filter, work };
}

// Every status of the referral table, accepted, funded and closed included, in its own words.
const statusLabel = (status: string) => REFERRAL_STATUS_LABELS[status as ReferralStatus] ?? status;
const STATUS_OPTIONS = optionsOf(REFERRAL_STATUSES, statusLabel);
const GRADE_OPTIONS = optionsOf(["A", "B", "C", "D", "E"], (grade) => grade);
const ASSIGNEE_OPTIONS = [
  { value: "me", label: "To me" },
  { value: "unassigned", label: "Nobody" },
];
const SORT_OPTIONS = [
  { value: "newest", label: "Newest first" },
  { value: "oldest", label: "Oldest first" },
  { value: "amount", label: "Largest amount" },
  { value: "score", label: "Highest score" },
];

export default function LenderQueue() {
  const { orgName, orgStatus, total, byStatus, activeProducts, referrals, filter, work } =
    useLoaderData<typeof loader>();
  return (
    <>
      <div className="page-header">
        <div>
          <h1>Review queue</h1>
          <p>
            {orgName} · <StatusBadge status={orgStatus} />
          </p>
        </div>
        {/* An amount filter that cannot be read is shown at its field; no file until it is fixed. */}
        {total > 0 && Object.keys(filter.amountProblems).length === 0 ? (
          <DownloadCsvLink href="/lender/referrals.csv" />
        ) : null}
      </div>
      {orgStatus !== "ACTIVE" ? (
        <div className="alert alert-info">
          <p>
            {orgStatus === "PENDING"
              ? "Your organisation is being onboarded: TradeLift starts sending applications once an admin activates it."
              : "Your organisation is suspended: no new applications are sent to it."}
          </p>
        </div>
      ) : null}
      <YourWork work={work} />
      {total === 0 ? (
        <div className="card empty-state">
          <h2>No applications yet</h2>
          <p>
            Applications appear here when a merchant applies and matches one of your products
            {activeProducts === 0 ? " — you have no active products yet" : ""}.
          </p>
        </div>
      ) : (
        <>
          <div className="grid grid-4">
            {byStatus.map((row) => (
              <div className="stat" key={row.status}>
                <p className="stat-label">{statusLabel(row.status)}</p>
                <p className="stat-value">{row.count}</p>
              </div>
            ))}
          </div>
          <Form method="get" className="card filter-bar" aria-label="Filter the queue">
            <FilterSelect
              id="queue-status"
              name="status"
              label="Status"
              value={filter.status}
              options={STATUS_OPTIONS}
            />
            <FilterSelect
              id="queue-product"
              name="productId"
              label="Product"
              value={filter.productId}
              options={referrals.products.map((p) => ({ value: p.id, label: p.name }))}
            />
            <div className="field">
              <label htmlFor="queue-min">From $</label>
              <input
                id="queue-min"
                name="minAmountCents"
                inputMode="decimal"
                defaultValue={filter.amountInput.minAmountCents ?? ""}
                aria-invalid={filter.amountProblems.minAmountCents ? true : undefined}
                aria-describedby={filter.amountProblems.minAmountCents ? "queue-min-error" : undefined}
              />
              <ErrorList
                id="queue-min-error"
                errors={filter.amountProblems.minAmountCents ? [filter.amountProblems.minAmountCents] : null}
              />
            </div>
            <div className="field">
              <label htmlFor="queue-max">To $</label>
              <input
                id="queue-max"
                name="maxAmountCents"
                inputMode="decimal"
                defaultValue={filter.amountInput.maxAmountCents ?? ""}
                aria-invalid={filter.amountProblems.maxAmountCents ? true : undefined}
                aria-describedby={filter.amountProblems.maxAmountCents ? "queue-max-error" : undefined}
              />
              <ErrorList
                id="queue-max-error"
                errors={filter.amountProblems.maxAmountCents ? [filter.amountProblems.maxAmountCents] : null}
              />
            </div>
            <FilterSelect
              id="queue-grade"
              name="grade"
              label="Grade"
              value={filter.grade}
              options={GRADE_OPTIONS}
            />
            <div className="field">
              <label htmlFor="queue-country">Buyer country (ISO)</label>
              <input
                id="queue-country"
                name="buyerCountry"
                maxLength={2}
                defaultValue={filter.buyerCountry ?? ""}
              />
            </div>
            <div className="field">
              <label htmlFor="queue-age">Received in the last (days)</label>
              <input
                id="queue-age"
                name="maxAgeDays"
                inputMode="numeric"
                defaultValue={filter.maxAgeDays ? String(filter.maxAgeDays) : ""}
              />
            </div>
            <FilterSelect
              id="queue-assignee"
              name="assignee"
              label="Assigned"
              value={filter.assignee}
              options={ASSIGNEE_OPTIONS}
              allLabel="Anyone"
            />
            <FilterSelect
              id="queue-sort"
              name="sort"
              label="Sort"
              value={filter.sort}
              options={SORT_OPTIONS}
              allLabel={null}
            />
            <button type="submit" className="button button-secondary">
              Filter
            </button>
          </Form>
          <TableScroll label="Referrals" className="card">
            <table>
              <thead>
                <tr>
                  <th scope="col">Received</th>
                  <th scope="col">Merchant</th>
                  <th scope="col" className="num">
                    Amount
                  </th>
                  <th scope="col">Product</th>
                  <th scope="col" className="num">
                    Score
                  </th>
                  <th scope="col">Status</th>
                  <th scope="col">Assigned</th>
                </tr>
              </thead>
              <tbody>
                {referrals.rows.map((r) => (
                  <tr key={r.id}>
                    <td>{new Date(r.createdAt).toISOString().slice(0, 10)}</td>
                    <td>
                      <Link to={`/lender/referrals/${r.id}`}>{r.merchantName}</Link>
                    </td>
                    <td className="num">{`${formatMoney(r.requestedAmountCents, "USD", { whole: true })} · ${r.tenorDays} d`}</td>
                    <td>{r.productName}</td>
                    <td className="num">{r.score === null ? "—" : `${r.score} ${r.grade ?? ""}`}</td>
                    <td>{statusLabel(r.status)}</td>
                    <td>{r.assigneeName ?? "—"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
          {referrals.pages > 1 ? (
            <Pagination page={filter.page} pages={referrals.pages} summary={`${referrals.total} referrals`} />
          ) : null}
        </>
      )}
    </>
  );
}

type Work = ReturnType<typeof useLoaderData<typeof loader>>["work"];

/** What is assigned to this person and what falls due for the organisation, each a link to its referral. */
function YourWork({ work }: { work: Work }) {
  const groups = [
    {
      key: "assigned",
      title: "Assigned to you",
      empty: "Nothing is assigned to you.",
      action: "Open the referral",
      rows: work.assigned.map((r) => ({
        key: r.referralId,
        href: r.href,
        name: r.merchantName,
        detail: `${statusLabel(r.status)} · received ${formatDay(r.receivedAt)}`,
      })),
    },
    {
      key: "answers",
      title: "Answers waiting for you",
      empty: "No merchant's answer is waiting.",
      action: "Read the answer",
      rows: work.answersWaiting.map((r) => ({
        key: r.referralId,
        href: r.href,
        name: r.merchantName,
        detail: `answered ${r.answeredAt ? formatDay(r.answeredAt) : ""}${r.assigneeName ? ` · ${r.assigneeName}` : " · not assigned"}`,
      })),
    },
    {
      key: "expiring",
      title: "Offers about to expire",
      empty: "No offer expires in the next three days.",
      action: "See the offer",
      rows: work.offersExpiring.map((o) => ({
        key: o.offerId,
        href: o.href,
        name: o.merchantName,
        detail: `${o.amount} · ${o.when}`,
      })),
    },
    {
      key: "funding",
      title: "Accepted, waiting for funding",
      empty: "No accepted offer waits for its funding.",
      action: "Record the funding",
      rows: work.awaitingFunding.map((o) => ({
        key: o.offerId,
        href: o.href,
        name: o.merchantName,
        detail: `${o.amount} · accepted ${o.acceptedAt ? formatDay(o.acceptedAt) : ""}`,
      })),
    },
  ];
  return (
    <section className="card" aria-labelledby="work-title">
      <h2 id="work-title">Your work</h2>
      <div className="grid grid-2">
        {groups.map((group) => (
          <div key={group.key}>
            <h3 id={`work-${group.key}`}>{`${group.title} (${group.rows.length})`}</h3>
            {group.rows.length === 0 ? (
              <p className="muted small">{group.empty}</p>
            ) : (
              <ul className="needs-list" aria-labelledby={`work-${group.key}`}>
                {group.rows.map((row) => (
                  <li key={row.key} className="need">
                    {/* The merchant's name is the queue's link; here the link says what to do, and
                        the name describes it. */}
                    <p id={`work-${group.key}-${row.key}`}>
                      <strong>{row.name}</strong>
                      <br />
                      <span className="small muted">{row.detail}</span>
                    </p>
                    <Link to={row.href} aria-describedby={`work-${group.key}-${row.key}`}>
                      {group.action}
                    </Link>
                  </li>
                ))}
              </ul>
            )}
          </div>
        ))}
      </div>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
