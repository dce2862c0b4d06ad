import { Form } from "@remix-run/react";
import { ConfirmAction } from "~/components/ui/confirm-action";
import { FormAlert } from "~/components/ui/form-alert";
import { SubmitButton } from "~/components/ui/submit-button";
import { formatMoney } from "~/domain/money";
import { OFFER_WORKFLOW } from "~/domain/offers/workflow";
import { statusLabel } from "~/domain/workflow/machine";

type Offer = {
  id: string;
  status: string;
  fundsProvidedCents: number;
  estimatedAprBps: number;
  expiresAt: string | Date;
  acceptedAt: string | Date | null;
  declinedAt: string | Date | null;
  withdrawnAt: string | Date | null;
  withdrawnReason: string | null;
  funding: { amountCents: number; fundedOn: string | Date; reference: string } | null;
};

const day = (value: string | Date) => new Date(value).toISOString().slice(0, 10);

/** A live offer says when it expires; an ended one says when it ended, never a date still ahead. */
function when(o: Offer): string {
  switch (o.status) {
    case "PENDING":
      return `expires ${day(o.expiresAt)}`;
    case "EXPIRED":
      return `ended ${day(o.expiresAt)}`;
    case "WITHDRAWN":
      return o.withdrawnAt ? `ended ${day(o.withdrawnAt)}` : "ended";
    case "DECLINED":
      return o.declinedAt ? `ended ${day(o.declinedAt)}` : "ended";
    case "ACCEPTED":
      return o.acceptedAt ? `on ${day(o.acceptedAt)}` : "";
    default:
      return "";
  }
}

/**
 * The lender's offers on a referral, each as it stands now (an offer past its time shows expired
 * at once), with the actions the rules allow: withdraw the live one (after a confirmation step,
 * with a reason the merchant sees), record the funding of the accepted one; and the funding
 * recorded.
 */
export function LenderOffers({
  offers,
  canWithdraw,
  canFund,
  withdrawError,
  fundError,
}: {
  offers: Offer[];
  canWithdraw: boolean;
  canFund: boolean;
  withdrawError: string[] | null;
  fundError: string[] | null;
}) {
  if (offers.length === 0) return null;
  return (
    <section className="card" aria-labelledby="offers-title">
      <h2 id="offers-title">Your offers</h2>
      <ul className="checklist">
        {offers.map((o) => (
          <li key={o.id}>
            <span>
              {`${formatMoney(o.fundsProvidedCents)} provided · ${(o.estimatedAprBps / 100).toFixed(2)}% APR · ${statusLabel(OFFER_WORKFLOW, o.status).toLowerCase()}${when(o) ? ` · ${when(o)}` : ""}`}
              {o.withdrawnReason ? (
                <span className="muted small">{` Withdrawn: ${o.withdrawnReason}`}</span>
              ) : null}
            </span>
            {o.status === "ACCEPTED" ? (
              <a href={`/lender/offers/${o.id}/signed.pdf`} download>
                Download the signed disclosure (PDF)
              </a>
            ) : null}
            {o.funding ? (
              <dl className="details" aria-label="Funding recorded">
                <dt>Amount sent</dt>
                <dd>{formatMoney(o.funding.amountCents)}</dd>
                <dt>Date sent</dt>
                <dd>{day(o.funding.fundedOn)}</dd>
                <dt>Payment reference</dt>
                <dd>{o.funding.reference}</dd>
              </dl>
            ) : null}
          </li>
        ))}
      </ul>
      {canWithdraw
        ? offers
            .filter((o) => o.status === "PENDING")
            .map((o) => (
              <div key={o.id}>
                <FormAlert errors={withdrawError} />
                <ConfirmAction
                  label="Withdraw this offer"
                  intent="withdraw-offer"
                  confirmLabel="Yes, withdraw the offer"
                  pendingLabel="Withdrawing…"
                  consequence="The merchant can no longer accept this offer and sees your reason. The application comes back to your review, where you may make a new offer or decline."
                  fields={{ offerId: o.id }}
                  defaultOpen={Boolean(withdrawError)}
                >
                  <div className="field">
                    <label htmlFor="withdraw-reason">Reason (shown to the merchant)</label>
                    <textarea id="withdraw-reason" name="reason" required minLength={5} maxLength={500} />
                  </div>
                </ConfirmAction>
              </div>
            ))
        : null}
      {canFund
        ? offers
            .filter((o) => o.status === "ACCEPTED" && !o.funding)
            .map((o) => (
              <Form method="post" key={o.id} noValidate>
                <h3>Record funding</h3>
                <FormAlert errors={fundError} />
                <input type="hidden" name="offerId" value={o.id} />
                <div className="field-row">
                  <div className="field">
                    <label htmlFor="fund-amount">Amount sent (USD)</label>
                    <input
                      id="fund-amount"
                      name="amount"
                      type="text"
                      inputMode="decimal"
                      defaultValue={(o.fundsProvidedCents / 100).toFixed(2)}
                      required
                    />
                  </div>
                  <div className="field">
                    <label htmlFor="fund-date">Date sent</label>
                    <input id="fund-date" name="fundedOn" type="date" required />
                  </div>
                  <div className="field">
                    <label htmlFor="fund-reference">Payment reference</label>
                    <input id="fund-reference" name="reference" type="text" required />
                  </div>
                </div>
                <SubmitButton name="intent" value="fund" pendingLabel="Saving…">
                  Record funding
                </SubmitButton>
              </Form>
            ))
        : null}
    </section>
  );
}
