import { getCollectionProps, getFormProps, getInputProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import type { z } from "zod";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { AlreadyShown, ShownOnce } from "~/components/shown-once";
import { ConfirmAction } from "~/components/ui/confirm-action";
import { ErrorList, Field } from "~/components/ui/field";
import { FilterSelect, optionsOf } from "~/components/ui/filter-select";
import { FormAlert } from "~/components/ui/form-alert";
import { Pagination, useFirstPageLink } from "~/components/ui/pagination";
import { SubmitButton } from "~/components/ui/submit-button";
import { TableScroll } from "~/components/ui/table-scroll";
import { When } from "~/components/ui/when";
import { takeReveal } from "~/domain/accounts/one-time-reveal.server";
import {
  DELIVERIES_PAGE_SIZE,
  EndpointActionSchema,
  type UpdateEndpointSchema,
  WEBHOOK_EVENT_LABELS,
  WEBHOOK_EVENT_TYPES,
} from "~/domain/webhooks/events";
import {
  deleteEndpoint,
  type EndpointOutcome,
  endpointWithDeliveries,
  parseDeliveryLogFilter,
  resendDelivery,
  rotateEndpointSecret,
  setEndpointEnabled,
  updateEndpoint,
  webhookSecretPurpose,
} from "~/domain/webhooks/webhooks.server";
import { WEBHOOK_DELIVERY_STATUSES, WEBHOOK_DELIVERY_WORKFLOW } from "~/domain/webhooks/workflow";
import { statusLabel } from "~/domain/workflow/machine";
import { prisma } from "~/utils/db.server";
import { formDataOf, replyStatus, singleValue } from "~/utils/form.server";
import { notFound } from "~/utils/http.server";
import { clientIp } from "~/utils/request.server";
import { redirectWithToast } from "~/utils/toast.server";
import { requireLender } from "~/web/permissions.server";
import { keepRevealOnReply } from "~/web/revalidate";

export const meta: MetaFunction = () => [{ title: "Webhook endpoint — TradeLift" }];

// The page may carry a new secret (and always carries the delivery payloads): never cached.
const NO_STORE = { "Cache-Control": "private, no-store" };
export const headers: HeadersFunction = () => NO_STORE;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireLender(request, { role: "ADMIN" });
  const url = new URL(request.url);
  const filter = parseDeliveryLogFilter(url.searchParams);
  const endpoint = await endpointWithDeliveries(prisma, {
    lenderOrgId: actor.lenderOrgId,
    endpointId: params.endpointId ?? "",
    filter,
  });
  if (!endpoint) notFound("This webhook endpoint is not one of yours.");
  // ?reveal=<id>, after registering the endpoint or rotating its secret: the new secret is shown
  // to the admin who made it, once; a reload (or anyone else) gets the note that it was shown.
  const revealId = url.searchParams.get("reveal");
  const now = new Date();
  const secret =
    revealId === null
      ? null
      : await takeReveal(prisma, {
          id: revealId,
          userId: actor.id,
          purpose: webhookSecretPurpose(endpoint.id),
        });
  const reveal =
    revealId === null
      ? null
      : {
          secret,
          // After a rotation the previous secret still signs until then; a new endpoint has none.
          previousValidUntil:
            endpoint.previousSecretExpiresAt && endpoint.previousSecretExpiresAt > now
              ? endpoint.previousSecretExpiresAt.toISOString()
              : null,
        };
  return data({ endpoint, reveal, filter }, { headers: NO_STORE });
}

// Reading a reveal deletes it: a field error answered in place keeps the secret on the page.
export const shouldRevalidate = keepRevealOnReply;

