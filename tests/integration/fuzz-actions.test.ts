// A property-based fuzzer for every action. It builds a small marketplace in every state a form
// exists for, opens each page as its user, reads every POST form the page really renders (fields,
// hidden values, choices, submit buttons), and posts random and hostile variations of it:
// empty, huge, unicode and control characters, HTML/script, numbers out of range, wrong types,
// missing, duplicated and unknown fields, files of the wrong kind. Whatever it sends:
//   - the answer is never a 5xx;
//   - a refusal (4xx) says what is wrong — field errors, an alert, or the error page's message;
//   - a refusal writes nothing but its own audit record: every table's row count and latest update
//     are unchanged (refusal events aside).
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createAdmin,
  createExportOrder,
  createLenderOrg,
  createLenderUser,
  createMerchant,
  createProduct,
  seedFxRates,
  unique,
} from "#tests/factories";
import { createInvitation } from "~/domain/accounts/invitations.server";
import { createDraft } from "~/domain/applications/applications.server";
import { connectSandboxPersona } from "~/domain/bank/bank.server";
import { OfferSchema } from "~/domain/offers/offer";
import { acceptOffer, shownDisclosureSha256 } from "~/domain/offers/offers.server";
import { makeOffer, requestInformation, startReview } from "~/domain/referrals/referrals.server";
import { createEndpoint } from "~/domain/webhooks/webhooks.server";
import { databaseEngine, prisma } from "~/utils/db.server";
import { startTestSandbox } from "../setup/plaid-sandbox";
import { cookieFor, request } from "./app";

const PASSWORD = "correct horse battery staple";
// A fixed seed keeps `npm test` repeatable; FUZZ_SEED and FUZZ_RUNS explore further
// (`npm run test:stress` runs many more with fresh seeds).
const RUNS_PER_FORM = Number(process.env.FUZZ_RUNS ?? 12);
const SEED =
  process.env.FUZZ_SEED === "random" ? Date.now() % 2_147_483_647 : Number(process.env.FUZZ_SEED ?? 20261127);
if (process.env.FUZZ_SEED) console.info(`Fuzzing with seed ${SEED} (FUZZ_SEED=${SEED} repeats this run).`);

type Role = "anonymous" | "merchant" | "lenderAdmin" | "underwriter" | "admin";
const cookies: Partial<Record<Role, string>> = {};
const pages: { path: string; as: Role }[] = [];
let sandbox: Awaited<ReturnType<typeof startTestSandbox>>;

async function application(merchantId: string, status: string) {
  return prisma.application.create({
    data: {
      merchantId,
      requestedAmountCents: 7_500_000,
      purpose: "Materials and freight for an export order",
      productTypeWanted: "ANY",
      tenorDays: 90,
      status,
      submittedAt: new Date(),
    },
    select: { id: true },
  });
}

