import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { TableScroll } from "~/components/ui/table-scroll";
import { recordAudit } from "~/domain/audit/audit.server";
import { ANSWER_LABELS, DEMOGRAPHIC_QUESTIONS } from "~/domain/merchants/demographics";
import { demographicAggregates } from "~/domain/merchants/merchants.server";
import { prisma } from "~/utils/db.server";
import { requireAdmin } from "~/web/permissions.server";

export const meta: MetaFunction = () => [{ title: "Demographic totals — TradeLift" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireAdmin(request);
  await recordAudit(prisma, {
    actor: { id: actor.id, role: actor.role },
    action: "admin.demographics_viewed",
    entityType: "Merchant",
  });
  return demographicAggregates(prisma);
}

export default function DemographicTotals() {
  const { total, counts } = useLoaderData<typeof loader>();
  return (
    <>
      <div className="page-header">
        <div>
          <h1>Demographic totals</h1>
          <p>{`Optional answers from ${total} businesses, in totals only. Never shown per business, never to lenders.`}</p>
        </div>
      </div>
      <div className="grid grid-2">
        {counts.map((group) => (
          <section className="card" key={group.field} aria-label={group.field}>
            <h2>{DEMOGRAPHIC_QUESTIONS.find((q) => q.field === group.field)?.label ?? group.field}</h2>
            <TableScroll label={group.field}>
              <table>
                <tbody>
                  {group.rows.map((row) => (
                    <tr key={row.answer}>
                      <th scope="row">{ANSWER_LABELS[row.answer] ?? row.answer}</th>
                      <td className="num">{row.count}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
          </section>
        ))}
      </div>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
