import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ScoreCard } from "~/components/score-card";
import { TableScroll } from "~/components/ui/table-scroll";
import { APPLICATION_STATUS_LABELS, type ApplicationStatus } from "~/domain/applications/workflow";
import { merchantDashboard } from "~/domain/dashboard/dashboard.server";
import { formatDay } from "~/domain/dates";
import { prisma } from "~/utils/db.server";
import { requireMerchant } from "~/web/permissions.server";

export const meta: MetaFunction = () => [{ title: "Dashboard — TradeLift" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireMerchant(request);
  return { userName: actor.name, ...(await merchantDashboard(prisma, actor.merchantId)) };
}

const statusLabel = (status: string) => APPLICATION_STATUS_LABELS[status as ApplicationStatus] ?? status;

export default function MerchantDashboard() {
  const { userName, business, completeness, evidence, score, needs, applications } =
    useLoaderData<typeof loader>();
  const remaining = completeness.sections.filter((section) => !section.done);
  const steps = [
    {
      key: "profile",
      done: completeness.complete,
      text: "Complete your business profile",
      to: "/merchant/profile",
    },
    {
      key: "bank",
      done: evidence.activeConnections > 0,
      text:
        evidence.loginRequired > 0
          ? "Reconnect your bank: it needs you to sign in again"
          : "Connect your business bank account (24 months of history)",
      to: "/merchant/bank",
    },
    {
      key: "orders",
      done: evidence.openOrders > 0,
      text: "Add your open export orders",
      to: "/merchant/orders",
    },
    {
      key: "sales",
      done: evidence.salesRecords > 0,
      text: "Import marketplace sales (optional)",
      to: "/merchant/sales/import",
    },
  ];
  return (
    <>
      <div className="page-header">
        <div>
          <h1>{business.dbaName ?? business.legalName}</h1>
          <p>Welcome back, {userName}.</p>
        </div>
      </div>
      <section className="card" aria-labelledby="needs-title">
        <h2 id="needs-title">Needs you now</h2>
        {needs.length === 0 ? (
          <p className="muted">
            Nothing is waiting for you: no lender's question, offer or draft needs an answer.
          </p>
        ) : (
          <ul className="needs-list">
            {needs.map((need) => (
              <li key={need.key} className={need.urgent ? "need need-urgent" : "need"}>
                <div>
                  <p className="need-title">
                    <Link to={need.href}>{need.title}</Link>
                  </p>
                  {need.detail ? <p className="small">{need.detail}</p> : null}
                  {need.when && need.deadline ? (
                    <p className="small">
                      <time className="need-when" dateTime={need.deadline}>
                        {need.when}
                      </time>
                      <span className="muted">{` (${formatDay(need.deadline)})`}</span>
                    </p>
                  ) : null}
                </div>
                <Link to={need.href} className="button button-secondary" aria-hidden="true" tabIndex={-1}>
                  {need.action}
                </Link>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className="card" aria-labelledby="applications-title">
        <div className="section-header">
          <h2 id="applications-title">Your applications</h2>
          <Link to="/merchant/applications/new" className="button button-primary">
            Start an application
          </Link>
        </div>
        {applications.length === 0 ? (
          <p className="muted">
            None yet. Your score, bank history and export orders go with your application;{" "}
            <Link to="/merchant/options">check your options</Link> first if you like.
          </p>
        ) : (
          <TableScroll label="Your applications">
            <table>
              <thead>
                <tr>
                  <th scope="col">Started</th>
                  <th scope="col" className="num">
                    Amount
                  </th>
                  <th scope="col">Status</th>
                  <th scope="col" className="num">
                    Lenders
                  </th>
                </tr>
              </thead>
              <tbody>
                {applications.map((a) => (
                  <tr key={a.id}>
                    <td>
                      <Link to={`/merchant/applications/${a.id}`}>{formatDay(a.startedAt)}</Link>
                    </td>
                    <td className="num">{`${a.amount} · ${a.tenorDays} d`}</td>
                    <td>{statusLabel(a.status)}</td>
                    <td className="num">{a.lenders}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
        <p className="small">
          <Link to="/merchant/applications">See every application</Link>
        </p>
      </section>
      <div className="grid grid-2">
        <section className="card" aria-labelledby="dashboard-score-title">
          <h2 id="dashboard-score-title">Trade Readiness Score</h2>
          {score ? (
            <ScoreCard summary={score} />
          ) : (
            <p className="alert alert-error">
              An open export order is in a currency without an exchange rate;{" "}
              <Link to="/merchant/score">see the score page</Link>.
            </p>
          )}
        </section>
        <section className="card" aria-labelledby="profile-title">
          <h2 id="profile-title">Business profile</h2>
          <p>
            <strong>{completeness.percent}% complete</strong>
          </p>
          <progress
            className="progress-bar"
            max={100}
            value={completeness.percent}
            aria-labelledby="profile-title"
          >
            {completeness.percent}%
          </progress>
          <ul className="checklist">
            {completeness.sections.map((section) => (
              <li key={section.key}>
                <span className={section.done ? "check-done" : "check-open"} aria-hidden="true">
                  {section.done ? "✓" : "○"}
                </span>
                <span>
                  {section.label}
                  <span className="visually-hidden">{section.done ? " (done)" : " (to do)"}</span>
                </span>
              </li>
            ))}
          </ul>
          <div className="button-row">
            <Link
              to="/merchant/profile"
              className={`button ${completeness.complete ? "button-secondary" : "button-primary"}`}
            >
              {completeness.complete ? "Review your profile" : "Complete your profile"}
            </Link>
          </div>
        </section>
        <section className="card" aria-labelledby="next-title">
          <h2 id="next-title">Next steps</h2>
          <ul className="checklist">
            {steps.map((step) => (
              <li key={step.key}>
                <span className={step.done ? "check-done" : "check-open"} aria-hidden="true">
                  {step.done ? "✓" : "○"}
                </span>
                <span>
                  {step.done ? step.text : <Link to={step.to}>{step.text}</Link>}
                  <span className="visually-hidden">{step.done ? " (done)" : " (to do)"}</span>
                </span>
              </li>
            ))}
          </ul>
          <p className="muted small">
            {`${evidence.transactions.toLocaleString("en-US")} bank transactions · ${evidence.openOrders} open export orders · ${evidence.salesRecords} marketplace sales rows on file.`}
          </p>
          <p className="muted small">
            Optional: <Link to="/merchant/demographics">answer the demographic questions</Link> (never shown
            to lenders).
          </p>
          {remaining.length > 0 ? (
            <p>
              Lenders need a complete profile before they can consider your business. {remaining.length}{" "}
              section
              {remaining.length === 1 ? " is" : "s are"} still missing:{" "}
              {remaining.map((s) => s.label.toLowerCase()).join("; ")}.
            </p>
          ) : (
            <p>
              Your profile is complete. Keep it current: lenders see the profile as it stands when you apply.
            </p>
          )}
          <p className="muted small">
            Your EIN is stored encrypted and shown only masked. Owners' details are shared with a lender only
            when you apply and your application is sent to it.
          </p>
        </section>
      </div>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