beforeAll(async () => {
  sandbox = await startTestSandbox();
  await seedFxRates(prisma, new Date());
  const admin = await createAdmin(prisma, {
    email: `${unique("a")}@tradelift.example`,
    name: "Admin",
    password: PASSWORD,
  });
  const merchant = await createMerchant(prisma, {
    email: `${unique("m")}@example.com`,
    userName: "Fuzz Merchant",
    password: PASSWORD,
    legalName: "Fuzz Exports LLC",
    complete: true,
  });
  // An account only the admin's account page acts on (deactivating it disturbs no other case).
  const bystander = await createMerchant(prisma, {
    email: `${unique("by")}@example.com`,
    userName: "Fuzz Bystander",
    password: PASSWORD,
    legalName: "Bystander LLC",
  });
  const org = await createLenderOrg(prisma, { name: unique("Fuzz Lender ") });
  const lenderAdmin = await createLenderUser(prisma, {
    lenderOrgId: org.id,
    email: `${unique("la")}@l.example`,
    name: "Lender Admin",
    password: PASSWORD,
    lenderRole: "ADMIN",
  });
  const underwriter = await createLenderUser(prisma, {
    lenderOrgId: org.id,
    email: `${unique("uw")}@l.example`,
    name: "Underwriter",
    password: PASSWORD,
    lenderRole: "UNDERWRITER",
  });
  const productFields = {
    lenderOrgId: org.id,
    minAmountCents: 1_000_000,
    maxAmountCents: 100_000_000,
    minScore: 0,
    minMonthsInBusiness: 0,
    minAnnualRevenueCents: 0n,
    maxOecdCategory: 7,
    acceptedPaymentTerms: ["OPEN_ACCOUNT", "LETTER_OF_CREDIT"],
    minTenorDays: 30,
    maxTenorDays: 365,
    advanceRateBps: 9000,
  };
  const po = await createProduct(prisma, {
    ...productFields,
    name: "Fuzz PO",
    type: "PO_FINANCING",
    feePer30DaysMinBps: 100,
    feePer30DaysMaxBps: 500,
  });
  const loan = await createProduct(prisma, {
    ...productFields,
    name: "Fuzz Loan",
    type: "TERM_LOAN",
    aprMinBps: 800,
    aprMaxBps: 2000,
  });
  const orders = [];
  for (const country of ["JP", "KR"]) {
    orders.push(
      await createExportOrder(prisma, {
        merchantId: merchant.merchantId,
        buyerName: `Fuzz Buyer ${country}`,
        buyerCountry: country,
        poNumber: unique("FZ-"),
        amountMinor: 4_000_000n,
        currency: "USD",
        orderDate: new Date(),
        paymentTerm: "OPEN_ACCOUNT",
        paymentTermDays: 60,
        incoterm: "FOB",
      }),
    );
  }
  const merchantActor = { id: merchant.userId, role: "MERCHANT" };
  const lenderActor = { id: underwriter.id, role: "LENDER" };
  const ip = "127.0.0.1";
  const draft = await createDraft(prisma, {
    merchantId: merchant.merchantId,
    application: {
      amount: 7_500_000,
      purpose: "Materials and freight",
      productTypeWanted: "ANY",
      tenorDays: 90,
      orderIds: orders.map((o) => o.id),
    },
    actor: merchantActor,
    ip,
  });
  const referral = async (applicationId: string, productId: string) =>
    prisma.referral.create({
      data: { applicationId, lenderProductId: productId, lenderOrgId: org.id, fitRank: 1, status: "NEW" },
      select: { id: true },
    });
  const offer = (amount: string) =>
    OfferSchema.parse({
      productType: "PO_FINANCING",
      amount,
      advanceRate: "85",
      feePer30Days: "2.5",
      termDays: 90,
      expiresInDays: 14,
    });

  // Submitted, waiting for review.
  const fresh = await referral((await application(merchant.merchantId, "SUBMITTED")).id, po.id);
  // In review, with a question open for the merchant.
  const asking = await application(merchant.merchantId, "SUBMITTED");
  const asked = await referral(asking.id, po.id);
  await startReview(prisma, { lenderOrgId: org.id, referralId: asked.id, actor: lenderActor, ip });
  await requestInformation(prisma, {
    lenderOrgId: org.id,
    referralId: asked.id,
    question: "Please send the invoice.",
    documentType: "INVOICE",
    actor: lenderActor,
    ip,
  });
  // In review at two products: one offered, one still open for an offer or a decline.
  const offered = await application(merchant.merchantId, "SUBMITTED");
  const offeredReferral = await referral(offered.id, po.id);
  const reviewing = await referral(offered.id, loan.id);
  for (const id of [offeredReferral.id, reviewing.id])
    await startReview(prisma, { lenderOrgId: org.id, referralId: id, actor: lenderActor, ip });
  await makeOffer(prisma, {
    lenderOrgId: org.id,
    referralId: offeredReferral.id,
    offer: offer("60000"),
    actor: lenderActor,
    ip,
  });
  // Accepted, waiting for the lender to record the funding.
  const accepted = await application(merchant.merchantId, "SUBMITTED");
  const acceptedReferral = await referral(accepted.id, po.id);
  await startReview(prisma, { lenderOrgId: org.id, referralId: acceptedReferral.id, actor: lenderActor, ip });
  await makeOffer(prisma, {
    lenderOrgId: org.id,
    referralId: acceptedReferral.id,
    offer: offer("50000"),
    actor: lenderActor,
    ip,
  });
  const acceptedOffer = await prisma.offer.findFirstOrThrow({ where: { referralId: acceptedReferral.id } });
  await acceptOffer(prisma, {
    merchantId: merchant.merchantId,
    offerId: acceptedOffer.id,
    signatureName: "Fuzz Merchant",
    consent: true,
    disclosureSha256: (await shownDisclosureSha256(prisma, merchant.merchantId, acceptedOffer.id)) ?? "",
    actor: merchantActor,
    ip,
  });

  await connectSandboxPersona(prisma, {
    merchantId: merchant.merchantId,
    persona: "steady_exporter",
    actor: merchantActor,
    ip,
  });
  const invitation = await createInvitation(prisma, {
    name: "Invited Underwriter",
    email: `${unique("inv")}@l.example`,
    target: { kind: "lender", lenderOrgId: org.id, lenderRole: "UNDERWRITER" },
    actor: { id: admin.id, role: "ADMIN" },
    ip,
  });

  const endpoint = await createEndpoint(prisma, {
    lenderOrgId: org.id,
    url: "https://hooks.lender.example/tradelift",
    description: "",
    events: ["referral.created", "offer.accepted"],
    actor: { id: lenderAdmin.id, role: "LENDER" },
    ip,
  });
  const endpointId = endpoint.ok ? endpoint.endpointId : "";

  await settle();
  cookies.merchant = await cookieFor(merchant.userId);
  cookies.lenderAdmin = await cookieFor(lenderAdmin.id);
  cookies.underwriter = await cookieFor(underwriter.id);
  cookies.admin = await cookieFor(admin.id);
  const order = orders[0]?.id ?? "";
  pages.push(
    { path: "/signup", as: "anonymous" },
    { path: "/login", as: "anonymous" },
    { path: `/invitations/${invitation.url.split("/invitations/")[1] ?? ""}`, as: "anonymous" },
    { path: "/merchant/profile", as: "merchant" },
    { path: "/merchant/demographics", as: "merchant" },
    { path: "/merchant/orders/new", as: "merchant" },
    { path: `/merchant/orders/${order}`, as: "merchant" },
    { path: "/merchant/orders/import", as: "merchant" },
    { path: "/merchant/sales/import", as: "merchant" },
    { path: "/merchant/applications/new", as: "merchant" },
    { path: `/merchant/applications/${draft.id}`, as: "merchant" },
    { path: `/merchant/applications/${asking.id}`, as: "merchant" },
    { path: `/merchant/applications/${offered.id}`, as: "merchant" },
    { path: `/merchant/applications/${draft.id}/demographics`, as: "merchant" },
    { path: "/merchant/bank", as: "merchant" },
    { path: "/settings/password", as: "merchant" },
    { path: `/lender/referrals/${fresh.id}`, as: "underwriter" },
    { path: `/lender/referrals/${reviewing.id}`, as: "underwriter" },
    { path: `/lender/referrals/${acceptedReferral.id}`, as: "underwriter" },
    { path: "/lender/products/new", as: "lenderAdmin" },
    { path: `/lender/products/${po.id}`, as: "lenderAdmin" },
    { path: "/lender/team", as: "lenderAdmin" },
    { path: "/lender/webhooks", as: "lenderAdmin" },
    { path: `/lender/webhooks/${endpointId}`, as: "lenderAdmin" },
    { path: "/admin/partners/new", as: "admin" },
    { path: `/admin/partners/${org.id}`, as: "admin" },
    { path: "/admin/users", as: "admin" },
    { path: `/admin/users/${bystander.userId}`, as: "admin" },
  );
}, 60_000);

