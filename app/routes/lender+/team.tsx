import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { InvitationList } from "~/components/invitation-list";
import { MemberActions } from "~/components/member-actions";
import { Field } from "~/components/ui/field";
import { FormAlert } from "~/components/ui/form-alert";
import { SubmitButton } from "~/components/ui/submit-button";
import { TableScroll } from "~/components/ui/table-scroll";
import { createInvitation, InviteeExistsError, revokeInvitation } from "~/domain/accounts/invitations.server";
import { LENDER_MEMBER_ROLE_LABELS } from "~/domain/accounts/roles";
import { applyMemberAction, listLenderTeam } from "~/domain/lenders/lenders.server";
import { InviteUserSchema, MemberActionSchemas } from "~/domain/lenders/partners";
import { prisma } from "~/utils/db.server";
import { formDataOf, replyStatus, singleValue } from "~/utils/form.server";
import { notFound } from "~/utils/http.server";
import { clientIp } from "~/utils/request.server";
import { redirectWithToast } from "~/utils/toast.server";
import { requireLender } from "~/web/permissions.server";

export const meta: MetaFunction = () => [{ title: "Team — TradeLift" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireLender(request);
  const team = await listLenderTeam(prisma, actor.lenderOrgId);
  return { team, canInvite: actor.lenderRole === "ADMIN", selfUserId: actor.id };
}

// Schemas are built inside `/* @__PURE__ */` closures so the browser bundle drops them: forms
// validate on the server only (docs/design/platform.md, "Light pages").
const ActionSchema = /* @__PURE__ */ (() =>
  z.discriminatedUnion("intent", [
    InviteUserSchema.extend({ intent: z.literal("invite") }),
    z.object({ intent: z.literal("revoke-invitation"), invitationId: z.string().min(1).max(40) }),
    ...MemberActionSchemas,
  ]))();

export async function action({ request, context }: ActionFunctionArgs) {
  // Only a lender admin invites; underwriters get the same 404 as any other page they cannot use.
  const actor = await requireLender(request, { role: "ADMIN" });
  const formData = await formDataOf(request);
  const submission = parseWithZod(formData, { schema: ActionSchema });
  if (submission.status !== "success") {
    // The invitation form shows its errors at its fields; a member's buttons have no fields to
    // show them at, so their refusal is said at the top of the page.
    if (singleValue(formData, "intent") === "invite" || submission.status === undefined)
      return data({ result: submission.reply() }, { status: replyStatus(submission) });
    return data(
      { result: null, pageError: "That change could not be made as sent. Reload the page and try again." },
      { status: 400 },
    );
  }
  const ip = clientIp(context);
  if (submission.value.intent === "change-role" || submission.value.intent === "set-active") {
    const done = await applyMemberAction(prisma, {
      lenderOrgId: actor.lenderOrgId,
      action: submission.value,
      actor: { id: actor.id, role: actor.role },
      ip,
    });
    if (done.outcome === "not-found") notFound("This person is not a member of your team.");
    if (done.outcome === "refused")
      return data({ result: submission.reply(), pageError: done.message }, { status: 409 });
    return redirectWithToast("/lender/team", { kind: "success", title: "Team member updated" });
  }
  if (submission.value.intent === "revoke-invitation") {
    const revoked = await revokeInvitation(prisma, {
      invitationId: submission.value.invitationId,
      scope: { lenderOrgId: actor.lenderOrgId },
      actor: { id: actor.id, role: actor.role },
      ip,
    });
    if (!revoked) notFound("This invitation is no longer open.");
    return redirectWithToast("/lender/team", { kind: "success", title: "Invitation revoked" });
  }
  try {
    const invitation = await createInvitation(prisma, {
      name: submission.value.name,
      email: submission.value.email,
      target: { kind: "lender", lenderOrgId: actor.lenderOrgId, lenderRole: "UNDERWRITER" },
      actor: { id: actor.id, role: actor.role },
      ip,
    });
    return redirectWithToast("/lender/team", {
      kind: "success",
      title: `Invitation sent to ${submission.value.email}`,
      description: "The link works once and was e-mailed. Copy it now if you deliver it yourself:",
      link: invitation.url,
    });
  } catch (error) {
    if (error instanceof InviteeExistsError) {
      return data({ result: submission.reply({ fieldErrors: { email: [error.message] } }) }, { status: 400 });
    }
    throw error;
  }
}

export default function Team() {
  const { team, canInvite, selfUserId } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const lastResult = actionData?.result;
  const pageError = actionData && "pageError" in actionData ? String(actionData.pageError) : null;
  const [form, fields] = useForm<z.input<typeof ActionSchema>>({
    id: "invite-underwriter",
    lastResult,
  });
  return (
    <>
      <div className="page-header">
        <div>
          <h1>Team</h1>
          <p>The people of {team.name} on TradeLift.</p>
        </div>
      </div>
      {team.status === "SUSPENDED" ? (
        <p className="alert alert-info">
          Your partnership with TradeLift is suspended: no new applications are sent to you, and products
          cannot be changed until it is reactivated. Your pending offers stay valid.
        </p>
      ) : null}
      {canInvite ? (
        <section className="card" aria-labelledby="invite-title">
          <h2 id="invite-title">Invite an underwriter</h2>
          <Form method="post" {...getFormProps(form)}>
            <FormAlert id={form.errorId} errors={[...(form.errors ?? []), ...(fields.intent.errors ?? [])]} />
            <input type="hidden" name="intent" value="invite" />
            <div className="field-row">
              <Field
                label="Full name"
                errors={fields.name.errors}
                inputProps={getInputProps(fields.name, { type: "text" })}
              />
              <Field
                label="E-mail"
                errors={fields.email.errors}
                inputProps={getInputProps(fields.email, { type: "email" })}
              />
            </div>
            <SubmitButton pendingLabel="Inviting…">Send invitation</SubmitButton>
          </Form>
        </section>
      ) : null}
      <section className="card" aria-labelledby="people-title">
        <h2 id="people-title">People</h2>
        {pageError ? (
          <div className="alert alert-error" role="alert">
            <p>{pageError}</p>
          </div>
        ) : null}
        <TableScroll label="Team members">
          <table>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">E-mail</th>
                <th scope="col">Role</th>
                {canInvite ? (
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                ) : null}
              </tr>
            </thead>
            <tbody>
              {team.members.map((member) => (
                <tr key={member.id}>
                  <td>{member.user.name}</td>
                  <td>{member.user.email}</td>
                  <td>
                    {LENDER_MEMBER_ROLE_LABELS[member.role as "ADMIN" | "UNDERWRITER"] ?? member.role}
                    {member.deactivatedAt ? " (deactivated)" : ""}
                  </td>
                  {canInvite ? (
                    <td>
                      <MemberActions member={member} isSelf={member.user.id === selfUserId} />
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
        {canInvite ? <InvitationList invitations={team.invitations} /> : null}
      </section>
      {canInvite ? (
        <section className="card" aria-labelledby="connect-title">
          <h2 id="connect-title">Connect your systems</h2>
          <p>
            Your loan-origination or servicing system can read your referrals and make decisions through the
            TradeLift API: <Link to="/lender/api-keys">manage API keys</Link> and read the{" "}
            <Link to="/developers/api">API reference</Link>.
          </p>
          <p>
            TradeLift can tell your systems when a referral arrives, an offer is accepted or an application
            ends: <Link to="/lender/webhooks">set up webhooks</Link>.
          </p>
        </section>
      ) : null}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
