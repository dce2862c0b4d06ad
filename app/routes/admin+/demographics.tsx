import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FilterSelect } from "~/components/ui/filter-select";
import { TableScroll } from "~/components/ui/table-scroll";
import { registerCells, reportingYearOf, reportingYears } from "~/domain/section1071/register";
import { viewRegister } from "~/domain/section1071/register.server";
import { prisma } from "~/utils/db.server";
import { clientIp } from "~/utils/request.server";
import { requireAdmin } from "~/web/permissions.server";

export const meta: MetaFunction = () => [{ title: "Section 1071 register — TradeLift" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireAdmin(request);
  const thisYear = new Date().getUTCFullYear();
  const year = reportingYearOf(new URL(request.url).searchParams.get("year"), thisYear);
  const register = await viewRegister(prisma, {
    year,
    actor: { id: actor.id, role: actor.role },
    ip: clientIp(context),
  });
  return {
    year,
    years: reportingYears(register.firstYear, thisYear),
    pending: register.pending,
    rows: register.entries.map(registerCells),
  };
}

export default function Section1071Register() {
  const { year, years, pending, rows } = useLoaderData<typeof loader>();
  const columns = rows[0] ? Object.keys(rows[0]) : [];
  return (
    <>
      <div className="page-header">
        <div>
          <h1>Section 1071 register</h1>
          <p>
            {`Every covered application whose action was taken in ${year}, with the applicant's optional answers. Admins only; never shown to lenders. Each view and download is recorded in the audit log.`}
          </p>
        </div>
        <a className="button button-secondary" href={`/admin/demographics.csv?year=${year}`} download>
          Download CSV
        </a>
      </div>
      <Form method="get" className="card filter-bar" aria-label="Choose the reporting period">
        <FilterSelect
          id="register-year"
          name="year"
          label="Reporting period (calendar year)"
          value={String(year)}
          options={years.map((y) => ({ value: String(y), label: String(y) }))}
          allLabel={null}
        />
        <button type="submit" className="button button-secondary">
          Show
        </button>
      </Form>
      {pending > 0 ? (
        <p className="muted">{`${pending} application${pending === 1 ? "" : "s"} received in ${year} ${pending === 1 ? "is" : "are"} still pending: reported in the year action is taken.`}</p>
      ) : null}
      {rows.length === 0 ? (
        <p className="muted">{`No application had its action taken in ${year}.`}</p>
      ) : (
        <TableScroll label={`Section 1071 register ${year}`}>
          <table>
            <thead>
              <tr>
                {columns.map((column) => (
                  <th key={column} scope="col">
                    {column}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row["Application ID"]}>
                  {columns.map((column) => (
                    <td key={column}>{row[column]}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
