// The admin's status panel of a lender partner: activate a pending one, suspend an active one
// (behind a confirmation step, with its reason), reactivate a suspended one, reject a pending one.
import { Form } from "@remix-run/react";
import { ConfirmAction } from "~/components/ui/confirm-action";
import { ErrorList, TextareaField } from "~/components/ui/field";
import { SubmitButton } from "~/components/ui/submit-button";

export type StatusErrors = {
  form?: readonly string[];
  reason?: readonly string[];
  confirmed?: readonly string[];
};

export function PartnerStatusPanel({
  status,
  errors,
  activationBlocked,
}: {
  status: string;
  errors?: StatusErrors;
  /** Why it cannot be activated yet (no postal address), said before anyone tries. */
  activationBlocked?: string | null;
}) {
  const formErrors = [...(errors?.form ?? []), ...(errors?.confirmed ?? [])];
  if (status === "ACTIVE") {
    return (
      <>
        <p className="muted small">Active: applications that fit its active products are sent to it.</p>
        <ErrorList errors={formErrors} />
        <ConfirmAction
          label="Suspend partner"
          intent="suspend"
          confirmLabel="Yes, suspend the partner"
          pendingLabel="Suspending…"
          defaultOpen={Boolean(errors)}
          consequence="No new applications are sent to it, and its people can no longer change products or decide referrals. Every referral it is still deciding without a pending offer is withdrawn: those applications are matched again to other lenders, or end with the notice the law requires. Its pending offers stay valid; merchants are told the partnership is suspended."
        >
          <TextareaField
            label="Reason for suspending"
            hint="Kept in the audit log and shown to the partner's people."
            errors={errors?.reason}
            textareaProps={{ name: "reason", required: true, minLength: 5, maxLength: 500 }}
          />
        </ConfirmAction>
      </>
    );
  }
  if (status === "REJECTED")
    return <p className="muted small">Rejected: it cannot be activated. Add it again if it applies anew.</p>;
  // A suspension sent from a page that was out of date has no reason field here: say its errors too.
  const activate = (
    <Form method="post">
      <ErrorList errors={[...formErrors, ...(errors?.reason ?? [])]} />
      <p className="muted small">
        {status === "PENDING"
          ? "Pending: no applications are sent to it until it is activated."
          : "Suspended: no new applications are sent to it; its pending offers stay valid."}
      </p>
      <ErrorList errors={activationBlocked && formErrors.length === 0 ? [activationBlocked] : []} />
      <input type="hidden" name="intent" value="activate" />
      <SubmitButton pendingLabel="Activating…">
        {status === "PENDING" ? "Activate partner" : "Reactivate partner"}
      </SubmitButton>
    </Form>
  );
  if (status !== "PENDING") return activate;
  return (
    <>
      {activate}
      <ConfirmAction
        label="Reject"
        intent="reject"
        confirmLabel="Yes, reject this partner"
        pendingLabel="Rejecting…"
        defaultOpen={Boolean(errors?.reason || errors?.confirmed)}
        consequence="It is never sent applications and cannot be activated; the reason is kept in its status history."
      >
        <TextareaField
          label="Reason for rejecting"
          hint="Kept in the audit log and the partner's status history."
          errors={errors?.reason}
          textareaProps={{ name: "reason", required: true, minLength: 5, maxLength: 500 }}
        />
      </ConfirmAction>
    </>
  );
}
