// A lender admin's API keys (docs/design/api.md): create one (shown once), see them, revoke one.
// Underwriters get the same 404 as any page they cannot use.
import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { ApiKeyList } from "~/components/api-key-list";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorList, Field } from "~/components/ui/field";
import { FormAlert } from "~/components/ui/form-alert";
import { SubmitButton } from "~/components/ui/submit-button";
import { API_SCOPE_LABELS, API_SCOPES, CreateApiKeySchema, RevokeApiKeySchema } from "~/domain/api/keys";
import { createApiKey, listApiKeys, revokeApiKey } from "~/domain/api/keys.server";
import { prisma } from "~/utils/db.server";
import { formDataOf, replyStatus } from "~/utils/form.server";
import { notFound } from "~/utils/http.server";
import { clientIp } from "~/utils/request.server";
import { redirectWithToast } from "~/utils/toast.server";
import { requireLender } from "~/web/permissions.server";

export const meta: MetaFunction = () => [{ title: "API keys — TradeLift" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireLender(request, { role: "ADMIN" });
  return { keys: await listApiKeys(prisma, actor.lenderOrgId), orgName: actor.lenderOrgName };
}

// Schemas are built inside `/* @__PURE__ */` closures so the browser bundle drops them: forms
// validate on the server only (docs/design/platform.md, "Light pages").
const ActionSchema = /* @__PURE__ */ (() =>
  z.discriminatedUnion("intent", [CreateApiKeySchema, RevokeApiKeySchema]))();

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireLender(request, { role: "ADMIN" });
  const formData = await formDataOf(request);
  const submission = parseWithZod(formData, { schema: ActionSchema });
  if (submission.status !== "success")
    return data({ result: submission.reply(), created: null }, { status: replyStatus(submission) });
  const ip = clientIp(context);
  const by = { id: actor.id, role: actor.role };
  if (submission.value.intent === "revoke-api-key") {
    const revoked = await revokeApiKey(prisma, {
      lenderOrgId: actor.lenderOrgId,
      keyId: submission.value.keyId,
      actor: by,
      ip,
    });
    if (!revoked) notFound("This key is not one of your live keys.");
    return redirectWithToast("/lender/api-keys", { kind: "success", title: "API key revoked" });
  }
  const created = await createApiKey(prisma, {
    lenderOrgId: actor.lenderOrgId,
    name: submission.value.name,
    scopes: submission.value.scopes,
    actor: by,
    ip,
  });
  // The key is answered here, in this page's body only (never in a cookie or a log), and is not
  // kept anywhere: it cannot be shown again.
  return data(
    {
      result: submission.reply({ resetForm: true }),
      created: { key: created.key, name: submission.value.name },
    },
    { status: 201 },
  );
}

export default function ApiKeys() {
  const { keys, orgName } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm<z.input<typeof ActionSchema>>({
    id: "create-api-key",
    lastResult: actionData?.created ? null : actionData?.result,
  });
  const created = actionData?.created ?? null;
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
      {created ? (
        <section className="card" aria-labelledby="created-title">
          <h2 id="created-title">{`Your new key “${created.name}”`}</h2>
          <p className="alert alert-info">
            Copy it now: it is shown only this once. TradeLift keeps only a hash of it.
          </p>
          <p>
            <code data-testid="new-api-key">{created.key}</code>
          </p>
        </section>
      ) : null}
      <section className="card" aria-labelledby="create-title">
        <h2 id="create-title">Create a key</h2>
        <Form method="post" {...getFormProps(form)}>
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