afterAll(async () => {
  await sandbox.close();
});

// ── reading the forms a page renders ──

type Field = { name: string; kind: "text" | "hidden" | "choice" | "file" | "check"; values: string[] };
type PageForm = {
  action: string;
  multipart: boolean;
  fields: Field[];
  submits: { name: string; value: string }[];
};

const decode = (text: string) =>
  text
    .replaceAll("&quot;", '"')
    .replaceAll("&#x27;", "'")
    .replaceAll("&#39;", "'")
    .replaceAll("&lt;", "<")
    .replaceAll("&gt;", ">")
    .replaceAll("&amp;", "&");

function attributes(tag: string): Record<string, string> {
  const found: Record<string, string> = {};
  for (const match of tag.matchAll(/([a-zA-Z_:][\w:.-]*)(?:\s*=\s*"([^"]*)")?/g)) {
    const [, name, value] = match;
    if (name) found[name.toLowerCase()] = decode(value ?? "");
  }
  return found;
}

function formsOf(html: string, pagePath: string): PageForm[] {
  const forms: PageForm[] = [];
  for (const match of html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/g)) {
    const attrs = attributes(match[1] ?? "");
    if ((attrs.method ?? "get").toLowerCase() !== "post") continue;
    const action = attrs.action && attrs.action.length > 0 ? attrs.action : pagePath;
    if (action.startsWith("/logout")) continue; // signing out is not an input to fuzz
    const body = match[2] ?? "";
    const fields = new Map<string, Field>();
    const add = (name: string, kind: Field["kind"], value: string | null) => {
      const field = fields.get(name) ?? { name, kind, values: [] };
      if (value !== null && !field.values.includes(value)) field.values.push(value);
      fields.set(name, field);
    };
    for (const input of body.matchAll(/<input\b([^>]*)>/g)) {
      const a = attributes(input[1] ?? "");
      if (!a.name) continue;
      const type = (a.type ?? "text").toLowerCase();
      if (type === "submit") continue;
      const kind =
        type === "hidden"
          ? "hidden"
          : type === "file"
            ? "file"
            : type === "radio"
              ? "choice"
              : type === "checkbox"
                ? "check"
                : "text";
      add(a.name, kind, a.value ?? (kind === "check" ? "on" : ""));
    }
    for (const area of body.matchAll(/<textarea\b([^>]*)>([\s\S]*?)<\/textarea>/g)) {
      const a = attributes(area[1] ?? "");
      if (a.name) add(a.name, "text", decode(area[2] ?? ""));
    }
    for (const select of body.matchAll(/<select\b([^>]*)>([\s\S]*?)<\/select>/g)) {
      const a = attributes(select[1] ?? "");
      if (!a.name) continue;
      add(a.name, "choice", null);
      for (const option of (select[2] ?? "").matchAll(/<option\b([^>]*)>/g))
        add(a.name, "choice", attributes(option[1] ?? "").value ?? "");
    }
    const submits = [...body.matchAll(/<button\b([^>]*)>/g)]
      .map((b) => attributes(b[1] ?? ""))
      .filter((a) => a.name)
      .map((a) => ({ name: a.name ?? "", value: a.value ?? "" }));
    forms.push({
      action,
      multipart: (attrs.enctype ?? "").includes("multipart"),
      fields: [...fields.values()],
      submits,
    });
  }
  return forms;
}

