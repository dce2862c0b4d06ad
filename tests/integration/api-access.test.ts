// Who reaches what through the lenders' API (docs/design/api.md): a key reaches only its own
// lender's referrals, documents, offers and keys; scopes, revocation and malformed keys; the
// suspended partner; idempotent replays and conflicts; the per-key rate limit in the database;
// the audit trail of calls; the Section 1071 answers never in any answer; and the key pages.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAdmin, createLenderUser, seedFxRates, unique } from "#tests/factories";
import { createReveal, REVEAL_TTL_MS } from "~/domain/accounts/one-time-reveal.server";
import { API_RATE_LIMIT } from "~/domain/api/keys";
import { apiKeyRevealPurpose } from "~/domain/api/keys.server";
import { changePartnerStatus } from "~/domain/lenders/lenders.server";
import { prisma } from "~/utils/db.server";
import { readToast } from "~/utils/toast.server";
import { apiRateLimitKey } from "~/web/api/endpoint.server";
import { startTestSandbox } from "../setup/plaid-sandbox";
import { ANSWERS, expectNoLeak } from "../support/section-1071-leaks";
import { answerWithDocument, apiKeyFor, apiRequest } from "./api-support";
import { cookieFor, cookieHeader, request, setCookiesOf } from "./app";
import { lender, PASSWORD, submitted, today } from "./lending-fixtures";

let sandbox: Awaited<ReturnType<typeof startTestSandbox>>;

beforeAll(async () => {
  sandbox = await startTestSandbox({ today: today() });
  await seedFxRates(prisma, new Date(`${today()}T00:00:00Z`));
});
afterAll(async () => {
  await sandbox.close();
});

const OFFER = {
  productType: "INVOICE_FACTORING",
  amount: "80000",
  advanceRate: "85",
  feePer30Days: "1.5",
  termDays: 60,
  recourse: "WITH_RECOURSE",
  expiresInDays: 14,
};

async function problemOf(response: Response) {
  expect(response.headers.get("Content-Type")).toBe("application/problem+json");
  return (await response.json()) as { type: string; title: string; status: number; detail: string };
}

async function adminOf(orgId: string, name: string) {
  const user = await createLenderUser(prisma, {
    lenderOrgId: orgId,
    email: `${unique("adm")}@l.example`,
    name,
    password: PASSWORD,
    lenderRole: "ADMIN",
  });
  return { user, cookie: await cookieFor(user.id) };
}

