import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { DealStatusBadge, InstalmentTable, PaymentTable } from "~/components/deal-ledger";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { formatDay } from "~/domain/dates";
import { PRODUCT_TYPE_LABELS, type ProductType } from "~/domain/lenders/products";
import { formatMoney } from "~/domain/money";
import { merchantDeals } from "~/domain/servicing/views.server";
import { prisma } from "~/utils/db.server";
import { requireMerchant } from "~/web/permissions.server";

export const meta: MetaFunction = () => [{ title: "What I owe — TradeLift" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireMerchant(request);
  return { deals: await merchantDeals(prisma, actor.merchantId) };
}

const day = (value: string) => formatDay(`${value}T00:00:00Z`);

export default function WhatIOwe() {
  const { deals } = useLoaderData<typeof loader>();
  return (
    <div>
      <div className="page-header">
        <div>
          <h1>What I owe</h1>
          <p>
            Each financing you received: the next payment, the schedule and the payments your lender recorded.
          </p>
        </div>
      </div>
      {deals.length === 0 ? (
        <p className="empty-state">
          Nothing: once a lender sends you funds, the repayment schedule appears here.
        </p>
      ) : (
        deals.map((deal) => (
          <section className="card" key={deal.id} aria-labelledby={`deal-${deal.id}`}>
            <h2 id={`deal-${deal.id}`}>
              {deal.lenderName}: {PRODUCT_TYPE_LABELS[deal.productType as ProductType] ?? deal.productType}{" "}
              <DealStatusBadge status={deal.status} daysPastDue={deal.ledger.daysPastDue} />
            </h2>
            <dl className="details">
              <dt>Received</dt>
              <dd>
                {formatMoney(deal.fundsProvidedCents)} on {day(deal.fundedOn)}
              </dd>
              <dt>Next payment</dt>
              <dd>
                {deal.ledger.next
                  ? `${formatMoney(deal.ledger.next.amountCents)} due on ${day(deal.ledger.next.dueOn)}`
                  : "None"}
              </dd>
              <dt>Still owed</dt>
              <dd>{formatMoney(deal.status === "WRITTEN_OFF" ? 0 : deal.ledger.outstandingCents)}</dd>
              {deal.ledger.daysPastDue > 0 ? (
                <>
                  <dt>Past due</dt>
                  <dd>{deal.ledger.daysPastDue} days</dd>
                </>
              ) : null}
              {deal.status === "CURRENT" || deal.status === "LATE" ? (
                <>
                  <dt>Repays it all today</dt>
                  <dd>{formatMoney(deal.ledger.payoffTodayCents)}</dd>
                </>
              ) : null}
              {deal.productType === "INVOICE_FACTORING" ? (
                <>
                  <dt>Rebate</dt>
                  <dd>
                    {deal.status === "PAID_OFF"
                      ? `${formatMoney(deal.rebateCents)} owed to you by ${deal.lenderName}`
                      : deal.expectedRebateCents !== null
                        ? `${formatMoney(deal.expectedRebateCents)} expected if your buyer pays the whole invoice on its due date; more if earlier`
                        : "None"}
                  </dd>
                </>
              ) : null}
            </dl>
            <p className="muted">Prepayment: {deal.prepaymentTerms}</p>
            <InstalmentTable ledger={deal.ledger} label={`Schedule with ${deal.lenderName}`} />
            <h3>Payments made</h3>
            <PaymentTable payments={deal.payments} label={`Payments to ${deal.lenderName}`} />
          </section>
        ))
      )}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
