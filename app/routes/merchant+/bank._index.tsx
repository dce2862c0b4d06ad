import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useRevalidator, useSubmit } from "@remix-run/react";
import { useEffect } from "react";
import { z } from "zod";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { PlaidLinkButton } from "~/components/plaid-link-button";
import { ConfirmAction } from "~/components/ui/confirm-action";
import { FormAlert } from "~/components/ui/form-alert";
import { SubmitButton } from "~/components/ui/submit-button";
import { TableScroll } from "~/components/ui/table-scroll";
import { When } from "~/components/ui/when";
import {
  bankMode,
  connectSandboxPersona,
  connectWithPublicToken,
  linkTokenFor,
  listBankConnections,
  recentTransactions,
} from "~/domain/bank/bank.server";
import { listSandboxPersonas } from "~/domain/bank/plaid.server";
import { BankConnectionError } from "~/domain/bank/sync.server";
import { formatDay } from "~/domain/dates";
import { formatMoney } from "~/domain/money";
import { possessive } from "~/domain/text";
import { prisma } from "~/utils/db.server";
import { formDataOf } from "~/utils/form.server";
import { clientIp } from "~/utils/request.server";
import { redirectWithToast } from "~/utils/toast.server";
import { requireMerchant } from "~/web/permissions.server";

export const meta: MetaFunction = () => [{ title: "Bank accounts — TradeLift" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireMerchant(request);
  const mode = bankMode();
  const [connections, transactions] = await Promise.all([
    listBankConnections(prisma, actor.merchantId),
    recentTransactions(prisma, actor.merchantId),
  ]);
  let personas: Awaited<ReturnType<typeof listSandboxPersonas>> = [];
  let linkToken: string | null = null;
  let connectProblem: string | null = null;
  try {
    if (mode === "local") personas = await listSandboxPersonas();
    else linkToken = await linkTokenFor(prisma, { merchantId: actor.merchantId, userId: actor.id });
  } catch {
    connectProblem =
      mode === "local"
        ? "The local Plaid sandbox is not answering, so no bank can be connected right now. Start it with npm run plaid:sandbox (npm start does this for you)."
        : "Plaid is not answering right now, so no bank can be connected. Try again in a few minutes.";
  }
  return { mode, personas, linkToken, connectProblem, connections, transactions };
}

// Schemas are built inside `/* @__PURE__ */` closures so the browser bundle drops them: forms
// validate on the server only (docs/design/platform.md, "Light pages").
const ActionSchema = /* @__PURE__ */ (() =>
  z.discriminatedUnion("intent", [
    z.object({
      intent: z.literal("connect-sandbox"),
      persona: z.string().regex(/^[a-z_]{1,40}$/, "Choose a sandbox bank."),
    }),
    z.object({ intent: z.literal("connect-link"), publicToken: z.string().min(10).max(200) }),
  ]))();

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireMerchant(request);
  const form = Object.fromEntries(await formDataOf(request));
  const parsed = ActionSchema.safeParse(form);
  if (!parsed.success) {
    return data({ error: parsed.error.issues[0]?.message ?? "Choose a bank to connect." }, { status: 400 });
  }
  const input = {
    merchantId: actor.merchantId,
    actor: { id: actor.id, role: actor.role },
    ip: clientIp(context),
  };
  try {
    const choice = parsed.data;
    if (choice.intent === "connect-sandbox") {
      const personas = await listSandboxPersonas();
      if (!personas.some((persona) => persona.id === choice.persona)) {
        return data({ error: "Choose one of the sandbox banks listed." }, { status: 400 });
      }
      await connectSandboxPersona(prisma, { ...input, persona: choice.persona });
    } else {
      await connectWithPublicToken(prisma, { ...input, publicToken: choice.publicToken });
    }
  } catch (error) {
    if (error instanceof BankConnectionError) return data({ error: error.displayMessage }, { status: 502 });
    throw error;
  }
  return redirectWithToast("/merchant/bank", {
    kind: "success",
    title: "Bank connected",
    description: "We are importing up to 24 months of transactions; this page updates as they arrive.",
  });
}