describe("the API's access matrix", () => {
  it("keeps each lender to its own, scopes, revocation, and never shows the 1071 answers or other parties' data", async () => {
    const a = await lender("Aspen");
    const b = await lender("Beech");
    const appA = await submitted([a.org.id], "INVOICE_FACTORING", "Access Alpha");
    const appB = await submitted([b.org.id], "INVOICE_FACTORING", "Access Beta");
    // Both applicants answer the Section 1071 questions.
    for (const app of [appA, appB])
      expect(
        (
          await request(`/merchant/applications/${app.applicationId}/demographics`, {
            cookie: app.cookie,
            form: ANSWERS,
          })
        ).status,
      ).toBe(302);
    const ra = appA.referralOf(a.org.id);
    const rb = appB.referralOf(b.org.id);
    const keyA = (await apiKeyFor(a.org.id, a.user.id)).key;
    const readA = (await apiKeyFor(a.org.id, a.user.id, ["read"], "Reporting")).key;
    const keyB = (await apiKeyFor(b.org.id, b.user.id)).key;
    const bodies: string[] = [];
    const call = async (path: string, options: Parameters<typeof apiRequest>[1] = {}) => {
      const response = await apiRequest(path, options);
      bodies.push(await response.clone().text());
      return response;
    };
    const idem = () => crypto.randomUUID();

    // B works its referral: an offer on it, and a document from its merchant.
    expect(
      (await call(`/api/v1/referrals/${rb}/review`, { key: keyB, body: {}, idempotencyKey: idem() })).status,
    ).toBe(200);
    expect(
      (
        await call(`/api/v1/referrals/${rb}/information-requests`, {
          key: keyB,
          body: { documentType: "INVOICE" },
          idempotencyKey: idem(),
        })
      ).status,
    ).toBe(201);
    const docB = { id: await answerWithDocument(appB, rb, "b.pdf") };
    const offeredB = await call(`/api/v1/referrals/${rb}/offers`, {
      key: keyB,
      body: OFFER,
      idempotencyKey: idem(),
    });
    expect(offeredB.status).toBe(201);
    const offerB = ((await offeredB.json()) as { offer: { id: string } }).offer.id;

    // A's key reaches none of it: 404, as if it did not exist.
    const list = (await (await call("/api/v1/referrals", { key: keyA })).json()) as {
      data: { id: string }[];
    };
    expect(list.data.map((r) => r.id)).toEqual([ra]);
    for (const path of [
      `/api/v1/referrals/${rb}`,
      `/api/v1/referrals/${rb}/documents/${docB.id}`,
      `/api/v1/referrals/${ra}/documents/${docB.id}`,
    ]) {
      const response = await call(path, { key: keyA });
      expect(response.status, path).toBe(404);
      expect((await problemOf(response)).status).toBe(404);
    }
    for (const [path, body] of [
      [`/api/v1/referrals/${rb}/review`, {}],
      [`/api/v1/referrals/${rb}/decline`, { reasons: ["REVENUE"] }],
      [`/api/v1/referrals/${rb}/offers`, OFFER],
      [`/api/v1/referrals/${rb}/offers/${offerB}/withdraw`, { reason: "Not ours to withdraw." }],
      [`/api/v1/referrals/${ra}/offers/${offerB}/withdraw`, { reason: "Not ours to withdraw." }],
      [
        `/api/v1/referrals/${rb}/offers/${offerB}/funding`,
        { amount: "68000", fundedOn: today(), reference: "W-1" },
      ],
    ] as const) {
      const response = await call(path, { key: keyA, body, idempotencyKey: idem() });
      expect(response.status, path).toBe(404);
    }
    expect(
      (await prisma.offer.findUniqueOrThrow({ where: { id: offerB }, select: { status: true } })).status,
    ).toBe("PENDING");
    // Nor B's keys: A's admin cannot revoke one.
    const keyBRow = await prisma.apiKey.findFirstOrThrow({
      where: { lenderOrgId: b.org.id },
      select: { id: true },
    });
    const adminA = await adminOf(a.org.id, "Aspen Admin");
    expect(
      (
        await request("/lender/api-keys", {
          cookie: adminA.cookie,
          form: { intent: "revoke-api-key", keyId: keyBRow.id, confirmed: "yes" },
        })
      ).status,
    ).toBe(404);
    expect((await call("/api/v1/products", { key: keyB })).status).toBe(200);

    // A read key reads but cannot decide.
    expect((await call(`/api/v1/referrals/${ra}`, { key: readA })).status).toBe(200);
    const forbidden = await call(`/api/v1/referrals/${ra}/review`, {
      key: readA,
      body: {},
      idempotencyKey: idem(),
    });
    expect(forbidden.status).toBe(403);
    expect((await problemOf(forbidden)).detail).toContain("decide");
    expect(await prisma.referral.findUniqueOrThrow({ where: { id: ra }, select: { status: true } })).toEqual({
      status: "NEW",
    });

    // A key that decides reads what it decides about: `decide` includes `read`.
    const decideA = (await apiKeyFor(a.org.id, a.user.id, ["decide"], "Decisions")).key;
    expect((await call("/api/v1/referrals", { key: decideA })).status).toBe(200);
    // The scheme name is case-insensitive.
    const lowerCase = await apiRequest("/api/v1/referrals", { headers: { Authorization: `bearer ${keyA}` } });
    expect(lowerCase.status).toBe(200);

    // No key, a malformed one, an unknown one: 401 problems.
    for (const authorization of [
      undefined,
      "Basic abc",
      "Bearer",
      "Bearer tl_live_nope",
      `Bearer ${keyA}x`,
    ]) {
      const response = await apiRequest("/api/v1/referrals", {
        headers: authorization ? { Authorization: authorization } : {},
      });
      expect(response.status, String(authorization)).toBe(401);
      expect(response.headers.get("WWW-Authenticate")).toContain("Bearer");
      expect((await problemOf(response)).title).toBe("Missing or invalid API key");
    }
    // A cookie is no key: the API ignores sessions.
    expect((await request("/api/v1/referrals", { cookie: a.cookie })).status).toBe(401);

    // The answers hold the package and nothing of the merchant's account, the admins, or 1071.
    const detail = await call(`/api/v1/referrals/${rb}`, { key: keyB });
    expect(detail.status).toBe(200);
    const merchant = await prisma.user.findUniqueOrThrow({
      where: { id: appB.merchant.userId },
      select: { email: true, passwordHash: true },
    });
    const merchantRow = await prisma.merchant.findUniqueOrThrow({
      where: { id: appB.merchant.merchantId },
      select: { einEncrypted: true },
    });
    for (const body of bodies) {
      expectNoLeak("API answer", body);
      expect(body).not.toContain(merchant.email);
      expect(body).not.toContain(merchant.passwordHash);
      if (merchantRow.einEncrypted) expect(body).not.toContain(merchantRow.einEncrypted);
      expect(body).not.toContain("secretHash");
    }

    // A revoked key fails at once.
    expect((await call("/api/v1/referrals", { key: keyA })).status).toBe(200);
    const keyARow = await prisma.apiKey.findFirstOrThrow({
      where: { lenderOrgId: a.org.id, name: "Origination system" },
      select: { id: true },
    });
    expect(
      (
        await request("/lender/api-keys", {
          cookie: adminA.cookie,
          form: { intent: "revoke-api-key", keyId: keyARow.id, confirmed: "yes" },
        })
      ).status,
    ).toBe(302);
    expect((await apiRequest("/api/v1/referrals", { key: keyA })).status).toBe(401);
    expect((await apiRequest("/api/v1/referrals", { key: readA })).status).toBe(200);
  });

  it("a suspended partner reads only what its pages show and decides nothing the pages refuse", async () => {
    const c = await lender("Cedar");
    const kept = await submitted([c.org.id], "INVOICE_FACTORING", "Suspended Kept");
    const dropped = await submitted([c.org.id], "INVOICE_FACTORING", "Suspended Dropped");
    const key = (await apiKeyFor(c.org.id, c.user.id)).key;
    const rk = kept.referralOf(c.org.id);
    const rd = dropped.referralOf(c.org.id);
    expect(
      (await apiRequest(`/api/v1/referrals/${rk}/review`, { key, body: {}, idempotencyKey: "k1" })).status,
    ).toBe(200);
    const offered = await apiRequest(`/api/v1/referrals/${rk}/offers`, {
      key,
      body: OFFER,
      idempotencyKey: "k2",
    });
    expect(offered.status).toBe(201);
    const offerId = ((await offered.json()) as { offer: { id: string } }).offer.id;
    const admin = await createAdmin(prisma, {
      email: `${unique("ta")}@tradelift.example`,
      name: "Ops Admin",
      password: PASSWORD,
    });
    expect(
      (
        await changePartnerStatus(prisma, {
          lenderOrgId: c.org.id,
          to: "SUSPENDED",
          reason: "Licence under review.",
          actor: { id: admin.id, role: "ADMIN" },
          ip: "127.0.0.1",
        })
      ).ok,
    ).toBe(true);

    const list = (await (await apiRequest("/api/v1/referrals", { key })).json()) as {
      data: { id: string }[];
    };
    expect(list.data.map((r) => r.id)).toEqual([rk]);
    expect((await request(`/lender/referrals/${rd}`, { cookie: c.cookie })).status).toBe(404);
    expect((await apiRequest(`/api/v1/referrals/${rd}`, { key })).status).toBe(404);
    expect((await apiRequest(`/api/v1/referrals/${rk}`, { key })).status).toBe(200);
    // Like the page: a live offer may still be withdrawn, but no new decision is made.
    const refused = await apiRequest(`/api/v1/referrals/${rk}/decline`, {
      key,
      body: { reasons: ["REVENUE"] },
      idempotencyKey: "k3",
    });
    expect(refused.status).toBe(409);
    expect((await problemOf(refused)).detail).toMatch(/suspended/i);
    const withdrawn = await apiRequest(`/api/v1/referrals/${rk}/offers/${offerId}/withdraw`, {
      key,
      body: { reason: "Withdrawn while our licence is reviewed." },
      idempotencyKey: "k4",
    });
    expect(withdrawn.status, await withdrawn.clone().text()).toBe(200);
  });
});

