// The lenders' API against its OpenAPI document (docs/design/api.md): the served document is the
// checked-in one and a valid OpenAPI 3.1 document; the client types generated from it are the
// checked-in ones; a client generated from it (openapi-fetch) runs every operation against the
// built app, and every answer — status, content type, body — is validated against the document
// by Ajv, an independent validator.
import { readFileSync } from "node:fs";
import { Validator } from "@seriousme/openapi-schema-validator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedFxRates } from "#tests/factories";
import { prisma } from "~/utils/db.server";
import { startTestSandbox } from "../setup/plaid-sandbox";
import { apiTypesSource } from "../support/api-types-source";
import {
  answerWithDocument,
  apiClient,
  apiKeyFor,
  apiRequest,
  documentValidator,
  lastResponse,
} from "./api-support";
import { request, shownDisclosureHash } from "./app";
import { lender, submitted, today } from "./lending-fixtures";

let sandbox: Awaited<ReturnType<typeof startTestSandbox>>;

beforeAll(async () => {
  sandbox = await startTestSandbox({ today: today() });
  await seedFxRates(prisma, new Date(`${today()}T00:00:00Z`));
});
afterAll(async () => {
  await sandbox.close();
});

const OFFER = {
  productType: "INVOICE_FACTORING" as const,
  amount: "80000",
  advanceRate: "85",
  feePer30Days: "1.5",
  termDays: 60,
  recourse: "WITH_RECOURSE" as const,
  expiresInDays: 14,
};

describe("the OpenAPI document", () => {
  it("is served, equals docs/openapi.json, is valid OpenAPI 3.1, and generates the checked-in client types", async () => {
    const served = await request("/api/v1/openapi.json");
    expect(served.status).toBe(200);
    expect(served.headers.get("Content-Type")).toContain("application/json");
    const text = await served.text();
    expect(text, "docs/openapi.json is stale: run `npm run api:openapi`").toBe(
      readFileSync("docs/openapi.json", "utf8"),
    );
    const document = JSON.parse(text);
    expect(document.openapi).toBe("3.1.0");
    const validator = new Validator();
    const result = await validator.validate(document);
    expect(result.errors ?? [], JSON.stringify(result.errors)).toEqual([]);
    expect(result.valid).toBe(true);
    expect(
      await apiTypesSource(document),
      "tests/support/api-types.ts is stale: run `npm run api:openapi`",
    ).toBe(readFileSync("tests/support/api-types.ts", "utf8"));
  });
});

