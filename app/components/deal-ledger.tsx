// A deal's schedule and payments, as the lender and the merchant both see them.
import { TableScroll } from "~/components/ui/table-scroll";
import { formatDay } from "~/domain/dates";
import { formatMoney } from "~/domain/money";
import type { InstalmentState, Ledger } from "~/domain/servicing/ledger";
import { DEAL_WORKFLOW, type DealStatus } from "~/domain/servicing/workflow";

const STATE_LABELS: Record<InstalmentState, string> = {
  PAID: "Paid",
  PARTLY_PAID: "Partly paid",
  DUE: "Due",
  PAST_DUE: "Past due",
  SETTLED_EARLY: "Settled early",
};

const DEAL_TONE: Record<DealStatus, string> = {
  CURRENT: "badge-ok",
  LATE: "badge-bad",
  PAID_OFF: "badge-ok",
  WRITTEN_OFF: "badge-warn",
};

export function DealStatusBadge({ status, daysPastDue }: { status: DealStatus; daysPastDue: number }) {
  return (
    <span className={`badge ${DEAL_TONE[status]}`}>
      {DEAL_WORKFLOW.labels[status]}
      {status === "LATE" && daysPastDue > 0
        ? `, ${daysPastDue} ${daysPastDue === 1 ? "day" : "days"} past due`
        : ""}
    </span>
  );
}

export function InstalmentTable({ ledger, label }: { ledger: Ledger; label: string }) {
  return (
    <TableScroll label={label}>
      <table>
        <caption>{label}</caption>
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">Due</th>
            <th scope="col" className="num">
              Amount
            </th>
            <th scope="col" className="num">
              Paid
            </th>
            <th scope="col" className="num">
              Left
            </th>
            <th scope="col">State</th>
          </tr>
        </thead>
        <tbody>
          {ledger.instalments.map((i) => (
            <tr key={i.number}>
              <td>{i.number}</td>
              <td>{formatDay(`${i.dueOn}T00:00:00Z`)}</td>
              <td className="num">{formatMoney(i.amountCents)}</td>
              <td className="num">{formatMoney(i.paidCents)}</td>
              <td className="num">{formatMoney(i.remainingCents)}</td>
              <td>
                {STATE_LABELS[i.state]}
                {i.daysPastDue > 0 ? ` (${i.daysPastDue} ${i.daysPastDue === 1 ? "day" : "days"})` : ""}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

export function PaymentTable({
  payments,
  label,
}: {
  payments: {
    id: string;
    amountCents: number;
    paidOn: string;
    reference: string;
    payer: string;
    fromBankFeed: boolean;
  }[];
  label: string;
}) {
  if (payments.length === 0) return <p className="muted">No payment recorded yet.</p>;
  return (
    <TableScroll label={label}>
      <table>
        <caption>{label}</caption>
        <thead>
          <tr>
            <th scope="col">Date</th>
            <th scope="col" className="num">
              Amount
            </th>
            <th scope="col">Paid by</th>
            <th scope="col">Reference</th>
          </tr>
        </thead>
        <tbody>
          {payments.map((p) => (
            <tr key={p.id}>
              <td>{formatDay(`${p.paidOn}T00:00:00Z`)}</td>
              <td className="num">{formatMoney(p.amountCents)}</td>
              <td>{p.payer === "BUYER" ? "The buyer (invoice paid)" : "The merchant"}</td>
              <td>
                {p.reference}
                {p.fromBankFeed ? " (from the bank feed)" : ""}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