// ── what the fuzzer sends ──

const HUGE = "<<120,000 characters>>";
const expand = (value: string) => (value === HUGE ? "x".repeat(120_000) : value);

const hostile = fc.oneof(
  fc.constant(""),
  fc.constant(" "),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: "grapheme", maxLength: 40 }),
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.constant(HUGE), // 120,000 characters, expanded when sent (keeps counterexamples readable)
  fc.constant("<script>alert(document.cookie)</script>"),
  fc.constant('"><img src=x onerror=alert(1)>'),
  fc.constant('\' OR 1=1; DROP TABLE "User"; --'),
  fc.constant("\u0000\u202e\ufeff\u200b"),
  fc.constant("𝕿𝖗𝖆𝖉𝖊 Lift 🚢 日本語 العربية"),
  fc.constantFrom(
    "-1",
    "0",
    "-0",
    "1e309",
    "NaN",
    "Infinity",
    "99999999999999999999999",
    "0.0000001",
    "12,34,5",
    "1_000",
  ),
  fc.integer().map(String),
  fc.double().map(String),
  fc.constantFrom(
    "true",
    "false",
    "null",
    "undefined",
    "[object Object]",
    '{"a":1}',
    "[]",
    "2026-02-30",
    "9999-99-99",
  ),
  fc.constantFrom("cmwz00000000000000000000", "../../etc/passwd", "%00", "%2e%2e%2f"),
);