describe("idempotency, rate limit and audit", () => {
  it("replays the first answer, refuses a changed body or a repeat in flight, limits per key, and audits every call by the key's name", async () => {
    const d = await lender("Dogwood");
    const app = await submitted([d.org.id], "INVOICE_FACTORING", "Replay Exports");
    const r = app.referralOf(d.org.id);
    const created = await apiKeyFor(d.org.id, d.user.id, ["read", "decide"], "Dogwood LOS");
    const key = created.key;
    expect(
      (await apiRequest(`/api/v1/referrals/${r}/review`, { key, body: {}, idempotencyKey: "start-1" }))
        .status,
    ).toBe(200);

    const first = await apiRequest(`/api/v1/referrals/${r}/offers`, {
      key,
      body: OFFER,
      idempotencyKey: "offer-1",
    });
    expect(first.status).toBe(201);
    const firstBody = await first.text();
    // The same body again (keys in another order): the same answer, and still one offer.
    const reordered = Object.fromEntries(Object.entries(OFFER).reverse());
    const replay = await apiRequest(`/api/v1/referrals/${r}/offers`, {
      key,
      body: reordered,
      idempotencyKey: "offer-1",
    });
    expect(replay.status).toBe(201);
    expect(replay.headers.get("Idempotent-Replayed")).toBe("true");
    expect(await replay.text()).toBe(firstBody);
    expect(await prisma.offer.count({ where: { referralId: r } })).toBe(1);
    // A different body under the same key: 422, nothing done.
    const changed = await apiRequest(`/api/v1/referrals/${r}/offers`, {
      key,
      body: { ...OFFER, amount: "70000" },
      idempotencyKey: "offer-1",
    });
    expect(changed.status).toBe(422);
    expect((await problemOf(changed)).type).toBe("/developers/api#problem-idempotency-mismatch");
    // Without the key's first answer yet (as while it runs on another server): 409, nothing done.
    const keyRow = await prisma.apiKey.findUniqueOrThrow({ where: { id: created.id }, select: { id: true } });
    await prisma.apiIdempotencyKey.create({
      data: { apiKeyId: keyRow.id, key: "in-flight-1", requestHash: "x".repeat(64) },
    });
    const inFlight = await apiRequest(`/api/v1/referrals/${r}/decline`, {
      key,
      body: { reasons: ["REVENUE"] },
      idempotencyKey: "in-flight-1",
    });
    expect(inFlight.status).toBe(422);
    const sameHash = await prisma.apiIdempotencyKey.findFirstOrThrow({
      where: { apiKeyId: keyRow.id, key: "offer-1" },
      select: { requestHash: true },
    });
    await prisma.apiIdempotencyKey.create({
      data: { apiKeyId: keyRow.id, key: "in-flight-2", requestHash: sameHash.requestHash },
    });
    const running = await apiRequest(`/api/v1/referrals/${r}/offers`, {
      key,
      body: OFFER,
      idempotencyKey: "in-flight-2",
    });
    expect(running.status).toBe(409);
    expect((await problemOf(running)).type).toBe("/developers/api#problem-idempotency-in-flight");
    expect(await prisma.offer.count({ where: { referralId: r } })).toBe(1);
    // The same idempotency key of another API key is another request.
    const other = (await apiKeyFor(d.org.id, d.user.id, ["read", "decide"], "Second system")).key;
    const otherAnswer = await apiRequest(`/api/v1/referrals/${r}/offers`, {
      key: other,
      body: OFFER,
      idempotencyKey: "offer-1",
    });
    expect(otherAnswer.status).toBe(409);
    expect(otherAnswer.headers.get("Idempotent-Replayed")).toBeNull();

    // The rate limit counts in the database row every app server shares.
    await prisma.rateLimitBucket.update({
      where: { key: apiRateLimitKey(created.id) },
      data: { count: API_RATE_LIMIT.limit - 1 },
    });
    expect((await apiRequest("/api/v1/products", { key })).status).toBe(200);
    const limited = await apiRequest("/api/v1/products", { key });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("Retry-After"))).toBeGreaterThan(0);
    expect((await problemOf(limited)).status).toBe(429);
    // Another key is counted apart.
    expect((await apiRequest("/api/v1/products", { key: other })).status).toBe(200);

    // Every call is in the audit log under the key's name, and so is what it did.
    const calls = await prisma.auditEvent.findMany({
      where: { action: "api.call", entityId: created.id },
      select: { actorName: true, summaryJson: true },
      orderBy: { createdAt: "asc" },
    });
    expect(calls.length).toBe(8);
    expect(calls.every((c) => c.actorName?.includes("Dogwood LOS"))).toBe(true);
    const statuses = calls.map((c) => (JSON.parse(c.summaryJson) as { status: number }).status);
    expect(statuses).toEqual(expect.arrayContaining([200, 201, 409, 422, 429]));
    const made = await prisma.auditEvent.findFirstOrThrow({
      where: { action: "offer.made", entityType: "Offer" },
      orderBy: { createdAt: "desc" },
      select: { actorName: true, actorId: true },
    });
    expect(made.actorName).toContain("Dogwood LOS");
    expect(made.actorId).toBe(d.user.id);
    const lastUsed = await prisma.apiKey.findUniqueOrThrow({
      where: { id: created.id },
      select: { lastUsedAt: true },
    });
    expect(lastUsed.lastUsedAt).not.toBeNull();
  });
});

