import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData } from "@remix-run/react";
import type { z } from "zod";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { CheckboxField, Field } from "~/components/ui/field";
import { FormAlert } from "~/components/ui/form-alert";
import { SubmitButton } from "~/components/ui/submit-button";
import { requestSignup } from "~/domain/accounts/accounts.server";
import { PASSWORD_MIN_LENGTH, SignupSchema } from "~/domain/accounts/schemas";
import { prisma } from "~/utils/db.server";
import { formDataOf, replyStatus } from "~/utils/form.server";
import { clientIp } from "~/utils/request.server";
import { requireAnonymous } from "~/web/permissions.server";

export const meta: MetaFunction = () => [{ title: "Create a merchant account — TradeLift" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAnonymous(request);
  return null;
}

const HIDDEN = ["password", "confirmPassword"];

export async function action({ request, context }: ActionFunctionArgs) {
  await requireAnonymous(request);
  const submission = parseWithZod(await formDataOf(request), { schema: SignupSchema });
  if (submission.status !== "success") {
    return data(
      { result: submission.reply({ hideFields: HIDDEN }), sentTo: null },
      { status: replyStatus(submission) },
    );
  }
  const outcome = await requestSignup(prisma, { ...submission.value, ip: clientIp(context) });
  if (!outcome.ok)
    return data(
      {
        result: submission.reply({
          formErrors: [
            `Too many sign-ups from your network. Try again in ${Math.ceil(outcome.retryAfterSeconds / 60)} minutes.`,
          ],
          hideFields: HIDDEN,
        }),
        sentTo: null,
      },
      { status: 429 },
    );
  // The same answer whether the address is new (a confirmation link) or has an account (a note to
  // its owner): sign-up does not tell who has an account.
  return { result: submission.reply({ resetForm: true }), sentTo: submission.value.email };
}

export default function Signup() {
  const actionData = useActionData<typeof action>();
  const lastResult = actionData?.result;
  const [form, fields] = useForm<z.input<typeof SignupSchema>>({
    id: "signup",
    lastResult,
  });
  if (actionData?.sentTo)
    return (
      <div className="card card-narrow">
        <h1>Check your e-mail</h1>
        <p role="status">
          We have sent a message to <strong>{actionData.sentTo}</strong>. Open the link in it to confirm the
          address and finish creating your account; the link works once, for 24 hours.
        </p>
        <p className="muted small">
          Nothing arrived? Check the spam folder, or <Link to="/signup">sign up again</Link>. Already have an
          account? <Link to="/login">Log in</Link>.
        </p>
      </div>
    );
  return (
    <div className="card card-narrow">
      <h1>Create a merchant account</h1>
      <p className="muted">
        For US businesses that sell abroad. It takes about five minutes; nothing is shared with lenders until
        you apply.
      </p>
      <Form method="post" {...getFormProps(form)}>
        <FormAlert id={form.errorId} errors={form.errors} />
        <Field
          label="Your full name"
          errors={fields.name.errors}
          inputProps={{ ...getInputProps(fields.name, { type: "text" }), autoComplete: "name" }}
        />
        <Field
          label="Work e-mail"
          errors={fields.email.errors}
          inputProps={{ ...getInputProps(fields.email, { type: "email" }), autoComplete: "email" }}
        />
        <Field
          label="Business legal name"
          hint="As registered with the IRS; you can add a trade name later."
          errors={fields.businessName.errors}
          inputProps={{
            ...getInputProps(fields.businessName, { type: "text" }),
            autoComplete: "organization",
          }}
        />
        <Field
          label="Password"
          hint={`At least ${PASSWORD_MIN_LENGTH} characters. A short sentence is easy to remember and hard to guess.`}
          errors={fields.password.errors}
          inputProps={{
            ...getInputProps(fields.password, { type: "password" }),
            autoComplete: "new-password",
          }}
        />
        <Field
          label="Repeat the password"
          errors={fields.confirmPassword.errors}
          inputProps={{
            ...getInputProps(fields.confirmPassword, { type: "password" }),
            autoComplete: "new-password",
          }}
        />
        <CheckboxField
          label="I accept the terms of use and the privacy notice, and I am authorised to act for this business."
          errors={fields.agree.errors}
          inputProps={getInputProps(fields.agree, { type: "checkbox" })}
        />
        <SubmitButton pendingLabel="Creating your account…">Create account</SubmitButton>
      </Form>
      <p className="muted small">
        Already have an account? <Link to="/login">Log in</Link>.
      </p>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