type Value = string | string[] | null; // null: the field is left out

function valueFor(field: Field): fc.Arbitrary<Value> {
  const real = field.values.length > 0 ? fc.constantFrom(...field.values) : fc.constant("");
  return fc.oneof(
    { weight: 3, arbitrary: real },
    { weight: 4, arbitrary: hostile },
    { weight: 1, arbitrary: fc.constant(null) },
    {
      weight: 1,
      arbitrary: fc.tuple(fc.oneof(real, hostile), fc.oneof(real, hostile)).map(([a, b]) => [a, b]),
    },
  );
}

const fileArb = fc.record({
  name: fc.constantFrom("orders.csv", "photo.png", "evil.exe", "../../x.pdf", "", "a".repeat(300)),
  type: fc.constantFrom("text/csv", "application/pdf", "image/png", "application/x-msdownload", ""),
  body: fc.oneof(
    fc.constant(""),
    fc.string({ maxLength: 200 }),
    fc.constant("MZ\u0090\u0000binary"),
    fc.constant("po_number,buyer_name\n1,2\n"),
    fc.constant("%PDF-1.4\n%%EOF\n"),
    fc.constant(HUGE),
  ),
});

function submissionArb(form: PageForm) {
  const plain = form.fields.filter((f) => f.kind !== "file");
  const files = form.fields.filter((f) => f.kind === "file");
  return fc.record({
    values: fc.tuple(...plain.map(valueFor)),
    files: fc.tuple(...files.map(() => fc.option(fileArb, { nil: null }))),
    submit:
      form.submits.length > 0
        ? fc.option(fc.constantFrom(...form.submits), { nil: null })
        : fc.constant(null),
    extra: fc.option(fc.tuple(fc.string({ minLength: 1, maxLength: 12 }), hostile), { nil: null }),
  });
}

// ── what must hold ──

