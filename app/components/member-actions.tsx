import { Form } from "@remix-run/react";
import { SubmitButton } from "~/components/ui/submit-button";

type Member = { id: string; role: string; deactivatedAt: string | Date | null; user: { name: string } };

/** Change a lender member's role, or deactivate / reactivate them. */
export function MemberActions({ member, isSelf }: { member: Member; isSelf: boolean }) {
  if (isSelf) return <span className="muted small">You</span>;
  const active = member.deactivatedAt === null;
  const otherRole = member.role === "ADMIN" ? "UNDERWRITER" : "ADMIN";
  return (
    <div className="button-row tight">
      {active ? (
        <Form method="post" className="inline-form">
          <input type="hidden" name="memberId" value={member.id} />
          <input type="hidden" name="role" value={otherRole} />
          <SubmitButton name="intent" value="change-role" className="button-secondary" pendingLabel="Saving…">
            Make {otherRole === "ADMIN" ? "lender admin" : "underwriter"}
            <span className="visually-hidden"> ({member.user.name})</span>
          </SubmitButton>
        </Form>
      ) : null}
      <Form method="post" className="inline-form">
        <input type="hidden" name="memberId" value={member.id} />
        <input type="hidden" name="active" value={active ? "false" : "true"} />
        <SubmitButton name="intent" value="set-active" className="button-ghost" pendingLabel="Saving…">
          {active ? "Deactivate" : "Reactivate"}
          <span className="visually-hidden"> {member.user.name}</span>
        </SubmitButton>
      </Form>
    </div>
  );
}