const STATUS_LABEL: Record<string, { label: string; tone: string }> = {
  ACTIVE: { label: "Connected", tone: "badge-ok" },
  LOGIN_REQUIRED: { label: "Sign-in needed", tone: "badge-warn" },
  ERROR: { label: "Error", tone: "badge-bad" },
  REVOKED: { label: "Disconnected", tone: "" },
};

export default function Bank() {
  const { mode, personas, linkToken, connectProblem, connections, transactions } =
    useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const revalidator = useRevalidator();
  const submit = useSubmit();
  const anySyncing = connections.some((connection) => connection.syncing);
  const historyPending = connections.some((connection) => connection.historyPending);

  // While a sync runs, refresh the page's data every two seconds to show its progress; while a
  // bank is still sending its history, every few seconds to show it arriving.
  useEffect(() => {
    if (!anySyncing && !historyPending) return;
    const timer = setInterval(
      () => {
        if (revalidator.state === "idle") revalidator.revalidate();
      },
      anySyncing ? 2000 : 4000,
    );
    return () => clearInterval(timer);
  }, [anySyncing, historyPending, revalidator]);

  const live = connections.filter((connection) => connection.status !== "REVOKED");

  return (
    <>
      <div className="page-header">
        <div>
          <h1>Bank accounts</h1>
          <p>
            Lenders see your sales through your business bank account. Read-only: nobody can move money with
            it.
          </p>
        </div>
      </div>

      {live.map((connection) => {
        const status = STATUS_LABEL[connection.status] ?? { label: connection.status, tone: "" };
        return (
          <section className="card" key={connection.id} aria-labelledby={`connection-${connection.id}`}>
            <div className="page-header">
              <div>
                <h2 id={`connection-${connection.id}`}>{connection.institutionName}</h2>
                <p>
                  <span className={`badge ${status.tone}`}>{status.label}</span>{" "}
                  <span className="muted small">
                    Last successful refresh:{" "}
                    {connection.lastSyncedAt ? <When at={connection.lastSyncedAt} /> : "never"}
                  </span>
                </p>
              </div>
              <div className="button-row tight">
                {connection.status === "LOGIN_REQUIRED" ? (
                  <Form method="post" action={`/merchant/bank/${connection.id}`}>
                    <SubmitButton name="intent" value="reconnect" pendingLabel="Reconnecting…">
                      Reconnect
                    </SubmitButton>
                  </Form>
                ) : (
                  <Form method="post" action={`/merchant/bank/${connection.id}`}>
                    <SubmitButton
                      name="intent"
                      value="refresh"
                      className="button-secondary"
                      pendingLabel="Starting…"
                      disabled={connection.syncing}
                    >
                      Refresh
                    </SubmitButton>
                  </Form>
                )}
                <ConfirmAction
                  label="Disconnect"
                  intent="disconnect"
                  confirmLabel="Yes, disconnect this bank"
                  pendingLabel="Disconnecting…"
                  action={`/merchant/bank/${connection.id}`}
                  consequence={`TradeLift stops receiving ${possessive(connection.institutionName)} data and Plaid forgets this connection; it cannot be switched back on. The transactions already received stay, and applications already sent keep their evidence. To share this bank again, connect it as a new bank.`}
                />
              </div>
            </div>
            {connection.historyPending ? (
              <p className="alert alert-info" role="status">
                Your bank is still sending history:{" "}
                {connection.historyStatus === "NOT_READY"
                  ? "nothing has arrived yet."
                  : "the last 30 days are in, the older months are on their way."}{" "}
                Your score and applications wait until the whole history is here; this page updates as it
                arrives.
              </p>
            ) : null}
            {connection.syncing ? (
              <p className="alert alert-info" role="status">
                Importing transactions… {connection.syncAddedCount.toLocaleString("en-US")} received so far.
              </p>
            ) : null}
            {connection.status === "LOGIN_REQUIRED" ? (
              <p className="alert alert-error">
                {connection.lastSyncError ?? "Your bank needs you to sign in again."} Press Reconnect to sign
                in; nothing already imported is lost.
              </p>
            ) : connection.lastSyncError ? (
              <p className="alert alert-error">{connection.lastSyncError}</p>
            ) : null}
            <TableScroll label={`Accounts at ${connection.institutionName}`}>
              <table>
                <thead>
                  <tr>
                    <th scope="col">Account</th>
                    <th scope="col">Type</th>
                    <th scope="col" className="num">
                      Current balance
                    </th>
                    <th scope="col" className="num">
                      Available
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {connection.accounts.map((account) => (
                    <tr key={account.id}>
                      <td>
                        {account.name} ••{account.mask}
                      </td>
                      <td>{account.subtype ?? account.type}</td>
                      <td className="num">
                        {account.currentBalanceCents === null
                          ? "—"
                          : formatMoney(account.currentBalanceCents, account.currency)}
                      </td>
                      <td className="num">
                        {account.availableBalanceCents === null
                          ? "—"
                          : formatMoney(account.availableBalanceCents, account.currency)}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
          </section>
        );
      })}

      <section className="card" aria-labelledby="connect-title">
        <h2 id="connect-title">{live.length > 0 ? "Connect another bank" : "Connect your business bank"}</h2>
        {actionData?.error ? <FormAlert errors={[actionData.error]} /> : null}
        {connectProblem ? (
          <p className="alert alert-error">{connectProblem}</p>
        ) : mode === "local" ? (
          <Form method="post">
            <fieldset>
              <legend>Choose a sandbox bank</legend>
              <p className="field-hint">
                This installation uses TradeLift's local Plaid sandbox (Plaid Link needs the internet). Each
                sandbox bank is a business with its own history; the data flows through the same path as a
                real bank's.
              </p>
              {personas.map((persona, index) => (
                <label className="choice" key={persona.id}>
                  <input type="radio" name="persona" value={persona.id} defaultChecked={index === 0} />
                  <span>
                    <strong>{persona.name}</strong>
                    <span className="muted small"> — {persona.description}</span>
                  </span>
                </label>
              ))}
            </fieldset>
            <SubmitButton name="intent" value="connect-sandbox" pendingLabel="Connecting…">
              Connect sandbox bank
            </SubmitButton>
          </Form>
        ) : linkToken ? (
          <PlaidLinkButton
            linkToken={linkToken}
            label="Connect with Plaid"
            onPublicToken={(publicToken) =>
              submit({ intent: "connect-link", publicToken }, { method: "post" })
            }
          />
        ) : null}
      </section>

      <section className="card" aria-labelledby="transactions-title">
        <h2 id="transactions-title">Recent transactions</h2>
        {historyPending ? (
          <p className="muted small">
            History still arriving: {transactions.total.toLocaleString("en-US")} posted transactions so far.
          </p>
        ) : null}
        {transactions.total === 0 ? (
          historyPending ? null : (
            <p className="muted">
              No transactions yet. Connect your business bank above; then see your monthly revenue on{" "}
              <Link to="/merchant/sales">Sales &amp; orders</Link>.
            </p>
          )
        ) : (
          <>
            {historyPending ? null : (
              <p className="muted small">
                {transactions.total.toLocaleString("en-US")} posted transactions from{" "}
                {transactions.from ? formatDay(transactions.from) : ""} to{" "}
                {transactions.to ? formatDay(transactions.to) : ""}. The latest 50:
              </p>
            )}
            <TableScroll label="Recent transactions">
              <table>
                <thead>
                  <tr>
                    <th scope="col">Date</th>
                    <th scope="col">Description</th>
                    <th scope="col">Account</th>
                    <th scope="col" className="num">
                      Amount
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {transactions.posted.map((t) => (
                    <tr key={t.id}>
                      <td>{formatDay(t.postedDate)}</td>
                      <td>{t.name}</td>
                      <td>••{t.account.mask}</td>
                      <td className={`num ${t.amountCents > 0 ? "amount-in" : ""}`}>
                        {formatMoney(t.amountCents, t.currency)}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
            {transactions.pending.length > 0 ? (
              <>
                <h3>Pending (not yet counted)</h3>
                <TableScroll label="Pending transactions">
                  <table>
                    <tbody>
                      {transactions.pending.map((t) => (
                        <tr key={t.id}>
                          <td>{formatDay(t.postedDate)}</td>
                          <td>{t.name}</td>
                          <td>••{t.account.mask}</td>
                          <td className="num">{formatMoney(t.amountCents, t.currency)}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </TableScroll>
              </>
            ) : null}
          </>
        )}
      </section>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
