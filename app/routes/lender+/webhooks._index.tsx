import { getCollectionProps, getFormProps, getInputProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import type { z } from "zod";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorList, Field } from "~/components/ui/field";
import { FormAlert } from "~/components/ui/form-alert";
import { SubmitButton } from "~/components/ui/submit-button";
import { TableScroll } from "~/components/ui/table-scroll";
import { When } from "~/components/ui/when";
import { CreateEndpointSchema, WEBHOOK_EVENT_LABELS, WEBHOOK_EVENT_TYPES } from "~/domain/webhooks/events";
import { createEndpoint, listEndpoints, webhookAddressRules } from "~/domain/webhooks/webhooks.server";
import { WEBHOOK_DELIVERY_WORKFLOW } from "~/domain/webhooks/workflow";
import { statusLabel } from "~/domain/workflow/machine";
import { prisma } from "~/utils/db.server";
import { formDataOf, replyStatus } from "~/utils/form.server";
import { clientIp } from "~/utils/request.server";
import { requireLender } from "~/web/permissions.server";

export const meta: MetaFunction = () => [{ title: "Webhooks — TradeLift" }];

export async function loader({ request }: LoaderFunctionArgs) {
  // Only a lender admin connects its systems; underwriters get the 404 of any page they cannot use.
  const actor = await requireLender(request, { role: "ADMIN" });
  return {
    endpoints: await listEndpoints(prisma, actor.lenderOrgId),
    localHttpAllowed: !webhookAddressRules().production,
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireLender(request, { role: "ADMIN" });
  const submission = parseWithZod(await formDataOf(request), { schema: CreateEndpointSchema });
  if (submission.status !== "success")
    return data({ result: submission.reply() }, { status: replyStatus(submission) });
  const created = await createEndpoint(prisma, {
    lenderOrgId: actor.lenderOrgId,
    url: submission.value.url,
    description: submission.value.description,
    events: submission.value.events,
    actor: { id: actor.id, role: actor.role },
    ip: clientIp(context),
  });
  if (!created.ok) {
    const reply =
      created.reason === "invalid"
        ? submission.reply({ fieldErrors: { [created.field]: [created.message] } })
        : submission.reply({ formErrors: ["message" in created ? created.message : "Not found."] });
    return data({ result: reply }, { status: created.reason === "invalid" ? 400 : 409 });
  }
  // Post/Redirect/Get: the endpoint's page shows the new secret once, from its one-time reveal, so
  // reloading that page registers nothing more.
  return redirect(`/lender/webhooks/${created.endpointId}?reveal=${created.revealId}`, 303);
}

export default function Webhooks() {
  const { endpoints, localHttpAllowed } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm<z.input<typeof CreateEndpointSchema>>({
    id: "new-webhook-endpoint",
    lastResult: actionData?.result,
    defaultValue: { events: [...WEBHOOK_EVENT_TYPES] },
    shouldRevalidate: "onBlur",
  });
  return (
    <>
      <div className="page-header">
        <div>
          <h1>Webhooks</h1>
          <p>
            TradeLift tells your systems when something happens to your referrals: a signed HTTPS POST to each
            endpoint you register here.
          </p>
          <details>
            <summary>How your systems check a delivery</summary>
            <ul className="small">
              <li>
                Each POST carries <code>TradeLift-Webhook-Id</code>, <code>TradeLift-Webhook-Timestamp</code>{" "}
                (Unix seconds) and <code>TradeLift-Webhook-Signature: v1=&lt;hex&gt;</code>: the HMAC-SHA256,
                keyed with the endpoint's secret, of the timestamp, a dot and the raw body, as received.
              </li>
              <li>
                For a day after a rotation the header carries two signatures separated by a space: accept the
                delivery if any of them matches.
              </li>
              <li>
                Refuse a timestamp more than 5 minutes from your clock, and do not process an id twice: a
                retry or a resend keeps its id.
              </li>
              <li>Answer with a 2xx status once the work is done; anything else is tried again later.</li>
            </ul>
          </details>
        </div>
        <Link to="/lender/team" className="button">
          Back to your team
        </Link>
      </div>
      <section className="card" aria-labelledby="endpoints-title">
        <h2 id="endpoints-title">Your endpoints</h2>
        {endpoints.length === 0 ? (
          <p className="muted">No endpoint yet: register one below.</p>
        ) : (
          <TableScroll label="Webhook endpoints">
            <table>
              <thead>
                <tr>
                  <th scope="col">Address</th>
                  <th scope="col">Events</th>
                  <th scope="col">State</th>
                  <th scope="col">Last delivery</th>
                </tr>
              </thead>
              <tbody>
                {endpoints.map((e) => (
                  <tr key={e.id}>
                    <td>
                      <Link to={`/lender/webhooks/${e.id}`}>{e.url}</Link>
                      {e.description ? <div className="muted small">{e.description}</div> : null}
                    </td>
                    <td>
                      {e.events.length === WEBHOOK_EVENT_TYPES.length ? "All events" : e.events.join(", ")}
                    </td>
                    <td>{e.disabledAt ? "Switched off" : "On"}</td>
                    <td>
                      {e.lastDelivery ? (
                        <>
                          {statusLabel(WEBHOOK_DELIVERY_WORKFLOW, e.lastDelivery.status)},{" "}
                          <When at={e.lastDelivery.createdAt} />
                        </>
                      ) : (
                        "None yet"
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
      </section>
      <section className="card" aria-labelledby="register-title">
        <h2 id="register-title">Register an endpoint</h2>
        <Form method="post" {...getFormProps(form)}>
          <FormAlert id={form.errorId} errors={[...(form.errors ?? []), ...(fields.intent.errors ?? [])]} />
          <input type="hidden" name="intent" value="create" />
          <Field
            label="Endpoint address"
            hint={
              localHttpAllowed
                ? "An https:// address of your systems. On this installation, which only this machine reaches (or while developing), http://localhost and http://127.0.0.1 are accepted too."
                : "An https:// address of your systems, reachable from the internet (private and local network addresses are refused)."
            }
            errors={fields.url.errors}
            inputProps={{ ...getInputProps(fields.url, { type: "url" }), placeholder: "https://" }}
          />
          <Field
            label="Description (optional)"
            errors={fields.description.errors}
            inputProps={getInputProps(fields.description, { type: "text" })}
          />
          <fieldset aria-describedby={fields.events.errors?.length ? fields.events.errorId : undefined}>
            <legend>Events to send</legend>
            <div className="checkbox-grid">
              {getCollectionProps(fields.events, { type: "checkbox", options: [...WEBHOOK_EVENT_TYPES] }).map(
                ({ key, ...props }) => (
                  <label key={key}>
                    <input {...props} />
                    {WEBHOOK_EVENT_LABELS[props.value as (typeof WEBHOOK_EVENT_TYPES)[number]]}{" "}
                    <code className="muted small">{props.value}</code>
                  </label>
                ),
              )}
            </div>
            <ErrorList id={fields.events.errorId} errors={fields.events.errors} />
          </fieldset>
          <SubmitButton pendingLabel="Registering…">Register endpoint</SubmitButton>
        </Form>
      </section>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
