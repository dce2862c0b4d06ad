// Compliance review of potential sanctions matches (docs/design/sanctions.md, review): each open
// hit shows the screened name beside the list entry; the admin clears it or confirms it.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ConfirmAction } from "~/components/ui/confirm-action";
import { FormAlert } from "~/components/ui/form-alert";
import { SubmitButton } from "~/components/ui/submit-button";
import { When } from "~/components/ui/when";
import { APPLICATION_STATUS_LABELS, type ApplicationStatus } from "~/domain/applications/workflow";
import { listVersions } from "~/domain/sanctions/lists.server";
import { HitDecisionSchema } from "~/domain/sanctions/review";
import { decideHit, listHits } from "~/domain/sanctions/review.server";
import { SUBJECT_LABELS, type SubjectType } from "~/domain/sanctions/subjects";
import { prisma } from "~/utils/db.server";
import { formDataOf } from "~/utils/form.server";
import { notFound } from "~/utils/http.server";
import { clientIp } from "~/utils/request.server";
import { redirectWithToast } from "~/utils/toast.server";
import { requireAdmin } from "~/web/permissions.server";

export const meta: MetaFunction = () => [{ title: "Sanctions screening — TradeLift" }];

// Schemas are built inside `/* @__PURE__ */` closures so the browser bundle drops them: forms
// validate on the server only (docs/design/platform.md, "Light pages").
const ViewSchema = /* @__PURE__ */ (() =>
  z.object({ status: z.enum(["OPEN", "CLEARED", "CONFIRMED"]).catch("OPEN") }))();

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  const { status } = ViewSchema.parse({ status: new URL(request.url).searchParams.get("status") ?? "OPEN" });
  const [hits, versions] = await Promise.all([listHits(prisma, { status }), listVersions(prisma)]);
  return { status, hits, versions };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireAdmin(request);
  const form = Object.fromEntries(await formDataOf(request));
  const parsed = HitDecisionSchema.safeParse(form);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return data(
      { hitId: String(form.hitId ?? ""), error: issue?.message ?? "That request could not be read." },
      { status: 400 },
    );
  }
  const outcome = await decideHit(prisma, {
    hitId: parsed.data.hitId,
    decision: parsed.data.intent,
    reason: parsed.data.reason,
    actor: { id: actor.id, role: actor.role, name: actor.name },
    ip: clientIp(context),
  });
  if (!outcome.ok) {
    if (outcome.reason === "not-found") notFound("This screening hit does not exist.");
    return data(
      {
        hitId: parsed.data.hitId,
        error: "Another admin decided this hit meanwhile; the page is up to date now.",
      },
      { status: 409 },
    );
  }
  const where = outcome.applicationStatus
    ? ` The application is now ${APPLICATION_STATUS_LABELS[outcome.applicationStatus as ApplicationStatus]?.toLowerCase() ?? outcome.applicationStatus}.`
    : "";
  return redirectWithToast("/admin/screening", {
    kind: "success",
    title: parsed.data.intent === "clear" ? "Hit cleared" : "Match confirmed",
    description: `Recorded with your reason in the audit log.${where}`,
  });
}

const day = (value: string | Date) => new Date(value).toISOString().slice(0, 10);

