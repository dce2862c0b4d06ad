import { getFormProps, getInputProps, getSelectProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { ApiKeyList } from "~/components/api-key-list";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { InvitationList } from "~/components/invitation-list";
import { MemberActions } from "~/components/member-actions";
import { PartnerForm } from "~/components/partner-form";
import { PartnerHistory } from "~/components/partner-history";
import { PartnerStatusPanel } from "~/components/partner-status";
import { StatusBadge } from "~/components/status-badge";
import { Field, SelectField } from "~/components/ui/field";
import { FormAlert } from "~/components/ui/form-alert";
import { SubmitButton } from "~/components/ui/submit-button";
import { TableScroll } from "~/components/ui/table-scroll";
import { createInvitation, InviteeExistsError, revokeInvitation } from "~/domain/accounts/invitations.server";
import { LENDER_MEMBER_ROLE_LABELS, LENDER_MEMBER_ROLES } from "~/domain/accounts/roles";
import { RevokeApiKeySchema } from "~/domain/api/keys";
import { listApiKeys } from "~/domain/api/keys.server";
import { formatDay } from "~/domain/dates";
import {
  applyMemberAction,
  changePartnerStatus,
  DuplicatePartnerError,
  getLenderPartner,
  partnerStats,
  partnerStatus,
  updateLenderPartner,
} from "~/domain/lenders/lenders.server";
import { productsInWords } from "~/domain/lenders/partner-application";
import { partnerStatusHistory } from "~/domain/lenders/partner-history.server";
import {
  activationRefusal,
  InviteLenderUserSchema,
  LenderPartnerSchema,
  MemberActionSchemas,
  PartnerStatusSchema,
} from "~/domain/lenders/partners";
import { formatMoney } from "~/domain/money";
import { US_STATES } from "~/domain/reference/us-states";
import { prisma } from "~/utils/db.server";
import { formDataOf, replyStatus, singleValue } from "~/utils/form.server";
import { notFound } from "~/utils/http.server";
import { clientIp } from "~/utils/request.server";
import { redirectWithToast } from "~/utils/toast.server";
import { revokeApiKeyAndReturn } from "~/web/api-keys.server";
import { requireAdmin } from "~/web/permissions.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.partner.name ?? "Lender partner"} — TradeLift` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireAdmin(request);
  const partner = await getLenderPartner(prisma, params.partnerId ?? "");
  if (!partner) notFound("This lender partner does not exist.");
  const [stats, history, apiKeys] = await Promise.all([
    partnerStats(prisma, partner.id),
    partnerStatusHistory(prisma, partner.id),
    listApiKeys(prisma, partner.id),
  ]);
  return { partner, stats, history, apiKeys };
}

// Schemas are built inside `/* @__PURE__ */` closures so the browser bundle drops them: forms
// validate on the server only (docs/design/platform.md, "Light pages").
const ActionSchema = /* @__PURE__ */ (() =>
  z.discriminatedUnion("intent", [
    InviteLenderUserSchema.extend({ intent: z.literal("invite") }),
    z.object({ intent: z.literal("revoke-invitation"), invitationId: z.string().min(1).max(40) }),
    ...MemberActionSchemas,
    ...PartnerStatusSchema.options,
    LenderPartnerSchema.extend({ intent: z.literal("edit") }),
    RevokeApiKeySchema,
  ]))();

