import { Form } from "@remix-run/react";
import { SubmitButton } from "~/components/ui/submit-button";
import { TableScroll } from "~/components/ui/table-scroll";
import { When } from "~/components/ui/when";

type OpenInvitation = {
  id: string;
  name: string;
  email: string;
  lenderRole: string | null;
  expiresAt: string | Date;
};

/** Invitations not yet accepted, each with a button that revokes it. */
export function InvitationList({ invitations }: { invitations: readonly OpenInvitation[] }) {
  if (invitations.length === 0) return null;
  return (
    <>
      <h3>Open invitations</h3>
      <TableScroll label="Open invitations">
        <table>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">E-mail</th>
              <th scope="col">Expires</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {invitations.map((invitation) => {
              const expired = new Date(invitation.expiresAt).getTime() < Date.now();
              return (
                <tr key={invitation.id}>
                  <td>{invitation.name}</td>
                  <td>{invitation.email}</td>
                  <td>
                    {expired ? (
                      <span className="badge badge-bad">Expired</span>
                    ) : (
                      <When at={invitation.expiresAt} relative />
                    )}
                  </td>
                  <td>
                    <Form method="post" className="inline-form">
                      <input type="hidden" name="invitationId" value={invitation.id} />
                      <SubmitButton
                        name="intent"
                        value="revoke-invitation"
                        className="button-ghost"
                        pendingLabel="Revoking…"
                      >
                        Revoke
                      </SubmitButton>
                    </Form>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </TableScroll>
    </>
  );
}
