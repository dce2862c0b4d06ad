// Actions on one of the merchant's bank connections: refresh, reconnect, disconnect.
import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { z } from "zod";
import { isOwnConnection, reconnectConnection, refreshConnection } from "~/domain/bank/bank.server";
import { BankConnectionError, disconnectBank } from "~/domain/bank/sync.server";
import { prisma } from "~/utils/db.server";
import { formDataOf } from "~/utils/form.server";
import { notFoundResponse as notFound } from "~/utils/http.server";
import { clientIp } from "~/utils/request.server";
import { redirectWithToast } from "~/utils/toast.server";
import { requireMerchant } from "~/web/permissions.server";
import { recordingRefusals } from "~/web/refusals.server";

export async function loader() {
  return redirect("/merchant/bank");
}

// Schemas are built inside `/* @__PURE__ */` closures so the browser bundle drops them: forms
// validate on the server only (docs/design/platform.md, "Light pages").
const IntentSchema = /* @__PURE__ */ (() =>
  z.discriminatedUnion("intent", [
    z.object({ intent: z.literal("refresh") }),
    z.object({ intent: z.literal("reconnect") }),
    z.object({
      intent: z.literal("disconnect"),
      // Disconnecting cannot be undone (the bank comes back only as a new connection): the page's
      // confirmation step sends this, a bare request does not.
      confirmed: z.literal("yes", "Confirm that you want to disconnect this bank."),
    }),
  ]))();

export const action = recordingRefusals(async ({ request, params, context }: ActionFunctionArgs) => {
  const actor = await requireMerchant(request);
  const parsed = IntentSchema.safeParse(Object.fromEntries(await formDataOf(request)));
  if (!parsed.success) {
    const confirmation = parsed.error.issues.find((issue) => issue.path[0] === "confirmed");
    if (!confirmation || !(await isOwnConnection(prisma, actor.merchantId, params.connectionId ?? "")))
      notFound();
    throw Response.json({ message: confirmation.message }, { status: 400 });
  }
  const input = {
    merchantId: actor.merchantId,
    connectionId: params.connectionId ?? "",
    actor: { id: actor.id, role: actor.role },
    ip: clientIp(context),
  };
  switch (parsed.data.intent) {
    case "refresh": {
      if (!(await refreshConnection(prisma, input))) notFound();
      return redirectWithToast("/merchant/bank", {
        kind: "info",
        title: "Refreshing",
        description: "New transactions appear here as they arrive.",
      });
    }
    case "reconnect": {
      try {
        const outcome = await reconnectConnection(prisma, input);
        if (outcome.status === "not-found") notFound();
        if (outcome.status === "conflict") throw Response.json({ message: outcome.message }, { status: 409 });
      } catch (error) {
        if (error instanceof BankConnectionError) {
          return redirectWithToast("/merchant/bank", {
            kind: "error",
            title: "Could not reconnect",
            description: error.displayMessage,
          });
        }
        throw error;
      }
      return redirectWithToast("/merchant/bank", {
        kind: "success",
        title: "Bank reconnected",
        description: "Catching up on new transactions.",
      });
    }
    case "disconnect": {
      try {
        if (!(await disconnectBank(prisma, input))) notFound();
      } catch (error) {
        if (error instanceof BankConnectionError) {
          return redirectWithToast("/merchant/bank", {
            kind: "error",
            title: "Not disconnected",
            description: error.displayMessage,
          });
        }
        throw error;
      }
      return redirectWithToast("/merchant/bank", {
        kind: "success",
        title: "Bank disconnected",
        description:
          "TradeLift no longer receives its data. Applications already submitted keep their evidence.",
      });
    }
  }
});