describe("the body of a write", () => {
  it("refuses a body too large, not JSON by its type, not UTF-8, or with a number where text is asked, and changes nothing", async () => {
    const e = await lender("Elm");
    const app = await submitted([e.org.id], "INVOICE_FACTORING", "Body Checks");
    const r = app.referralOf(e.org.id);
    const key = (await apiKeyFor(e.org.id, e.user.id, ["read", "decide"], "Elm LOS")).key;
    const raw = (body: string | Uint8Array<ArrayBuffer>, contentType: string, idem: string) =>
      request(`/api/v1/referrals/${r}/decline`, {
        method: "POST",
        headers: { Authorization: `Bearer ${key}`, "Idempotency-Key": idem, "Content-Type": contentType },
        body,
      });
    const before = await prisma.referral.findUniqueOrThrow({ where: { id: r }, select: { status: true } });

    // 64 KiB is the most a write takes; more is 413, however it is sent.
    const padding = "x".repeat(64 * 1024);
    const tooLarge = await raw(
      JSON.stringify({ reasons: ["REVENUE"], padding }),
      "application/json",
      "big-1",
    );
    expect(tooLarge.status).toBe(413);
    expect((await problemOf(tooLarge)).type).toBe("/developers/api#problem-content-too-large");
    // Counted in bytes, not characters: 40,000 three-byte characters are 120,000 bytes.
    const wide = await raw(
      JSON.stringify({ reasons: ["REVENUE"], note: "€".repeat(40_000) }),
      "application/json",
      "big-2",
    );
    expect(wide.status).toBe(413);

    // JSON sent as text/plain (or a form) is refused by its type, with what to send instead.
    const plain = await raw(JSON.stringify({ reasons: ["REVENUE"] }), "text/plain", "type-1");
    expect(plain.status).toBe(415);
    const plainProblem = await problemOf(plain);
    expect(plainProblem.type).toBe("/developers/api#problem-unsupported-media-type");
    expect(plainProblem.detail).toContain("application/json");
    expect(plain.headers.get("Accept-Post")).toBe("application/json");
    const form = await raw("reasons=REVENUE", "application/x-www-form-urlencoded", "type-2");
    expect(form.status).toBe(415);
    // A JSON media type with parameters or a +json suffix is JSON.
    const charset = await raw("{}", "application/json; charset=utf-8", "type-3");
    expect(charset.status).toBe(422);

    // Bytes that are not UTF-8 are unreadable, not a 500.
    const latin1 = await raw(new Uint8Array([0x7b, 0x22, 0xe9, 0x22, 0x7d]), "application/json", "utf-1");
    expect(latin1.status).toBe(400);
    expect((await problemOf(latin1)).detail).toContain("UTF-8");

    // An amount sent as a JSON number is told to send it as text, at its field.
    expect(
      (await apiRequest(`/api/v1/referrals/${r}/review`, { key, body: {}, idempotencyKey: "start-1" }))
        .status,
    ).toBe(200);
    const number = await apiRequest(`/api/v1/referrals/${r}/offers`, {
      key,
      body: { ...OFFER, amount: 80000 },
      idempotencyKey: "number-1",
    });
    expect(number.status).toBe(422);
    const numberProblem = (await number.json()) as { errors: { field: string; message: string }[] };
    expect(numberProblem.errors).toContainEqual({
      field: "amount",
      message: 'Send this as a JSON string, as typed on the review page (for example "80000"), not a number.',
    });

    // None of them changed the referral or made an offer.
    // (the review started above is the only change).
    expect(before.status).toBe("NEW");
    expect(await prisma.referral.findUniqueOrThrow({ where: { id: r }, select: { status: true } })).toEqual({
      status: "IN_REVIEW",
    });
    expect(await prisma.offer.count({ where: { referralId: r } })).toBe(0);
  });
});