type FormName = "invite" | "status" | "edit";
function formOf(intent: FormDataEntryValue | null): FormName {
  if (intent === "activate" || intent === "suspend" || intent === "reject") return "status";
  return intent === "edit" ? "edit" : "invite";
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const actor = await requireAdmin(request);
  const partner = await partnerStatus(prisma, params.partnerId ?? "");
  if (!partner) notFound("This lender partner does not exist.");
  const partnerId = params.partnerId ?? "";
  const formData = await formDataOf(request);
  const submission = parseWithZod(formData, { schema: ActionSchema });
  if (submission.status !== "success") {
    const intent = singleValue(formData, "intent");
    // The invitation, status and edit forms show errors at their fields; a member's or an
    // invitation's buttons have none, so their refusal is said at the top of the page.
    if (["invite", "activate", "suspend", "reject", "edit"].includes(String(intent)) || !submission.status)
      return data({ form: formOf(intent), result: submission.reply() }, { status: replyStatus(submission) });
    return data(
      {
        form: "invite" as FormName,
        result: null,
        pageError: "That change could not be made as sent. Reload the page and try again.",
      },
      { status: 400 },
    );
  }
  const ip = clientIp(context);
  const self = `/admin/partners/${partnerId}`;
  const { intent } = submission.value;
  if (intent === "activate" || intent === "suspend" || intent === "reject") {
    const suspending = intent === "suspend";
    const outcome = await changePartnerStatus(prisma, {
      lenderOrgId: partnerId,
      to: suspending ? "SUSPENDED" : intent === "reject" ? "REJECTED" : "ACTIVE",
      reason: submission.value.intent !== "activate" ? submission.value.reason : undefined,
      actor: { id: actor.id, role: actor.role },
      ip,
    });
    if (!outcome.ok) {
      if (outcome.reason === "not-found") notFound("This lender partner does not exist.");
      return data(
        { form: "status" as FormName, result: submission.reply({ formErrors: [outcome.message] }) },
        { status: 409 },
      );
    }
    if (intent === "reject")
      return redirectWithToast(self, { kind: "success", title: "Application rejected" });
    return redirectWithToast(self, {
      kind: "success",
      title: suspending ? "Partner suspended" : "Partner active",
      description: suspending
        ? `No new applications are sent to it; ${outcome.withdrawnReferrals} undecided referral(s) were withdrawn. Its pending offers stay valid.`
        : "Applications that fit its active products are sent to it from now on.",
    });
  }
  if (submission.value.intent === "edit") {
    try {
      await updateLenderPartner(prisma, {
        lenderOrgId: partnerId,
        partner: submission.value,
        actor: { id: actor.id, role: actor.role },
        ip,
      });
    } catch (error) {
      if (error instanceof DuplicatePartnerError) {
        return data(
          { form: "edit" as FormName, result: submission.reply({ fieldErrors: { name: [error.message] } }) },
          { status: 400 },
        );
      }
      throw error;
    }
    return redirectWithToast(self, { kind: "success", title: "Partner details saved" });
  }
  if (submission.value.intent === "change-role" || submission.value.intent === "set-active") {
    const done = await applyMemberAction(prisma, {
      lenderOrgId: partnerId,
      action: submission.value,
      actor: { id: actor.id, role: actor.role },
      ip,
    });
    if (done.outcome === "not-found") notFound("This person is not a member of this partner.");
    if (done.outcome === "refused")
      return data(
        { form: "invite" as FormName, result: submission.reply(), pageError: done.message },
        { status: 409 },
      );
    return redirectWithToast(self, { kind: "success", title: "Member updated" });
  }
  if (submission.value.intent === "revoke-api-key")
    return revokeApiKeyAndReturn({
      lenderOrgId: partnerId,
      keyId: submission.value.keyId,
      actor: { id: actor.id, role: actor.role },
      ip,
      returnTo: self,
      notFoundMessage: "This key is not a key of this partner.",
    });
  if (submission.value.intent === "revoke-invitation") {
    const revoked = await revokeInvitation(prisma, {
      invitationId: submission.value.invitationId,
      scope: { lenderOrgId: partnerId },
      actor: { id: actor.id, role: actor.role },
      ip,
    });
    if (!revoked) notFound("This invitation is no longer open.");
    return redirectWithToast(self, { kind: "success", title: "Invitation revoked" });
  }
  try {
    const invitation = await createInvitation(prisma, {
      name: submission.value.name,
      email: submission.value.email,
      target: { kind: "lender", lenderOrgId: partnerId, lenderRole: submission.value.lenderRole },
      actor: { id: actor.id, role: actor.role },
      ip,
    });
    return redirectWithToast(self, {
      kind: "success",
      title: `Invitation sent to ${submission.value.email}`,
      description:
        "The link works once; it was also put in the e-mail outbox. Copy it now if you deliver it yourself:",
      link: invitation.url,
    });
  } catch (error) {
    if (error instanceof InviteeExistsError) {
      return data(
        { form: "invite" as FormName, result: submission.reply({ fieldErrors: { email: [error.message] } }) },
        { status: 400 },
      );
    }
    throw error;
  }
}

