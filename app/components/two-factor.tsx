// The pieces of two-factor authentication that log-in and settings share: enrolling an
// authenticator app (QR code, the secret as text, the confirming code) and the recovery codes
// shown once (docs/design/accounts.md#two-factor-authentication).
import { Form } from "@remix-run/react";
import { Field } from "~/components/ui/field";
import { FormAlert } from "~/components/ui/form-alert";
import { SubmitButton } from "~/components/ui/submit-button";

export type EnrolmentView = { groupedSecret: string; uri: string; qrDataUrl: string };

export function EnrolAuthenticator({
  enrolment,
  errors,
  formErrors,
  action,
}: {
  enrolment: EnrolmentView;
  errors?: readonly string[];
  formErrors?: readonly string[];
  action?: string;
}) {
  return (
    <>
      <ol className="steps">
        <li>
          Open an authenticator app on your phone (any app that supports time-based codes: Google
          Authenticator, Microsoft Authenticator, 1Password, Aegis, FreeOTP…).
        </li>
        <li>
          Scan this QR code with it:
          <img
            className="qr-code"
            src={enrolment.qrDataUrl}
            width={200}
            height={200}
            alt="QR code that adds your TradeLift account to an authenticator app"
          />
          or, if you cannot scan it, add an account by hand with this key (time-based):
          <code className="totp-secret" data-testid="totp-secret">
            {enrolment.groupedSecret}
          </code>
        </li>
        <li>Type the 6-digit code the app now shows for TradeLift.</li>
      </ol>
      <Form method="post" action={action}>
        <FormAlert id="enrol-errors" errors={formErrors} />
        <input type="hidden" name="intent" value="confirm" />
        <Field
          label="Code from the app"
          errors={errors}
          inputProps={{
            name: "code",
            inputMode: "numeric",
            autoComplete: "one-time-code",
            pattern: "[0-9 ]*",
            maxLength: 8,
            required: true,
          }}
        />
        <SubmitButton pendingLabel="Checking…">Turn on two-factor authentication</SubmitButton>
      </Form>
    </>
  );
}

export function RecoveryCodes({ codes }: { codes: readonly string[] }) {
  return (
    <section className="alert alert-info" aria-labelledby="recovery-codes-title">
      <h2 id="recovery-codes-title">Your recovery codes</h2>
      <p>
        If you lose your phone, each of these codes logs you in once in place of a code from the app. Keep
        them somewhere safe (a password manager, or printed): <strong>they are shown only now.</strong>
      </p>
      <ul className="recovery-codes" data-testid="recovery-codes">
        {codes.map((code) => (
          <li key={code}>
            <code>{code}</code>
          </li>
        ))}
      </ul>
    </section>
  );
}