const NEW_KEY = /data-testid="new-api-key">(tl_live_[a-z0-9]{10}_[A-Za-z0-9_-]{43})</;

describe("the key pages", () => {
  it("a lender admin creates a key (shown once), lists and revokes; underwriters cannot; bad input writes nothing; an admin revokes any", async () => {
    const e = await lender("Elm");
    const admin = await adminOf(e.org.id, "Elm Admin");
    const team = await (await request("/lender/team", { cookie: admin.cookie })).text();
    expect(team).toContain('href="/lender/api-keys"');
    expect(team).toContain("Connect your systems");

    const bads: Record<string, string>[] = [
      { intent: "create", name: "", scopes: "read" },
      { intent: "create", name: "Loan system" },
    ];
    for (const bad of bads) {
      const response = await request("/lender/api-keys", { cookie: admin.cookie, form: bad });
      expect(response.status).toBe(400);
      const page = await response.text();
      expect(page).toMatch(bad.name === "" ? /Enter a name for the key/ : /Choose what the key may do/);
    }
    expect(await prisma.apiKey.count({ where: { lenderOrgId: e.org.id } })).toBe(0);

    // Post/Redirect/Get: the answer is a 303 to the page with a one-time reveal of the key.
    const created = await request("/lender/api-keys", {
      cookie: admin.cookie,
      form: { intent: "create", name: "Loan system", scopes: ["read", "decide"] },
    });
    expect(created.status).toBe(303);
    expect(await created.text()).not.toMatch(NEW_KEY);
    const location = created.headers.get("Location") ?? "";
    const row = await prisma.apiKey.findFirstOrThrow({
      where: { lenderOrgId: e.org.id },
      select: { id: true, secretHash: true, scopes: true, publicId: true },
    });
    const revealId = /reveal=([a-z0-9]+)$/.exec(location)?.[1] ?? "";
    expect(location).toBe(`/lender/api-keys?key=${row.id}&reveal=${revealId}`);

    // Another admin of the same lender, with the reveal's address, sees no key (and takes nothing).
    const other = await adminOf(e.org.id, "Elm Second Admin");
    const othersPage = await request(location, { cookie: other.cookie });
    expect(othersPage.status).toBe(200);
    const othersHtml = await othersPage.text();
    expect(othersHtml).not.toMatch(NEW_KEY);
    expect(othersHtml).toContain("The key was shown once");
    expect(othersHtml).toContain("revoke it and create another if it was lost");
    // Nor does a made-up reveal id, an expired reveal, nor the reveal asked for with another key's id.
    const expired = await createReveal(prisma, {
      userId: admin.user.id,
      purpose: apiKeyRevealPurpose(row.id),
      value: `tl_live_${row.publicId}_${"e".repeat(43)}`,
      now: new Date(Date.now() - REVEAL_TTL_MS - 60_000),
    });
    for (const address of [
      `/lender/api-keys?key=${row.id}&reveal=${expired}`,
      `/lender/api-keys?key=${row.id}&reveal=${"x".repeat(25)}`,
      `/lender/api-keys?key=nosuchkey&reveal=${revealId}`,
      `/lender/api-keys?reveal=${revealId}`,
    ]) {
      const html = await (await request(address, { cookie: admin.cookie })).text();
      expect(html, address).not.toMatch(NEW_KEY);
      expect(html, address).toContain("The key was shown once");
    }

    // Its creator sees it once, on a page never cached.
    const page = await request(location, { cookie: admin.cookie });
    expect(page.status).toBe(200);
    expect(page.headers.get("Cache-Control")).toBe("private, no-store");
    const shown = NEW_KEY.exec(await page.text())?.[1] ?? "";
    expect(shown).not.toBe("");
    expect(await prisma.oneTimeReveal.count({ where: { id: revealId } })).toBe(0);
    // A reload (or the back button) shows no key and creates nothing.
    const reloaded = await request(location, { cookie: admin.cookie });
    expect(reloaded.status).toBe(200);
    expect(reloaded.headers.get("Cache-Control")).toBe("private, no-store");
    const again = await reloaded.text();
    expect(again).not.toContain(shown);
    expect(again).not.toMatch(NEW_KEY);
    expect(again).toContain("The key was shown once");
    expect(await prisma.apiKey.count({ where: { lenderOrgId: e.org.id } })).toBe(1);
    expect(row.secretHash).not.toContain(shown.slice(-20));
    expect(row.scopes).toBe("decide,read");
    expect((await apiRequest("/api/v1/products", { key: shown })).status).toBe(200);
    const list = await (await request("/lender/api-keys", { cookie: admin.cookie })).text();
    expect(list).toContain("Loan system");
    expect(list).toContain(`tl_live_${row.publicId}`);
    expect(list).not.toContain(shown);
    const audit = await prisma.auditEvent.findFirstOrThrow({
      where: { action: "api_key.created", entityId: row.id },
      select: { summaryJson: true },
    });
    expect(audit.summaryJson).toContain("Loan system");
    expect(audit.summaryJson).not.toContain(shown);

    // Underwriters get the same 404 as any page they cannot use.
    expect((await request("/lender/api-keys", { cookie: e.cookie })).status).toBe(404);
    expect(
      (
        await request("/lender/api-keys", {
          cookie: e.cookie,
          form: { intent: "create", name: "Mine", scopes: "read" },
        })
      ).status,
    ).toBe(404);
    expect(
      (
        await request("/lender/api-keys", {
          cookie: e.cookie,
          form: { intent: "revoke-api-key", keyId: row.id, confirmed: "yes" },
        })
      ).status,
    ).toBe(404);
    expect(await prisma.apiKey.count({ where: { lenderOrgId: e.org.id } })).toBe(1);

    // A TradeLift admin sees the partner's keys and revokes one.
    const ops = await createAdmin(prisma, {
      email: `${unique("ops")}@tradelift.example`,
      name: "Ops",
      password: PASSWORD,
    });
    const opsCookie = await cookieFor(ops.id);
    const partnerPage = await (await request(`/admin/partners/${e.org.id}`, { cookie: opsCookie })).text();
    expect(partnerPage).toContain("Loan system");
    expect(
      (
        await request(`/admin/partners/${e.org.id}`, {
          cookie: opsCookie,
          form: { intent: "revoke-api-key", keyId: row.id, confirmed: "yes" },
        })
      ).status,
    ).toBe(302);
    expect((await apiRequest("/api/v1/products", { key: shown })).status).toBe(401);
    const revoked = await prisma.auditEvent.findFirstOrThrow({
      where: { action: "api_key.revoked", entityId: row.id },
      select: { actorId: true },
    });
    expect(revoked.actorId).toBe(ops.id);
    // The same revocation again (a double click, a stale page): said so, not a 404, and done once.
    const revokedAgain = await request(`/admin/partners/${e.org.id}`, {
      cookie: opsCookie,
      form: { intent: "revoke-api-key", keyId: row.id, confirmed: "yes" },
    });
    expect(revokedAgain.status).toBe(302);
    const cookie = cookieHeader(...setCookiesOf(revokedAgain));
    expect(
      (await readToast(new Request("http://localhost/", { headers: { Cookie: cookie } }))).toast,
    ).toMatchObject({
      title: "This key was already revoked",
    });
    expect(await prisma.auditEvent.count({ where: { action: "api_key.revoked", entityId: row.id } })).toBe(1);
  });
});
