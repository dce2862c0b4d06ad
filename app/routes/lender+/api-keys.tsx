// A lender admin's API keys (docs/design/api.md): create one (shown once, after a redirect, from
// its one-time reveal), see them, revoke one. Underwriters get the same 404 as any page they cannot use.
import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { ApiKeyList } from "~/components/api-key-list";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { AlreadyShown, ShownOnce } from "~/components/shown-once";
import { ErrorList, Field } from "~/components/ui/field";
import { FormAlert } from "~/components/ui/form-alert";
import { SubmitButton } from "~/components/ui/submit-button";
import { takeReveal } from "~/domain/accounts/one-time-reveal.server";
import { API_SCOPE_LABELS, API_SCOPES, CreateApiKeySchema, RevokeApiKeySchema } from "~/domain/api/keys";
import { apiKeyRevealPurpose, createApiKey, listApiKeys } from "~/domain/api/keys.server";
import { prisma } from "~/utils/db.server";
import { formDataOf, replyStatus } from "~/utils/form.server";
import { clientIp } from "~/utils/request.server";
import { revokeApiKeyAndReturn } from "~/web/api-keys.server";
import { requireLender } from "~/web/permissions.server";
import { keepRevealOnReply } from "~/web/revalidate";

export const meta: MetaFunction = () => [{ title: "API keys — TradeLift" }];

// The page may carry a new key: never cached.
const NO_STORE = { "Cache-Control": "private, no-store" };
export const headers: HeadersFunction = () => NO_STORE;

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireLender(request, { role: "ADMIN" });
  const keys = await listApiKeys(prisma, actor.lenderOrgId);
  // ?key=<keyId>&reveal=<id>, after creating a key: the key is shown to the admin who made it,
  // once; a reload, another admin, an expired or made-up reveal get the note that it was shown.
  const search = new URL(request.url).searchParams;
  const revealId = search.get("reveal");
  let reveal: { name: string | null; key: string | null } | null = null;
  if (revealId !== null) {
    const listed = keys.find((k) => k.id === search.get("key"));
    const key = listed
      ? await takeReveal(prisma, { id: revealId, userId: actor.id, purpose: apiKeyRevealPurpose(listed.id) })
      : null;
    reveal = { name: listed?.name ?? null, key };
  }
  return data({ keys, orgName: actor.lenderOrgName, reveal }, { headers: NO_STORE });
}

// Reading a reveal deletes it: a field error answered in place keeps the new key on the page.
export const shouldRevalidate = keepRevealOnReply;

// Schemas are built inside `/* @__PURE__ */` closures so the browser bundle drops them: forms
// validate on the server only (docs/design/platform.md, "Light pages").
const ActionSchema = /* @__PURE__ */ (() =>
  z.discriminatedUnion("intent", [CreateApiKeySchema, RevokeApiKeySchema]))();

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireLender(request, { role: "ADMIN" });
  const formData = await formDataOf(request);
  const submission = parseWithZod(formData, { schema: ActionSchema });
  if (submission.status !== "success")
    return data({ result: submission.reply() }, { status: replyStatus(submission) });
  const ip = clientIp(context);
  const by = { id: actor.id, role: actor.role };
  if (submission.value.intent === "revoke-api-key")
    return revokeApiKeyAndReturn({
      lenderOrgId: actor.lenderOrgId,
      keyId: submission.value.keyId,
      actor: by,
      ip,
      returnTo: "/lender/api-keys",
      notFoundMessage: "This key is not one of your keys.",
    });
  const created = await createApiKey(prisma, {
    lenderOrgId: actor.lenderOrgId,
    name: submission.value.name,
    scopes: submission.value.scopes,
    actor: by,
    ip,
  });
  // Post/Redirect/Get: the page shows the new key once, from its one-time reveal (never a cookie,
  // a toast or a log), so reloading it or going back creates nothing more.
  return redirect(`/lender/api-keys?key=${created.id}&reveal=${created.revealId}`, 303);
}

export default function ApiKeys() {
  const { keys, orgName, reveal } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const [form, fields] = useForm<z.input<typeof ActionSchema>>({
    id: "create-api-key",
    lastResult: actionData?.result,
  });
  return (
    <>
      <div className="page-header">
        <div>
          <p>
            <Link to="/lender/team">← Team</Link>
          </p>
          <h1>API keys</h1>
          <p>
            {`Keys let ${orgName}'s own systems use the TradeLift API: read your referrals and their application packages, and make the review page's decisions. `}
            <Link to="/developers/api">API reference</Link>
          </p>
        </div>
      </div>
      {reveal?.key ? (
        <ShownOnce
          title={`Your new key “${reveal.name}”`}
          noun="key"
          value={reveal.key}
          testId="new-api-key"
          use="Your systems send it as `Authorization: Bearer …`. TradeLift keeps only a hash of it."
        >
          {`API key for ${orgName}.`}
        </ShownOnce>
      ) : reveal ? (
        <AlreadyShown noun="key">
          For safety an API key is shown only once, right after it is made, and TradeLift keeps only a hash of
          it: revoke it and create another if it was lost.
        </AlreadyShown>
      ) : null}
      <section className="card" aria-labelledby="create-title">
        <h2 id="create-title">Create a key</h2>
        {/* A new reveal (a key just made) starts the form afresh, so its name is not submitted twice. */}
        <Form method="post" {...getFormProps(form)} key={searchParams.get("reveal") ?? ""}>
          <FormAlert id={form.errorId} errors={form.errors} />
          <input type="hidden" name="intent" value="create" />
          <Field
            label="Name"
            hint="The system that will use it, e.g. “Loan origination (production)”."
            errors={fields.name.errors}
            inputProps={getInputProps(fields.name, { type: "text" })}
          />
          <fieldset>
            <legend>What the key may do</legend>
            {API_SCOPES.map((scope) => (
              <label className="choice" key={scope}>
                <input type="checkbox" name="scopes" value={scope} defaultChecked={scope === "read"} />
                <span>{API_SCOPE_LABELS[scope]}</span>
              </label>
            ))}
            <ErrorList id={fields.scopes.errorId} errors={fields.scopes.errors} />
          </fieldset>
          <SubmitButton pendingLabel="Creating…">Create key</SubmitButton>
        </Form>
      </section>
      <section className="card" aria-labelledby="keys-title">
        <h2 id="keys-title">Keys</h2>
        <ApiKeyList keys={keys} canRevoke />
      </section>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
