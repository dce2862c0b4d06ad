// The lenders' API reference for people, rendered on the server from the OpenAPI document the API
// serves (/api/v1/openapi.json): no external script or stylesheet.
import type { MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { TableScroll } from "~/components/ui/table-scroll";
import { apiReference } from "~/web/api/reference.server";

export const meta: MetaFunction = () => [{ title: "API reference — TradeLift" }];

let cached: ReturnType<typeof apiReference> | undefined;

export function loader() {
  cached ??= apiReference();
  return cached;
}

function Fields({
  label,
  fields,
}: {
  label: string;
  fields: { name: string; type: string; required: boolean; description: string }[];
}) {
  if (fields.length === 0) return null;
  return (
    <TableScroll label={label}>
      <table>
        <thead>
          <tr>
            <th scope="col">Field</th>
            <th scope="col">Type</th>
            <th scope="col">Required</th>
            <th scope="col">Description</th>
          </tr>
        </thead>
        <tbody>
          {fields.map((f) => (
            <tr key={f.name}>
              <td>
                <code>{f.name}</code>
              </td>
              <td>{f.type}</td>
              <td>{f.required ? "yes" : "no"}</td>
              <td>{f.description}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

export default function ApiReferencePage() {
  const { info, operations, schemas, problems } = useLoaderData<typeof loader>();
  return (
    <>
      <div className="page-header">
        <div>
          <h1>{`${info.title} ${info.version}`}</h1>
          {info.description
            .split("\n")
            .filter(Boolean)
            .map((line) => (
              <p key={line}>{line}</p>
            ))}
          <p>
            The machine-readable description: <a href="/api/v1/openapi.json">/api/v1/openapi.json</a> (OpenAPI
            3.1). Keys: <Link to="/lender/api-keys">API keys</Link> (lender admins).
          </p>
        </div>
      </div>
      <nav className="card" aria-labelledby="contents-title">
        <h2 id="contents-title">Operations</h2>
        <ul>
          {operations.map((op) => (
            <li key={op.id}>
              <a href={`#${op.id}`}>
                <code>{`${op.method} ${op.path}`}</code>
              </a>
              {` — ${op.summary}`}
            </li>
          ))}
        </ul>
      </nav>
      {operations.map((op) => (
        <section key={op.id} id={op.id} className="card" aria-labelledby={`${op.id}-title`}>
          <h2 id={`${op.id}-title`}>
            <code>{`${op.method} ${op.path}`}</code>
          </h2>
          <p>
            <strong>{op.summary}</strong>
            {op.description ? ` ${op.description}` : ""}
          </p>
          {op.parameters.length > 0 ? (
            <>
              <h3>Parameters</h3>
              <TableScroll label={`Parameters of ${op.id}`}>
                <table>
                  <thead>
                    <tr>
                      <th scope="col">Name</th>
                      <th scope="col">In</th>
                      <th scope="col">Type</th>
                      <th scope="col">Required</th>
                      <th scope="col">Description</th>
                    </tr>
                  </thead>
                  <tbody>
                    {op.parameters.map((p) => (
                      <tr key={`${p.in}-${p.name}`}>
                        <td>
                          <code>{p.name}</code>
                        </td>
                        <td>{p.in}</td>
                        <td>{p.type}</td>
                        <td>{p.required ? "yes" : "no"}</td>
                        <td>{p.description}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </TableScroll>
            </>
          ) : null}
          {op.body ? (
            <>
              <h3>{`Body${op.body.name ? `: ${op.body.name}` : ""} (application/json)`}</h3>
              <Fields label={`Body of ${op.id}`} fields={op.body.fields} />
              {op.body.example ? (
                <>
                  <h4>Example</h4>
                  <pre>
                    <code>{op.body.example}</code>
                  </pre>
                </>
              ) : null}
            </>
          ) : null}
          <h3>Answers</h3>
          <ul>
            {op.responses.map((r) => (
              <li key={r.status}>
                <strong>{r.status}</strong>
                {` ${r.description}`}
                {r.type ? (
                  <>
                    {" — "}
                    {r.type.split(" or ").map((t, i) => (
                      <span key={t}>
                        {i > 0 ? " or " : ""}
                        {schemas.some((s) => s.name === t) ? <a href={`#schema-${t}`}>{t}</a> : t}
                      </span>
                    ))}
                    {` (${r.contentType})`}
                  </>
                ) : null}
              </li>
            ))}
          </ul>
        </section>
      ))}
      <section className="card" aria-labelledby="schemas-title">
        <h2 id="schemas-title">Schemas</h2>
        {schemas.map((s) => (
          <div key={s.name} id={`schema-${s.name}`}>
            <h3>{s.name}</h3>
            {s.description ? <p>{s.description}</p> : null}
            <Fields label={`Fields of ${s.name}`} fields={s.fields} />
            {s.example ? (
              <pre>
                <code>{s.example}</code>
              </pre>
            ) : null}
          </div>
        ))}
      </section>
      <section className="card" aria-labelledby="problems-title">
        <h2 id="problems-title">Problems</h2>
        <p>
          Errors are <code>application/problem+json</code> (RFC 9457): <code>type</code>, <code>title</code>,{" "}
          <code>status</code>, <code>detail</code>, and for invalid input <code>errors</code>, each{" "}
          <code>{"{ field, message }"}</code>.
        </p>
        <dl className="details">
          {problems.map((p) => (
            <div key={p.type} id={`problem-${p.type}`}>
              <dt>
                <code>{`/developers/api#problem-${p.type}`}</code>
              </dt>
              <dd>{`${p.status} — ${p.title}`}</dd>
            </div>
          ))}
        </dl>
      </section>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