export async function action({ request, params, context }: ActionFunctionArgs) {
  const actor = await requireLender(request, { role: "ADMIN" });
  const formData = await formDataOf(request);
  const submission = parseWithZod(formData, { schema: EndpointActionSchema });
  if (submission.status !== "success") {
    if (singleValue(formData, "intent") === "update" || submission.status === undefined)
      return data({ result: submission.reply(), pageError: null }, { status: replyStatus(submission) });
    return data(
      {
        result: null,
        pageError: "That change could not be made as sent. Reload the page and try again.",
      },
      { status: 400 },
    );
  }
  const scoped = {
    lenderOrgId: actor.lenderOrgId,
    endpointId: params.endpointId ?? "",
    actor: { id: actor.id, role: actor.role },
    ip: clientIp(context),
  };
  const page = `/lender/webhooks/${scoped.endpointId}`;
  const refused = (done: Exclude<EndpointOutcome, { ok: true }>) => {
    if (done.reason === "not-found") notFound("This webhook endpoint or delivery is not one of yours.");
    if (done.reason === "invalid")
      return data(
        {
          result: submission.reply({ fieldErrors: { [done.field]: [done.message] } }),
          pageError: null,
        },
        { status: 400 },
      );
    return data({ result: null, pageError: done.message }, { status: 409 });
  };
  const value = submission.value;
  switch (value.intent) {
    case "update": {
      const done = await updateEndpoint(prisma, { ...scoped, ...value });
      if (!done.ok) return refused(done);
      return redirectWithToast(page, { kind: "success", title: "Endpoint saved" });
    }
    case "set-enabled": {
      const enabled = value.enabled === "true";
      const done = await setEndpointEnabled(prisma, { ...scoped, enabled });
      if (!done.ok) return refused(done);
      return redirectWithToast(page, {
        kind: "success",
        title: enabled ? "Endpoint switched on" : "Endpoint switched off",
      });
    }
    case "rotate": {
      const done = await rotateEndpointSecret(prisma, scoped);
      if (!done.ok) return refused(done);
      // Post/Redirect/Get, like registering: the page shows the new secret once from its reveal.
      return redirect(`${page}?reveal=${done.revealId}`, 303);
    }
    case "delete": {
      const done = await deleteEndpoint(prisma, scoped);
      if (!done.ok) return refused(done);
      return redirectWithToast("/lender/webhooks", { kind: "success", title: "Endpoint deleted" });
    }
    case "resend": {
      const done = await resendDelivery(prisma, { ...scoped, deliveryId: value.deliveryId });
      if (!done.ok) return refused(done);
      // Back to the same page of the log, with its filter.
      const log = parseDeliveryLogFilter(new URL(request.url).searchParams);
      const query = new URLSearchParams({
        ...(log.status ? { status: log.status } : {}),
        ...(log.page > 1 ? { page: String(log.page) } : {}),
      });
      return redirectWithToast(query.size > 0 ? `${page}?${query}` : page, {
        kind: "success",
        title: "Delivery queued again",
        description: "It is sent within a minute, with the same event id.",
      });
    }
  }
}

const DELIVERY_STATUS_OPTIONS = optionsOf(WEBHOOK_DELIVERY_STATUSES, (status) =>
  statusLabel(WEBHOOK_DELIVERY_WORKFLOW, status),
);

const WEBHOOK_SECRET = {
  noun: "secret",
  testId: "webhook-secret",
  use: "Your systems use it to check that each delivery comes from TradeLift.",
};

