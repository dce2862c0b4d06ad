import { Form } from "@remix-run/react";
import { DisclosureView } from "~/components/disclosure-view";
import { ConfirmAction } from "~/components/ui/confirm-action";
import { CheckboxField, Field } from "~/components/ui/field";
import { FormAlert } from "~/components/ui/form-alert";
import { SubmitButton } from "~/components/ui/submit-button";
import { useInstant, useNow } from "~/components/ui/when";
import { formatRelative } from "~/domain/dates";
import { PRODUCT_TYPE_LABELS, type ProductType } from "~/domain/lenders/products";
import { formatMoney } from "~/domain/money";
import { ACCEPTANCE_CONSENT, offerNotices } from "~/domain/offers/acceptance";
import type { DisclosureContent } from "~/domain/offers/disclosure-content";

// An offer past its time reads "expired" at once, before any job has written it.
const STATUS_LABELS: Record<string, string> = {
  PENDING: "pending",
  ACCEPTED: "accepted",
  DECLINED: "declined",
  EXPIRED: "expired",
  WITHDRAWN: "withdrawn",
};

type When = Date | string;

export type OfferCardOffer = {
  id: string;
  effectiveStatus: string;
  productType: string;
  disclosure: DisclosureContent;
  expiresAt: When;
  signatureName: string | null;
  acceptedAt: When | null;
  withdrawnReason: string | null;
  declinedForOtherOffer: boolean;
  funding: { fundedOn: When; amountCents: number; reference: string } | null;
  lenderOrg: { name: string; status: string };
  disclosureSha256: string;
};

/** The answer to a refused accept or decline of this offer. */
export type OfferFormAnswer = { error?: string | null; fields?: Record<string, string[] | undefined> };

/**
 * One offer as the merchant compares it: its disclosure, what became of it, and while it is open
 * (and the application waits for an answer) the signed acceptance and the confirmed decline.
 */
export function MerchantOfferCard({
  offer,
  answerable,
  answer,
}: {
  offer: OfferCardOffer;
  answerable: boolean;
  answer?: OfferFormAnswer;
}) {
  const day = useInstant();
  const now = useNow();
  const open = offer.effectiveStatus === "PENDING";
  const notices = open ? offerNotices({ partnerStatus: offer.lenderOrg.status }) : [];
  const fields = answer?.fields ?? {};
  return (
    <article className="card offer-card" aria-labelledby={`offer-${offer.id}`}>
      <h3 id={`offer-${offer.id}`}>
        {`${offer.lenderOrg.name}: ${PRODUCT_TYPE_LABELS[offer.productType as ProductType] ?? offer.productType}`}
      </h3>
      <p>
        <span className="badge">{STATUS_LABELS[offer.effectiveStatus] ?? offer.effectiveStatus}</span>
        {open ? (
          <span className="muted small">{` open until ${day(offer.expiresAt)} (${formatRelative(offer.expiresAt, now)})`}</span>
        ) : null}
        {offer.effectiveStatus === "EXPIRED" ? (
          <span className="muted small">{` since ${day(offer.expiresAt)}`}</span>
        ) : null}
        {offer.signatureName ? (
          <span className="muted small">{` signed by ${offer.signatureName} on ${day(offer.acceptedAt)}`}</span>
        ) : null}
      </p>
      {notices.map((notice) => (
        <p key={notice} className="alert alert-info">
          {notice}
        </p>
      ))}
      {offer.effectiveStatus === "DECLINED" && offer.declinedForOtherOffer ? (
        <p>Declined because you accepted another offer on this application.</p>
      ) : null}
      {offer.effectiveStatus === "WITHDRAWN" && offer.withdrawnReason ? (
        <p>{`The lender withdrew this offer: ${offer.withdrawnReason}`}</p>
      ) : null}
      {offer.funding ? (
        <dl className="details">
          <dt>Money sent</dt>
          <dd>{`${formatMoney(offer.funding.amountCents)} on ${new Date(offer.funding.fundedOn).toISOString().slice(0, 10)}`}</dd>
          <dt>Payment reference</dt>
          <dd>{offer.funding.reference}</dd>
        </dl>
      ) : null}
      <DisclosureView content={offer.disclosure} />
      <p className="button-row">
        <a href={`/merchant/offers/${offer.id}/disclosure.pdf`} download>
          Download the disclosure (PDF)
        </a>
        {offer.effectiveStatus === "ACCEPTED" ? (
          <a href={`/merchant/offers/${offer.id}/signed.pdf`} download>
            Download the signed disclosure (PDF)
          </a>
        ) : null}
      </p>
      {open && answerable ? (
        <>
          <FormAlert errors={answer?.error ? [answer.error] : null} />
          <Form method="post" className="accept-offer" noValidate>
            <p>
              <strong>Accept and sign</strong>
            </p>
            {notices.map((notice) => (
              <p key={notice} className="alert alert-info">
                {`${notice} Its offer still stands and you may accept it.`}
              </p>
            ))}
            <input type="hidden" name="offerId" value={offer.id} />
            <input type="hidden" name="disclosureSha256" value={offer.disclosureSha256} />
            <Field
              label="Type your full name to sign"
              hint="As it is on your TradeLift account."
              errors={fields.signatureName}
              inputProps={{
                id: `sign-${offer.id}`,
                name: "signatureName",
                type: "text",
                autoComplete: "name",
                required: true,
              }}
            />
            <CheckboxField
              label={ACCEPTANCE_CONSENT}
              errors={fields.consent}
              inputProps={{ name: "consent", required: true, id: `consent-${offer.id}` }}
            />
            <div className="button-row">
              <SubmitButton name="intent" value="accept-offer" pendingLabel="Accepting…">
                Accept this offer
              </SubmitButton>
            </div>
          </Form>
          <ConfirmAction
            label="Decline this offer"
            intent="decline-offer"
            confirmLabel="Yes, decline the offer"
            pendingLabel="Declining…"
            fields={{ offerId: offer.id }}
            defaultOpen={Boolean(fields.confirmed)}
            consequence="The lender is told; it may make you another offer. You can still accept other offers. This cannot be undone."
          >
            <FormAlert errors={fields.confirmed} />
          </ConfirmAction>
        </>
      ) : null}
    </article>
  );
}
