// One account, for an admin: who it is, where it belongs, its sessions and failed log-ins, and
// deactivating or reactivating it.
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ConfirmAction } from "~/components/ui/confirm-action";
import { TextareaField } from "~/components/ui/field";
import { FormAlert } from "~/components/ui/form-alert";
import { SubmitButton } from "~/components/ui/submit-button";
import { When } from "~/components/ui/when";
import { ResetTwoFactorSchema } from "~/domain/accounts/two-factor";
import { resetTwoFactor } from "~/domain/accounts/two-factor.server";
import { AccountStatusSchema } from "~/domain/admin/accounts";
import { accountForAdmin, setAccountStatus } from "~/domain/admin/accounts.server";
import { prisma } from "~/utils/db.server";
import { formDataOf, replyStatus } from "~/utils/form.server";
import { notFound } from "~/utils/http.server";
import { clientIp } from "~/utils/request.server";
import { redirectWithToast } from "~/utils/toast.server";
import { requireAdmin } from "~/web/permissions.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.account.name ?? "Account"} — TradeLift` },
];

const ROLE_LABEL: Record<string, string> = { ADMIN: "Admin", LENDER: "Lender", MERCHANT: "Merchant" };

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireAdmin(request);
  const account = await accountForAdmin(prisma, params.userId ?? "");
  if (!account) notFound("This account does not exist.");
  return { account, isSelf: account.id === actor.id };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const actor = await requireAdmin(request);
  const form = await formDataOf(request);
  if (form.get("intent") === "reset-two-factor") return resetTwoFactorAction(form, actor, params, context);
  const submission = parseWithZod(form, { schema: AccountStatusSchema });
  if (submission.status !== "success")
    return data({ result: submission.reply() }, { status: replyStatus(submission) });
  const userId = params.userId ?? "";
  const outcome = await setAccountStatus(prisma, {
    userId,
    change: submission.value,
    actor: { id: actor.id, role: actor.role },
    ip: clientIp(context),
  });
  if (!outcome.ok) {
    if (outcome.reason === "not-found") notFound("This account does not exist.");
    return data({ result: submission.reply({ formErrors: [outcome.message] }) }, { status: 409 });
  }
  return redirectWithToast(`/admin/users/${userId}`, {
    kind: "success",
    title: submission.value.intent === "deactivate" ? "Account deactivated" : "Account reactivated",
    description:
      submission.value.intent === "deactivate"
        ? "The person was signed out everywhere and cannot log in."
        : "The person can log in again.",
  });
}

async function resetTwoFactorAction(
  form: FormData,
  actor: { id: string; role: string },
  params: ActionFunctionArgs["params"],
  context: ActionFunctionArgs["context"],
) {
  const submission = parseWithZod(form, { schema: ResetTwoFactorSchema });
  if (submission.status !== "success")
    return data({ result: submission.reply() }, { status: replyStatus(submission) });
  const userId = params.userId ?? "";
  const outcome = await resetTwoFactor(prisma, {
    userId,
    actor: { id: actor.id, role: actor.role },
    ip: clientIp(context),
  });
  if (!outcome.ok) {
    if (outcome.reason === "not-found") notFound("This account does not exist.");
    return data({ result: submission.reply({ formErrors: [outcome.message] }) }, { status: 409 });
  }
  return redirectWithToast(`/admin/users/${userId}`, {
    kind: "success",
    title: "Two-factor authentication reset",
    description: "The person was signed out and e-mailed; they set it up again at their next log-in.",
  });
}

export default function Account() {
  const { account, isSelf } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>()?.result;
  const errors = result?.error ?? {};
  const formErrors = Object.entries(errors)
    .filter(([name]) => name !== "reason" && name !== "confirmed")
    .flatMap(([, messages]) => messages ?? []);
  const fieldErrors = [...(errors.reason ?? []), ...(errors.confirmed ?? [])];
  return (
    <>
      <div className="page-header">
        <div>
          <p className="small">
            <Link to="/admin/users">← All users</Link>
          </p>
          <h1>{account.name}</h1>
          <p>
            {account.deactivatedAt ? (
              <span className="badge badge-bad">Deactivated</span>
            ) : (
              <span className="badge badge-ok">Active</span>
            )}
          </p>
        </div>
      </div>
      <div className="grid grid-2">
        <section className="card" aria-labelledby="account-title">
          <h2 id="account-title">Account</h2>
          <dl className="details">
            <dt>E-mail</dt>
            <dd>{account.email}</dd>
            <dt>Role</dt>
            <dd>
              {ROLE_LABEL[account.role] ?? account.role}
              {account.lenderMember ? ` (${account.lenderMember.role.toLowerCase()})` : ""}
            </dd>
            <dt>Organisation</dt>
            <dd>
              {account.lenderMember ? (
                <Link to={`/admin/partners/${account.lenderMember.lenderOrg.id}`}>
                  {account.lenderMember.lenderOrg.name}
                </Link>
              ) : (
                (account.merchantMember?.merchant.legalName ?? "TradeLift")
              )}
            </dd>
            <dt>Created</dt>
            <dd>
              <When at={account.createdAt} />
            </dd>
            <dt>Signed in now</dt>
            <dd>
              {account.activeSessions} session{account.activeSessions === 1 ? "" : "s"}
            </dd>
            <dt>Failed log-ins (24 h)</dt>
            <dd>{account.failedLogins}</dd>
            <dt>Two-factor authentication</dt>
            <dd>
              {account.twoFactorEnabledAt ? (
                <>
                  {"On since "}
                  <When at={account.twoFactorEnabledAt} />
                </>
              ) : (
                "Off"
              )}
            </dd>
          </dl>
          {account.twoFactorEnabledAt && !isSelf ? (
            <ConfirmAction
              label="Reset two-factor authentication"
              intent="reset-two-factor"
              confirmLabel="Yes, reset it"
              pendingLabel="Resetting…"
              tone="neutral"
              consequence={`For a lost phone. ${account.name}'s authenticator and recovery codes stop working, they are signed out everywhere, and they set two-factor authentication up again at their next log-in. They are told by e-mail.`}
            />
          ) : null}
        </section>
        <section className="card" aria-labelledby="access-title">
          <h2 id="access-title">Access</h2>
          <FormAlert id="account-status-errors" errors={formErrors} />
          {account.deactivatedAt ? (
            <>
              <p>
                Deactivated <When at={account.deactivatedAt} />
                {account.deactivation?.by ? ` by ${account.deactivation.by}` : ""}
                {account.deactivation?.reason ? `: ${account.deactivation.reason}` : "."}
              </p>
              <Form method="post">
                <SubmitButton
                  name="intent"
                  value="reactivate"
                  className="button-secondary"
                  pendingLabel="Reactivating…"
                >
                  Reactivate the account
                </SubmitButton>
              </Form>
            </>
          ) : isSelf ? (
            <p className="muted">This is your own account: another admin can deactivate it.</p>
          ) : (
            <ConfirmAction
              label="Deactivate the account"
              intent="deactivate"
              confirmLabel="Yes, deactivate it"
              pendingLabel="Deactivating…"
              defaultOpen={fieldErrors.length > 0}
              consequence={`${account.name} is signed out everywhere at once and cannot log in, reset the password or use an unlock link until reactivated. Their records and history stay.`}
            >
              <TextareaField
                label="Reason (kept in the audit log)"
                errors={fieldErrors}
                textareaProps={{
                  id: "deactivate-reason",
                  name: "reason",
                  required: true,
                  minLength: 5,
                  maxLength: 500,
                }}
              />
            </ConfirmAction>
          )}
        </section>
      </div>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