const ROLE_OPTIONS = LENDER_MEMBER_ROLES.map((role) => ({
  value: role,
  label: LENDER_MEMBER_ROLE_LABELS[role],
}));
const STATE_NAMES = new Map(US_STATES.map((state) => [state.code, state.name]));

export default function PartnerDetail() {
  const { partner, stats, history, apiKeys } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const lastResult = actionData?.form === "invite" ? actionData.result : undefined;
  const statusResult = actionData?.form === "status" ? (actionData.result ?? undefined) : undefined;
  const editResult = actionData?.form === "edit" ? (actionData.result ?? undefined) : undefined;
  const pageError = actionData && "pageError" in actionData ? String(actionData.pageError) : null;
  const [form, fields] = useForm<z.input<typeof ActionSchema>>({
    id: "invite-lender-user",
    lastResult,
    defaultValue: { lenderRole: partner.members.length === 0 ? "ADMIN" : "UNDERWRITER" },
  });
  const states = partner.statesLicensed ? partner.statesLicensed.split(",") : [];
  return (
    <>
      <div className="page-header">
        <div>
          <h1>{partner.name}</h1>
          <p>
            {/* Its reason is in the status history, with who decided it and when. */}
            <StatusBadge status={partner.status} />
          </p>
          {partner.appliedAt ? (
            <p className="small">{`Applied through the public form on ${formatDay(partner.appliedAt)}; interested in ${productsInWords(partner.productsOfInterest)}.`}</p>
          ) : null}
        </div>
      </div>
      <div className="grid grid-2">
        <section className="card" aria-labelledby="status-title">
          <h2 id="status-title">Status</h2>
          <PartnerStatusPanel
            status={partner.status}
            activationBlocked={activationRefusal(partner)}
            errors={
              statusResult
                ? {
                    // Anything not at a field of this form (a duplicated or stray field) is said for the form.
                    form: Object.entries(statusResult.error ?? {})
                      .filter(([name]) => name !== "reason" && name !== "confirmed")
                      .flatMap(([, messages]) => messages ?? []),
                    reason: statusResult.error?.reason ?? undefined,
                    confirmed: statusResult.error?.confirmed ?? undefined,
                  }
                : undefined
            }
          />
        </section>
        <section className="card" aria-labelledby="activity-title">
          <h2 id="activity-title">Activity</h2>
          <dl className="details">
            <dt>Products</dt>
            <dd>{`${partner.products.filter((p) => p.status === "ACTIVE").length} active of ${partner.products.length}`}</dd>
            <dt>Referrals received</dt>
            <dd>{stats.referrals}</dd>
            <dt>Offer rate</dt>
            <dd>{stats.offerRate === null ? "—" : `${(stats.offerRate * 100).toFixed(0)}% of referrals`}</dd>
            <dt>Acceptance rate</dt>
            <dd>
              {stats.acceptanceRate === null
                ? "—"
                : `${(stats.acceptanceRate * 100).toFixed(0)}% of ${stats.offers} offers`}
            </dd>
          </dl>
        </section>
      </div>
      <PartnerHistory moves={history} />
      <div className="grid grid-2">
        <section className="card" aria-labelledby="about-title">
          <h2 id="about-title">About</h2>
          <dl className="details">
            <dt>Contact</dt>
            <dd>
              {partner.contactName} · {partner.contactEmail}
              {partner.contactPhone ? ` · ${partner.contactPhone}` : ""}
            </dd>
            <dt>Website</dt>
            <dd>{partner.website ?? "—"}</dd>
            <dt>States licensed</dt>
            <dd>
              {states.length > 0 ? states.map((code) => STATE_NAMES.get(code) ?? code).join(", ") : "—"}
            </dd>
            <dt>Description</dt>
            <dd>{partner.description ?? "—"}</dd>
            <dt>Partner since</dt>
            <dd>{formatDay(partner.createdAt)}</dd>
          </dl>
        </section>
        <section className="card" aria-labelledby="invite-title">
          <h2 id="invite-title">Invite a user</h2>
          <p className="muted small">
            They receive a one-time link to choose their password. A lender admin manages products and can
            invite underwriters.
          </p>
          <Form method="post" {...getFormProps(form)}>
            <FormAlert id={form.errorId} errors={[...(form.errors ?? []), ...(fields.intent.errors ?? [])]} />
            <input type="hidden" name="intent" value="invite" />
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
            <SelectField
              label="Role"
              options={ROLE_OPTIONS}
              errors={fields.lenderRole.errors}
              selectProps={getSelectProps(fields.lenderRole)}
            />
            <SubmitButton pendingLabel="Inviting…">Send invitation</SubmitButton>
          </Form>
        </section>
      </div>
      <section className="card" aria-labelledby="members-title">
        <h2 id="members-title">People</h2>
        {pageError ? (
          <div className="alert alert-error" role="alert">
            <p>{pageError}</p>
          </div>
        ) : null}
        {partner.members.length === 0 ? (
          <p className="muted">Nobody has joined yet.</p>
        ) : (
          <TableScroll label="People">
            <table>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">E-mail</th>
                  <th scope="col">Role</th>
                  <th scope="col">Status</th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {partner.members.map((member) => (
                  <tr key={member.id}>
                    <td>{member.user.name}</td>
                    <td>{member.user.email}</td>
                    <td>
                      {LENDER_MEMBER_ROLE_LABELS[member.role as "ADMIN" | "UNDERWRITER"] ?? member.role}
                    </td>
                    <td>
                      {member.deactivatedAt ? (
                        <span className="badge badge-bad">Deactivated</span>
                      ) : (
                        <span className="badge badge-ok">Active</span>
                      )}
                    </td>
                    <td>
                      <MemberActions member={member} isSelf={false} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
        <InvitationList invitations={partner.invitations} />
      </section>
      <section className="card" aria-labelledby="api-keys-title">
        <h2 id="api-keys-title">API keys</h2>
        <p className="small">
          The keys this partner's admins made for its own systems. Revoking one refuses its next request.
        </p>
        <ApiKeyList keys={apiKeys} canRevoke />
      </section>
      <section className="card card-medium" aria-labelledby="edit-title">
        <h2 id="edit-title">Edit details</h2>
        <PartnerForm
          id="edit-partner"
          intent="edit"
          submitLabel="Save details"
          lastResult={editResult}
          defaultValue={{
            name: partner.name,
            contactName: partner.contactName,
            contactEmail: partner.contactEmail,
            contactPhone: partner.contactPhone ?? "",
            website: partner.website ?? "",
            description: partner.description ?? "",
            statesLicensed: partner.statesLicensed ? partner.statesLicensed.split(",") : [],
            addressLine1: partner.addressLine1 ?? "",
            addressLine2: partner.addressLine2 ?? "",
            city: partner.city ?? "",
            addressState: partner.addressState ?? "",
            postalCode: partner.postalCode ?? "",
            regulatorType: partner.regulatorType,
          }}
        />
      </section>
      <section className="card" aria-labelledby="products-title">
        <h2 id="products-title">Products</h2>
        {partner.products.length === 0 ? (
          <p className="muted">The partner's admin has not set up any products yet.</p>
        ) : (
          <TableScroll label="Products">
            <table>
              <thead>
                <tr>
                  <th scope="col">Product</th>
                  <th scope="col">Type</th>
                  <th scope="col">Amounts</th>
                  <th scope="col">Status</th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {partner.products.map((product) => (
                  <tr key={product.id}>
                    <td>{product.name}</td>
                    <td>{product.type.replaceAll("_", " ").toLowerCase()}</td>
                    <td>
                      {formatMoney(product.minAmountCents, "USD", { whole: true })} –{" "}
                      {formatMoney(product.maxAmountCents, "USD", { whole: true })}
                    </td>
                    <td>
                      <StatusBadge status={product.status} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
      </section>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