describe("the reference page", () => {
  it("renders every operation, schema and problem of the served document, with nothing from another host", async () => {
    const document = await (await request("/api/v1/openapi.json")).json();
    const response = await request("/developers/api");
    expect(response.status).toBe(200);
    const page = await response.text();
    for (const [path, item] of Object.entries(document.paths as Record<string, Record<string, unknown>>))
      for (const method of Object.keys(item)) expect(page).toContain(`${method.toUpperCase()} ${path}`);
    for (const name of Object.keys(document.components.schemas))
      expect(page).toContain(`id="schema-${name}"`);
    expect(page).toContain('id="problem-idempotency-mismatch"');
    expect(page).toContain("&quot;productType&quot;: &quot;INVOICE_FACTORING&quot;");
    expect(page).not.toMatch(/<(script|link)[^>]+(src|href)="(https?:)?\/\//);
  });
});

describe("every operation, validated against the document", () => {
  it("reads, decides and fails as documented", async () => {
    const v = await documentValidator();
    const a = await lender("Contract");
    const { key } = await apiKeyFor(a.org.id, a.user.id);
    const api = apiClient(key);
    const first = await submitted([a.org.id], "INVOICE_FACTORING", "Contract Exports");
    const second = await submitted([a.org.id], "INVOICE_FACTORING", "Contract Goods");
    const r1 = first.referralOf(a.org.id);
    const r2 = second.referralOf(a.org.id);
    const idem = () => crypto.randomUUID();

    // Lists, one item a page, in a stable order: the cursor walks every referral once.
    const seen: string[] = [];
    let cursor: string | undefined;
    for (let i = 0; i < 5; i += 1) {
      const page = await api.GET("/api/v1/referrals", {
        params: { query: { limit: 1, sort: "oldest", cursor } },
      });
      await v.check("/api/v1/referrals", "GET", lastResponse());
      expect(page.response.status).toBe(200);
      seen.push(...(page.data?.data.map((r) => r.id) ?? []));
      cursor = page.data?.nextCursor ?? undefined;
      if (!cursor) break;
    }
    expect(seen).toEqual([r1, r2]);
    const filtered = await api.GET("/api/v1/referrals", {
      params: { query: { status: "NEW", buyerCountry: "JP", minAmount: "50,000", sort: "amount" } },
    });
    await v.check("/api/v1/referrals", "GET", lastResponse());
    expect(filtered.data?.data.map((r) => r.id).sort()).toEqual([r1, r2].sort());
    const badFilter = await api.GET("/api/v1/referrals", { params: { query: { minAmount: "lots" } } });
    expect(badFilter.response.status).toBe(422);
    const badBody = (await v.check("/api/v1/referrals", "GET", lastResponse())) as {
      errors: { field: string }[];
    };
    expect(badBody.errors.map((e) => e.field)).toEqual(["minAmount"]);

    await api.GET("/api/v1/products");
    const products = (await v.check("/api/v1/products", "GET", lastResponse())) as { data: { id: string }[] };
    expect(products.data.map((p) => p.id)).toEqual(a.productIds);

    const one = await api.GET("/api/v1/referrals/{referralId}", { params: { path: { referralId: r1 } } });
    await v.check("/api/v1/referrals/{referralId}", "GET", lastResponse());
    expect(one.data?.package?.content.applicationId).toBe(first.applicationId);
    expect(one.data?.allowedActions.startReview).toBe(true);
    await api.GET("/api/v1/referrals/{referralId}", { params: { path: { referralId: "nope" } } });
    await v.check("/api/v1/referrals/{referralId}", "GET", lastResponse());

    // Decisions: start, ask, decline (on the second), offer, withdraw, offer again, fund.
    const post = async (template: string, path: string, body: unknown, status: number) => {
      const response = await apiRequest(path, { key, body, idempotencyKey: idem() });
      const answer = await v.check(template, "POST", response);
      expect(response.status, JSON.stringify(answer)).toBe(status);
      return answer as Record<string, unknown>;
    };
    await api.POST("/api/v1/referrals/{referralId}/review", {
      params: { path: { referralId: r1 }, header: { "Idempotency-Key": idem() } },
    });
    await v.check("/api/v1/referrals/{referralId}/review", "POST", lastResponse());
    expect(lastResponse().status).toBe(200);
    await post("/api/v1/referrals/{referralId}/review", `/api/v1/referrals/${r1}/review`, {}, 409);
    await post("/api/v1/referrals/{referralId}/review", `/api/v1/referrals/${r2}/review`, {}, 200);

    await api.POST("/api/v1/referrals/{referralId}/information-requests", {
      params: { path: { referralId: r1 }, header: { "Idempotency-Key": idem() } },
      body: { question: "Please send the commercial invoice.", documentType: "INVOICE" },
    });
    await v.check("/api/v1/referrals/{referralId}/information-requests", "POST", lastResponse());
    expect(lastResponse().status).toBe(201);
    await post(
      "/api/v1/referrals/{referralId}/information-requests",
      `/api/v1/referrals/${r1}/information-requests`,
      {},
      422,
    );
    // The merchant answers with a document; the API lists and downloads it.
    await answerWithDocument(first, r1, "invoice.pdf");
    const withDoc = await api.GET("/api/v1/referrals/{referralId}", { params: { path: { referralId: r1 } } });
    await v.check("/api/v1/referrals/{referralId}", "GET", lastResponse());
    const documentId = withDoc.data?.documents[0]?.id ?? "";
    expect(withDoc.data?.documents[0]?.href).toBe(`/api/v1/referrals/${r1}/documents/${documentId}`);
    const file = await apiRequest(`/api/v1/referrals/${r1}/documents/${documentId}`, { key });
    expect(file.status).toBe(200);
    const bytes = (await v.check(
      "/api/v1/referrals/{referralId}/documents/{documentId}",
      "GET",
      file,
    )) as Uint8Array;
    expect(new TextDecoder().decode(bytes)).toContain("%PDF-1.4");
    const elsewhere = await apiRequest(`/api/v1/referrals/${r2}/documents/${documentId}`, { key });
    await v.check("/api/v1/referrals/{referralId}/documents/{documentId}", "GET", elsewhere);
    expect(elsewhere.status).toBe(404);

    await post(
      "/api/v1/referrals/{referralId}/decline",
      `/api/v1/referrals/${r2}/decline`,
      { reasons: [] },
      422,
    );
    const declined = await post(
      "/api/v1/referrals/{referralId}/decline",
      `/api/v1/referrals/${r2}/decline`,
      { reasons: ["REVENUE"] },
      200,
    );
    expect(declined.status).toBe("DECLINED");

    const invalidOffer = await post(
      "/api/v1/referrals/{referralId}/offers",
      `/api/v1/referrals/${r1}/offers`,
      { ...OFFER, feePer30Days: "45" },
      422,
    );
    expect(invalidOffer.errors).toEqual([
      { field: "feePer30Days", message: "Enter the fee per 30 days as a percentage above 0 and at most 20." },
    ]);
    await api.POST("/api/v1/referrals/{referralId}/offers", {
      params: { path: { referralId: r1 }, header: { "Idempotency-Key": idem() } },
      body: OFFER,
    });
    const made = (await v.check("/api/v1/referrals/{referralId}/offers", "POST", lastResponse())) as {
      offer: { id: string; disclosure: { fundsProvidedCents: number; estimatedAprBps: number } };
    };
    expect(lastResponse().status).toBe(201);
    // The disclosure the page computes for the same form: 85% of $80,000.
    expect(made.offer.disclosure.fundsProvidedCents).toBe(6_800_000);
    const stored = await prisma.offer.findUniqueOrThrow({
      where: { id: made.offer.id },
      select: { estimatedAprBps: true },
    });
    expect(made.offer.disclosure.estimatedAprBps).toBe(stored.estimatedAprBps);

    await api.POST("/api/v1/referrals/{referralId}/offers/{offerId}/withdraw", {
      params: { path: { referralId: r1, offerId: made.offer.id }, header: { "Idempotency-Key": idem() } },
      body: { reason: "The buyer's credit cover was withdrawn." },
    });
    await v.check("/api/v1/referrals/{referralId}/offers/{offerId}/withdraw", "POST", lastResponse());
    expect(lastResponse().status).toBe(200);
    await post(
      "/api/v1/referrals/{referralId}/offers/{offerId}/withdraw",
      `/api/v1/referrals/${r1}/offers/${made.offer.id}/withdraw`,
      { reason: "Again, please." },
      409,
    );

    const again = await post(
      "/api/v1/referrals/{referralId}/offers",
      `/api/v1/referrals/${r1}/offers`,
      OFFER,
      201,
    );
    const offerId = (again.offer as { id: string }).id;
    await post(
      "/api/v1/referrals/{referralId}/offers/{offerId}/funding",
      `/api/v1/referrals/${r1}/offers/${offerId}/funding`,
      { amount: "68000", fundedOn: today(), reference: "WIRE-1" },
      409,
    );
    // The merchant accepts on its page.
    const page = await (
      await request(`/merchant/applications/${first.applicationId}`, { cookie: first.cookie })
    ).text();
    expect(
      (
        await request(`/merchant/applications/${first.applicationId}`, {
          cookie: first.cookie,
          form: {
            intent: "accept-offer",
            offerId,
            signatureName: "Rv Owner",
            consent: "on",
            disclosureSha256: shownDisclosureHash(page, offerId),
          },
        })
      ).status,
    ).toBe(302);
    const wrongAmount = await post(
      "/api/v1/referrals/{referralId}/offers/{offerId}/funding",
      `/api/v1/referrals/${r1}/offers/${offerId}/funding`,
      { amount: "1000", fundedOn: today(), reference: "WIRE-1" },
      422,
    );
    expect((wrongAmount.errors as { field: string }[])[0]?.field).toBe("amount");
    await api.POST("/api/v1/referrals/{referralId}/offers/{offerId}/funding", {
      params: { path: { referralId: r1, offerId }, header: { "Idempotency-Key": idem() } },
      body: { amount: "68,000.00", fundedOn: today(), reference: "WIRE-20261207-001" },
    });
    const funded = (await v.check(
      "/api/v1/referrals/{referralId}/offers/{offerId}/funding",
      "POST",
      lastResponse(),
    )) as { id: string; status: string; funding: unknown };
    expect(lastResponse().status).toBe(201);
    expect(funded.id).toBe(offerId);
    expect(funded.funding).toEqual({
      amountCents: 6_800_000,
      fundedOn: today(),
      reference: "WIRE-20261207-001",
    });
    expect(await prisma.referral.findUniqueOrThrow({ where: { id: r1 }, select: { status: true } })).toEqual({
      status: "FUNDED",
    });

    // Failures are documented problems too.
    const none = await apiRequest("/api/v1/referrals");
    await v.check("/api/v1/referrals", "GET", none);
    expect(none.status).toBe(401);
    const noIdempotency = await apiRequest(`/api/v1/referrals/${r1}/review`, { key, body: {} });
    await v.check("/api/v1/referrals/{referralId}/review", "POST", noIdempotency);
    expect(noIdempotency.status).toBe(400);

    // Every operation of the document was run and checked.
    const operations = Object.entries(v.document.paths).flatMap(([path, item]) =>
      Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`),
    );
    for (const operation of operations)
      expect(
        [...v.checked].some((c) => c.startsWith(`${operation} 2`)),
        operation,
      ).toBe(true);
  });
});
