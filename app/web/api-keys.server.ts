// The answer to "revoke this API key" on the lender's keys page and on an admin's partner page.
import { revokeApiKey } from "~/domain/api/keys.server";
import { prisma } from "~/utils/db.server";
import { notFound } from "~/utils/http.server";
import { redirectWithToast } from "~/utils/toast.server";

export async function revokeApiKeyAndReturn(input: {
  lenderOrgId: string;
  keyId: string;
  actor: { id: string; role: string };
  ip: string;
  returnTo: string;
  notFoundMessage: string;
}) {
  const revoked = await revokeApiKey(prisma, input);
  if (revoked === "not-found") notFound(input.notFoundMessage);
  return redirectWithToast(input.returnTo, {
    kind: "success",
    title: revoked === "revoked" ? "API key revoked" : "This key was already revoked",
  });
}