export default function Screening() {
  const { status, hits, versions } = useLoaderData<typeof loader>();
  const refused = useActionData<typeof action>();
  const current = versions[0];
  return (
    <>
      <div className="page-header">
        <div>
          <h1>Sanctions screening</h1>
          <p>
            {current
              ? `Screening against the OFAC SDN list of ${day(current.listDate)} (${current.entryCount.toLocaleString("en-US")} entries, SHA-256 ${current.sha256.slice(0, 12)}…). ${versions.length} version${versions.length === 1 ? "" : "s"} loaded.`
              : "No sanctions list is loaded: run npm run sanctions:load."}
          </p>
        </div>
        <Form method="get" className="filter-bar card" aria-label="Which hits">
          <label htmlFor="status">Hits</label>
          <select id="status" name="status" defaultValue={status}>
            <option value="OPEN">Open</option>
            <option value="CLEARED">Cleared</option>
            <option value="CONFIRMED">Confirmed</option>
          </select>
          <button type="submit" className="button button-secondary">
            Show
          </button>
        </Form>
      </div>
      {hits.length === 0 ? <p className="card">No {status.toLowerCase()} hits.</p> : null}
      {hits.map((hit) => (
        <section key={hit.id} className="card" aria-labelledby={`hit-${hit.id}`}>
          <h2 id={`hit-${hit.id}`}>
            {hit.screening.name} — {hit.entry.name}
          </h2>
          <div className="grid grid-2">
            <dl className="details">
              <dt>Screened name</dt>
              <dd>{hit.screening.name}</dd>
              <dt>Who</dt>
              <dd>
                {SUBJECT_LABELS[hit.screening.subjectType as SubjectType] ?? hit.screening.subjectType} of{" "}
                {hit.merchantName}
              </dd>
              <dt>Found</dt>
              <dd>
                <When at={hit.createdAt} />, at {hit.screening.trigger.toLowerCase().replace("_", " ")}
              </dd>
              <dt>Application</dt>
              <dd>
                {hit.applicationId ? (
                  <Link to={`/admin/applications/${hit.applicationId}`}>
                    {APPLICATION_STATUS_LABELS[hit.applicationStatus as ApplicationStatus] ?? "Open it"}
                  </Link>
                ) : (
                  "None (found when the name was saved)"
                )}
              </dd>
              <dt>Similarity</dt>
              <dd>
                {(hit.scorePermille / 10).toFixed(1)} % (matched “{hit.matchedName}”)
              </dd>
            </dl>
            <dl className="details">
              <dt>List entry</dt>
              <dd>
                {hit.entry.name} (ent_num {hit.entry.entNum})
              </dd>
              <dt>Program</dt>
              <dd>{hit.entry.programs || "—"}</dd>
              <dt>Type</dt>
              <dd>{hit.entry.type}</dd>
              {hit.entry.title ? (
                <>
                  <dt>Title</dt>
                  <dd>{hit.entry.title}</dd>
                </>
              ) : null}
              <dt>Remarks</dt>
              <dd>{hit.entry.remarks ?? "—"}</dd>
              <dt>List version</dt>
              <dd>
                OFAC SDN of {day(hit.screening.list.listDate)}, SHA-256{" "}
                {hit.screening.list.sha256.slice(0, 12)}…
              </dd>
            </dl>
          </div>
          {hit.status === "OPEN" ? (
            <HitDecision hitId={hit.id} error={refused?.hitId === hit.id ? refused.error : undefined} />
          ) : (
            <p>
              {hit.status === "CLEARED" ? "Cleared" : "Confirmed"}
              {hit.decidedAt ? (
                <>
                  {" "}
                  <When at={hit.decidedAt} />
                </>
              ) : null}
              : {hit.decisionReason}
            </p>
          )}
        </section>
      ))}
    </>
  );
}

function HitDecision({ hitId, error }: { hitId: string; error?: string }) {
  return (
    <div>
      {error ? <FormAlert errors={[error]} /> : null}
      <Form method="post" aria-label="Clear this hit" noValidate>
        <input type="hidden" name="hitId" value={hitId} />
        <label htmlFor={`clear-${hitId}`}>Why this is not the listed party</label>
        <textarea id={`clear-${hitId}`} name="reason" rows={2} required minLength={10} />
        <SubmitButton name="intent" value="clear" pendingLabel="Clearing…">
          Clear: not the listed party
        </SubmitButton>
      </Form>
      <ConfirmAction
        label="Confirm the match…"
        intent="confirm"
        confirmLabel="Yes, it is the listed party"
        consequence="The application ends, declined; the merchant is told only that it cannot proceed. Lenders holding a later-stage deal are told."
        fields={{ hitId }}
      >
        <label htmlFor={`confirm-${hitId}`}>Why this is the listed party</label>
        <textarea id={`confirm-${hitId}`} name="reason" rows={2} required minLength={10} />
      </ConfirmAction>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
