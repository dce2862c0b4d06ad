// A lending partner's status history on its admin page: each move with who made it, when and why.
import { TableScroll } from "~/components/ui/table-scroll";
import { When } from "~/components/ui/when";
import { PARTNER_WORKFLOW } from "~/domain/lenders/workflow";
import { statusLabel } from "~/domain/workflow/machine";

type Move = {
  id: string;
  at: Date | string;
  actorName: string | null;
  actorRole: string | null;
  from: string | null;
  to: string;
  reason: string | null;
  action: string;
};

const label = (status: string) => statusLabel(PARTNER_WORKFLOW, status);

export function PartnerHistory({ moves }: { moves: readonly Move[] }) {
  return (
    <section className="card" aria-labelledby="history-title">
      <h2 id="history-title">Status history</h2>
      {moves.length === 0 ? (
        <p className="muted small">No status change is recorded for this partner.</p>
      ) : (
        <TableScroll label="Status history">
          <table>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Change</th>
                <th scope="col">By</th>
                <th scope="col">Reason</th>
              </tr>
            </thead>
            <tbody>
              {moves.map((move) => (
                <tr key={move.id}>
                  <td>
                    <When at={move.at} />
                  </td>
                  <td>
                    {move.from
                      ? `${label(move.from)} → ${label(move.to)}`
                      : `${move.action === "lender.partner_applied" ? "Applied" : "Added"} as ${label(move.to).toLowerCase()}`}
                  </td>
                  <td>
                    {move.actorName
                      ? `${move.actorName}${move.actorRole ? ` (${move.actorRole.toLowerCase()})` : ""}`
                      : "The applicant, through the public form"}
                  </td>
                  <td>{move.reason ?? "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </section>
  );
}