/** Bank syncs run in the background after a connection or a refresh; wait until none is running. */
async function settle() {
  // A sync told of new data while it ran starts once more right after it ends (sync.server.ts,
  // startSync): quiet means no lease held and no connection written for a moment.
  const lastWrite = async () =>
    (await prisma.bankConnection.aggregate({ _max: { updatedAt: true } }))._max.updatedAt?.getTime() ?? 0;
  for (let i = 0; i < 200; i++) {
    if ((await prisma.bankConnection.count({ where: { syncStartedAt: { not: null } } })) === 0) {
      const written = await lastWrite();
      await new Promise((resolve) => setTimeout(resolve, 60));
      if (
        (await prisma.bankConnection.count({ where: { syncStartedAt: { not: null } } })) === 0 &&
        (await lastWrite()) === written
      )
        return;
      continue;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error("A bank sync did not finish within 10 seconds.");
}

let snapshotSql = "";
async function snapshot(): Promise<string> {
  if (!snapshotSql) {
    // The catalogue is the one thing the engines name differently.
    const sqlite = databaseEngine() === "sqlite";
    const tables = await prisma.$queryRawUnsafe<{ name: string }[]>(
      sqlite
        ? `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT IN ('RateLimitBucket', '_prisma_migrations')`
        : `SELECT CAST(table_name AS VARCHAR(100)) AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' AND table_name NOT IN ('RateLimitBucket', '_prisma_migrations')`,
    );
    const parts: string[] = [];
    for (const { name } of tables) {
      const columns = await prisma.$queryRawUnsafe<{ name: string }[]>(
        sqlite
          ? `SELECT name FROM pragma_table_info('${name}')`
          : `SELECT CAST(column_name AS VARCHAR(100)) AS name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = '${name}'`,
      );
      const stamp = columns.some((c) => c.name === "updatedAt") ? `MAX("updatedAt")` : "''";
      // A refusal is itself recorded in the audit trail (access.refused, transition.refused): the
      // one row a refused request writes.
      const rows = name === "AuditEvent" ? `"${name}" WHERE "action" NOT LIKE '%.refused'` : `"${name}"`;
      parts.push(
        `(SELECT CAST(COUNT(*) AS VARCHAR(20)) || '@' || COALESCE(CAST(${stamp} AS VARCHAR(40)), '') FROM ${rows}) AS "${name}"`,
      );
    }
    snapshotSql = `SELECT ${parts.join(", ")}`;
  }
  const rows = await prisma.$queryRawUnsafe<Record<string, string>[]>(snapshotSql);
  return JSON.stringify(rows[0]);
}

const EXPLAINS = /aria-invalid="true"|role="alert"|class="field-errors"|class="error-panel"|class="alert/;

let ipCounter = 0;

describe("fuzzing every action", () => {
  it("finds forms on every page", async () => {
    for (const page of pages) {
      const response = await request(page.path, { cookie: cookies[page.as] });
      expect(response.status, page.path).toBe(200);
      expect(formsOf(await response.text(), page.path).length, page.path).toBeGreaterThan(0);
    }
  });

  it("never answers 5xx, explains every refusal, and a refusal writes nothing", async () => {
    let posted = 0;
    for (const page of pages) {
      const html = await (await request(page.path, { cookie: cookies[page.as] })).text();
      for (const form of formsOf(html, page.path)) {
        const plain = form.fields.filter((f) => f.kind !== "file");
        const files = form.fields.filter((f) => f.kind === "file");
        await fc.assert(
          fc.asyncProperty(submissionArb(form), async (submission) => {
            const entries: [string, string | File][] = [];
            plain.forEach((field, i) => {
              const value = submission.values[i];
              if (value === null || value === undefined) return;
              for (const item of Array.isArray(value) ? value : [value])
                entries.push([field.name, expand(item)]);
            });
            files.forEach((field, i) => {
              const file = submission.files[i];
              if (file)
                entries.push([field.name, new File([expand(file.body)], file.name, { type: file.type })]);
            });
            if (submission.submit) entries.push([submission.submit.name, submission.submit.value]);
            if (submission.extra) entries.push([submission.extra[0], expand(submission.extra[1])]);

            await settle();
            const before = await snapshot();
            ipCounter += 1;
            const ip = `10.77.${Math.floor(ipCounter / 250) % 250}.${ipCounter % 250}`;
            let response: Response;
            if (form.multipart) {
              const body = new FormData();
              for (const [key, value] of entries) body.append(key, value);
              response = await request(form.action, { cookie: cookies[page.as], multipart: body, ip });
            } else {
              const body: Record<string, string[]> = Object.create(null);
              for (const [key, value] of entries) body[key] = [...(body[key] ?? []), String(value)];
              response = await request(form.action, { cookie: cookies[page.as], form: body, ip });
            }
            posted += 1;
            const text = await response.text();
            const where = `${page.as} POST ${form.action} ${JSON.stringify(entries.map(([k, v]) => [k, typeof v === "string" ? v.slice(0, 60) : `file:${v.name}`]))}`;
            expect(response.status, where).toBeLessThan(500);
            if (response.status >= 400) {
              const contentType = response.headers.get("Content-Type") ?? "";
              if (contentType.includes("text/html")) expect(text, where).toMatch(EXPLAINS);
              else expect(text.trim().length, where).toBeGreaterThan(0);
              expect(await snapshot(), `${where} wrote despite answering ${response.status}`).toBe(before);
            }
            expect(text, where).not.toContain("<script>alert(document.cookie)</script>");
          }),
          { numRuns: RUNS_PER_FORM, seed: SEED, endOnFailure: true },
        );
      }
    }
    expect(posted).toBeGreaterThan(pages.length * RUNS_PER_FORM);
  }, 240_000);
});