export default function WebhookEndpoint() {
  const { endpoint, reveal, filter } = useLoaderData<typeof loader>();
  const firstPage = useFirstPageLink();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm<z.input<typeof UpdateEndpointSchema>>({
    id: "edit-webhook-endpoint",
    lastResult: actionData?.result,
    defaultValue: {
      intent: "update",
      url: endpoint.url,
      description: endpoint.description,
      events: endpoint.events,
    },
  });
  const editFields = fields;
  return (
    <>
      <div className="page-header">
        <div>
          <h1>Webhook endpoint</h1>
          <p>
            <code>{endpoint.url}</code> — {endpoint.disabledAt ? "switched off: nothing new is sent" : "on"}
          </p>
        </div>
        <Link to="/lender/webhooks" className="button">
          All endpoints
        </Link>
      </div>
      {reveal?.secret && reveal.previousValidUntil ? (
        <ShownOnce {...WEBHOOK_SECRET} title="Secret rotated" value={reveal.secret}>
          The previous secret keeps signing beside this one until <When at={reveal.previousValidUntil} />:
          each delivery carries both signatures until then, so switch your systems over before.
        </ShownOnce>
      ) : reveal?.secret ? (
        <ShownOnce {...WEBHOOK_SECRET} title="Endpoint registered" value={reveal.secret}>
          Signing secret for <code>{endpoint.url}</code>.
        </ShownOnce>
      ) : reveal ? (
        <AlreadyShown noun="secret">
          For safety a signing secret is shown only once, right after it is made, and TradeLift cannot show it
          again. If you did not copy it, rotate the secret below to get a new one.
        </AlreadyShown>
      ) : null}
      {actionData?.pageError ? (
        <div className="alert alert-error" role="alert">
          <p>{actionData.pageError}</p>
        </div>
      ) : null}
      <section className="card" aria-labelledby="deliveries-title">
        <h2 id="deliveries-title">Deliveries</h2>
        <p className="muted small">
          Newest first, {DELIVERIES_PAGE_SIZE} to a page. A delivery that failed is tried again after 30
          seconds, then twice as long after each failure (at most an hour apart), 8 times in all. Resending
          one sends the same event (same id and body) again: your systems should ignore an id they have
          already processed.
        </p>
        <Form method="get" className="filter-bar" aria-label="Filter deliveries">
          <FilterSelect
            id="deliveries-status"
            name="status"
            label="Status"
            value={filter.status}
            options={DELIVERY_STATUS_OPTIONS}
          />
          <button type="submit" className="button button-secondary">
            Show
          </button>
        </Form>
        {endpoint.deliveryPages.total === 0 ? (
          <p>{filter.status ? "No delivery in this status." : "No delivery yet."}</p>
        ) : endpoint.deliveries.length === 0 ? (
          <p>
            No deliveries on this page. <Link to={firstPage}>Back to the first page</Link>
          </p>
        ) : (
          <TableScroll label="Deliveries">
            <table>
              <thead>
                <tr>
                  <th scope="col">Event</th>
                  <th scope="col">Status</th>
                  <th scope="col" className="num">
                    Attempts
                  </th>
                  <th scope="col">Last answer</th>
                  <th scope="col">Next attempt</th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {endpoint.deliveries.map((d) => (
                  <tr key={d.id}>
                    <td>
                      <code>{d.type}</code>
                      <div className="muted small">
                        <When at={d.createdAt} />
                      </div>
                      <details>
                        <summary>Payload</summary>
                        <p className="small">
                          Id <code>{d.eventId}</code>
                        </p>
                        <pre className="small">{JSON.stringify(JSON.parse(d.payloadJson), null, 2)}</pre>
                      </details>
                    </td>
                    <td>{statusLabel(WEBHOOK_DELIVERY_WORKFLOW, d.status)}</td>
                    <td className="num">{d.attempts}</td>
                    <td>
                      {d.lastResponseCode ?? (d.lastError ? "No answer" : "—")}
                      {d.lastError ? <div className="muted small">{d.lastError}</div> : null}
                    </td>
                    <td>{d.status === "PENDING" ? <When at={d.nextAttemptAt} /> : "—"}</td>
                    <td>
                      {d.status === "PENDING" ? null : (
                        <Form method="post">
                          <input type="hidden" name="deliveryId" value={d.id} />
                          <SubmitButton name="intent" value="resend" pendingLabel="Queuing…">
                            Resend
                          </SubmitButton>
                        </Form>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
        {endpoint.deliveryPages.pages > 1 ? (
          <Pagination
            page={filter.page}
            pages={endpoint.deliveryPages.pages}
            summary={`${endpoint.deliveryPages.total} deliveries`}
          />
        ) : null}
      </section>
      <section className="card" aria-labelledby="settings-title">
        <h2 id="settings-title">Settings</h2>
        <Form method="post" {...getFormProps(form)}>
          <FormAlert id={form.errorId} errors={form.errors} />
          <input type="hidden" name="intent" value="update" />
          <Field
            label="Endpoint address"
            errors={editFields.url.errors}
            inputProps={getInputProps(editFields.url, { type: "url" })}
          />
          <Field
            label="Description (optional)"
            errors={editFields.description.errors}
            inputProps={getInputProps(editFields.description, { type: "text" })}
          />
          <fieldset>
            <legend>Events to send</legend>
            <div className="checkbox-grid">
              {getCollectionProps(editFields.events, {
                type: "checkbox",
                options: [...WEBHOOK_EVENT_TYPES],
              }).map(({ key, ...props }) => (
                <label key={key}>
                  <input {...props} />
                  {WEBHOOK_EVENT_LABELS[props.value as (typeof WEBHOOK_EVENT_TYPES)[number]]}
                </label>
              ))}
            </div>
            <ErrorList id={editFields.events.errorId} errors={editFields.events.errors} />
          </fieldset>
          <SubmitButton pendingLabel="Saving…">Save</SubmitButton>
        </Form>
        <Form method="post">
          <input type="hidden" name="enabled" value={endpoint.disabledAt ? "true" : "false"} />
          <SubmitButton name="intent" value="set-enabled" pendingLabel="Saving…">
            {endpoint.disabledAt ? "Switch on" : "Switch off"}
          </SubmitButton>
        </Form>
        <ConfirmAction
          label="Rotate the secret"
          intent="rotate"
          confirmLabel="Yes, make a new secret"
          consequence="A new secret is shown once. The current one keeps signing beside it for 24 hours, then stops."
          tone="neutral"
        />
        <ConfirmAction
          label="Delete this endpoint"
          intent="delete"
          confirmLabel="Yes, delete it"
          consequence="Nothing more is sent to this address, and its delivery log is deleted. The audit log keeps that it existed."
        />
      </section>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
