import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import type { z } from "zod";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { DownloadCsvLink } from "~/components/ui/download-csv-link";
import { Field } from "~/components/ui/field";
import { FilterSelect, optionsOf } from "~/components/ui/filter-select";
import { FormAlert } from "~/components/ui/form-alert";
import { Pagination, useFirstPageLink } from "~/components/ui/pagination";
import { SubmitButton } from "~/components/ui/submit-button";
import { TableScroll } from "~/components/ui/table-scroll";
import { createInvitation, InviteeExistsError } from "~/domain/accounts/invitations.server";
import { USER_ROLES } from "~/domain/accounts/roles";
import { listUsers, parseUsersFilter } from "~/domain/admin/admin.server";
import { InviteUserSchema } from "~/domain/lenders/partners";
import { prisma } from "~/utils/db.server";
import { formDataOf, replyStatus } from "~/utils/form.server";
import { clientIp } from "~/utils/request.server";
import { redirectWithToast } from "~/utils/toast.server";
import { requireAdmin } from "~/web/permissions.server";

export const meta: MetaFunction = () => [{ title: "Users — TradeLift" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  const filter = parseUsersFilter(new URL(request.url).searchParams);
  return { users: await listUsers(prisma, filter), filter };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireAdmin(request);
  const submission = parseWithZod(await formDataOf(request), { schema: InviteUserSchema });
  if (submission.status !== "success")
    return data({ result: submission.reply() }, { status: replyStatus(submission) });
  try {
    const invitation = await createInvitation(prisma, {
      ...submission.value,
      target: { kind: "admin" },
      actor: { id: actor.id, role: actor.role },
      ip: clientIp(context),
    });
    return redirectWithToast("/admin/users", {
      kind: "success",
      title: `Admin invitation sent to ${submission.value.email}`,
      description: "The link works once; it was also put in the e-mail outbox:",
      link: invitation.url,
    });
  } catch (error) {
    if (error instanceof InviteeExistsError) {
      return data({ result: submission.reply({ fieldErrors: { email: [error.message] } }) }, { status: 400 });
    }
    throw error;
  }
}

const ROLE_LABEL: Record<string, string> = { ADMIN: "Admin", LENDER: "Lender", MERCHANT: "Merchant" };
const ROLE_OPTIONS = optionsOf(USER_ROLES, (role) => ROLE_LABEL[role] ?? role);

export default function Users() {
  const { users, filter } = useLoaderData<typeof loader>();
  const firstPage = useFirstPageLink();
  const lastResult = useActionData<typeof action>()?.result;
  const [form, fields] = useForm<z.input<typeof InviteUserSchema>>({
    id: "invite-admin",
    lastResult,
  });
  return (
    <>
      <div className="page-header">
        <div>
          <h1>Users</h1>
          <p>
            Everyone with a TradeLift account, newest first, 50 to a page. Lender users are invited from their
            partner's page.
          </p>
        </div>
        <DownloadCsvLink href="/admin/users.csv" />
      </div>
      <section className="card" aria-labelledby="invite-admin-title">
        <h2 id="invite-admin-title">Invite a platform admin</h2>
        <Form method="post" {...getFormProps(form)}>
          <FormAlert id={form.errorId} errors={form.errors} />
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
      <Form method="get" className="card filter-bar" aria-label="Find users">
        <div className="field">
          <label htmlFor="users-q">Name or e-mail contains</label>
          <input id="users-q" name="q" type="search" maxLength={100} defaultValue={filter.q ?? ""} />
        </div>
        <FilterSelect id="users-role" name="role" label="Role" value={filter.role} options={ROLE_OPTIONS} />
        <button type="submit" className="button button-secondary">
          Find
        </button>
      </Form>
      {users.total === 0 ? (
        <div className="card empty-state">
          <h2>No user matches</h2>
          <p>Try part of the name or e-mail, or another role.</p>
        </div>
      ) : users.rows.length === 0 ? (
        <div className="card empty-state">
          <h2>No users on this page</h2>
          <p>
            <Link to={firstPage}>Back to the first page</Link>
          </p>
        </div>
      ) : (
        <>
          <TableScroll label="All users" className="card">
            <table>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">E-mail</th>
                  <th scope="col">Role</th>
                  <th scope="col">Organisation</th>
                  <th scope="col">Status</th>
                </tr>
              </thead>
              <tbody>
                {users.rows.map((user) => {
                  return (
                    <tr key={user.id}>
                      <td>
                        <Link to={`/admin/users/${user.id}`}>{user.name}</Link>
                      </td>
                      <td>{user.email}</td>
                      <td>
                        {ROLE_LABEL[user.role] ?? user.role}
                        {user.lenderMember ? ` (${user.lenderMember.role.toLowerCase()})` : ""}
                      </td>
                      <td>
                        {user.lenderMember ? (
                          <Link to={`/admin/partners/${user.lenderMember.lenderOrg.id}`}>
                            {user.lenderMember.lenderOrg.name}
                          </Link>
                        ) : (
                          (user.merchantMember?.merchant.legalName ?? "TradeLift")
                        )}
                      </td>
                      <td>
                        {user.deactivatedAt ? (
                          <span className="badge badge-bad">Deactivated</span>
                        ) : (
                          <span className="badge badge-ok">Active</span>
                        )}
                        {user.recentFailedLogins > 0 ? (
                          <span className="small muted">
                            {" "}
                            {user.recentFailedLogins} failed log-in{user.recentFailedLogins === 1 ? "" : "s"}{" "}
                            in 24 h
                          </span>
                        ) : null}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </TableScroll>
          <Pagination page={filter.page} pages={users.pages} summary={`${users.total} users`} />
        </>
      )}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
