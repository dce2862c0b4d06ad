import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { CheckboxField, Field } from "~/components/ui/field";
import { FormAlert } from "~/components/ui/form-alert";
import { SubmitButton } from "~/components/ui/submit-button";
import { EmailTakenError, signUpMerchant } from "~/domain/accounts/accounts.server";
import { PASSWORD_MIN_LENGTH, SignupSchema } from "~/domain/accounts/schemas";
import { prisma } from "~/utils/db.server";
import { formDataOf, replyStatus } from "~/utils/form.server";
import { clientIp, userAgent } from "~/utils/request.server";
import { createSession } from "~/utils/session.server";
import { redirectWithToast } from "~/utils/toast.server";
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
    return data({ result: submission.reply({ hideFields: HIDDEN }) }, { status: replyStatus(submission) });
  }
  const ip = clientIp(context);
  try {
    const { userId } = await signUpMerchant(prisma, { ...submission.value, ip });
    const { setCookie } = await createSession(prisma, { userId, ip, userAgent: userAgent(request) });
    return redirectWithToast(
      "/merchant/profile",
      {
        kind: "success",
        title: "Welcome to TradeLift",
        description: "Tell us about your business to get started.",
      },
      { "Set-Cookie": setCookie },
    );
  } catch (error) {
    if (error instanceof EmailTakenError) {
      return data(
        {
          result: submission.reply({
            fieldErrors: { email: ["An account with this e-mail already exists. Log in instead."] },
            hideFields: HIDDEN,
          }),
        },
        { status: 400 },
      );
    }
    throw error;
  }
}

export default function Signup() {
  const lastResult = useActionData<typeof action>()?.result;
  const [form, fields] = useForm({
    id: "signup",
    lastResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: SignupSchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
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
