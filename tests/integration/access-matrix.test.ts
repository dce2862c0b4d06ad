// Every route × every role (and own vs. foreign resources): the expected status, never data that
// is not the actor's. Grows with every route.
import { beforeAll, describe, expect, it } from "vitest";
import {
  createAdmin,
  createExportOrder,
  createLenderOrg,
  createLenderUser,
  createMerchant,
  createProduct,
  unique,
} from "#tests/factories";
import { createInvitation } from "~/domain/accounts/invitations.server";
import { enqueueEmail } from "~/domain/notifications/outbox.server";
import { prisma } from "~/utils/db.server";
import { cookieFor, request } from "./app";

type Role = "anonymous" | "merchant" | "lenderAdmin" | "underwriter" | "admin";
const ROLES: Role[] = ["anonymous", "merchant", "lenderAdmin", "underwriter", "admin"];
const PASSWORD = "correct horse battery staple";

const cookies = {} as Record<Role, string | undefined>;
const ids = {
  ownOrg: "",
  foreignOrg: "",
  foreignInvitation: "",
  ownInvitation: "",
  foreignConnection: "",
  foreignOrder: "",
  foreignProduct: "",
  foreignApplication: "",
  foreignNotice: "",
  foreignReferral: "",
  outboxEmail: "",
  pendingOrg: "",
};

beforeAll(async () => {
  const admin = await createAdmin(prisma, {
    email: `${unique("a")}@tradelift.example`,
    name: "Admin",
    password: PASSWORD,
  });
  const merchant = await createMerchant(prisma, {
    email: `${unique("m")}@example.com`,
    userName: "M",
    password: PASSWORD,
    legalName: "M LLC",
  });
  const own = await createLenderOrg(prisma, { name: unique("Own Lender ") });
  const foreign = await createLenderOrg(prisma, { name: unique("Foreign Lender ") });
  const lenderAdmin = await createLenderUser(prisma, {
    lenderOrgId: own.id,
    email: `${unique("la")}@l.example`,
    name: "LA",
    password: PASSWORD,
    lenderRole: "ADMIN",
  });
  const underwriter = await createLenderUser(prisma, {
    lenderOrgId: own.id,
    email: `${unique("uw")}@l.example`,
    name: "UW",
    password: PASSWORD,
    lenderRole: "UNDERWRITER",
  });
  const foreignInvite = await createInvitation(prisma, {
    name: "Someone",
    email: `${unique("fi")}@f.example`,
    target: { kind: "lender", lenderOrgId: foreign.id, lenderRole: "UNDERWRITER" },
    actor: { id: admin.id, role: "ADMIN" },
    ip: "127.0.0.1",
  });
  const ownInvite = await createInvitation(prisma, {
    name: "Someone Else",
    email: `${unique("oi")}@o.example`,
    target: { kind: "lender", lenderOrgId: own.id, lenderRole: "UNDERWRITER" },
    actor: { id: admin.id, role: "ADMIN" },
    ip: "127.0.0.1",
  });
  const otherMerchant = await createMerchant(prisma, {
    email: `${unique("om")}@example.com`,
    userName: "O",
    password: PASSWORD,
    legalName: "Other LLC",
  });
  const foreignConnection = await prisma.bankConnection.create({
    data: {
      merchantId: otherMerchant.merchantId,
      plaidItemId: unique("item"),
      accessTokenEncrypted: "v1.x.y.z",
      institutionName: "Other Bank",
      status: "ACTIVE",
    },
    select: { id: true },
  });
  ids.foreignConnection = foreignConnection.id;
  const foreignOrder = await createExportOrder(prisma, {
    merchantId: otherMerchant.merchantId,
    buyerName: "Foreign Buyer Ltd",
    buyerCountry: "JP",
    poNumber: "FOREIGN-1",
    amountMinor: 100_000n,
    currency: "USD",
    orderDate: new Date("2026-11-01T00:00:00Z"),
    paymentTerm: "OPEN_ACCOUNT",
    paymentTermDays: 30,
    incoterm: "FOB",
  });
  ids.foreignOrder = foreignOrder.id;
  const foreignProduct = await createProduct(prisma, {
    lenderOrgId: foreign.id,
    name: "Foreign Product",
    type: "TERM_LOAN",
    minAmountCents: 5_000_000,
    maxAmountCents: 50_000_000,
    minScore: 600,
    minMonthsInBusiness: 24,
    minAnnualRevenueCents: 50_000_000n,
    maxOecdCategory: 7,
    acceptedPaymentTerms: ["OPEN_ACCOUNT"],
    minTenorDays: 365,
    maxTenorDays: 1825,
    advanceRateBps: 10000,
    aprMinBps: 950,
    aprMaxBps: 1600,
  });
  ids.foreignProduct = foreignProduct.id;
  const foreignApplication = await prisma.application.create({
    data: {
      merchantId: otherMerchant.merchantId,
      requestedAmountCents: 5_000_000,
      purpose: "Someone else's materials",
      productTypeWanted: "ANY",
      tenorDays: 90,
      status: "DRAFT",
    },
    select: { id: true },
  });
  ids.foreignApplication = foreignApplication.id;
  const foreignNotice = await prisma.adverseActionNotice.create({
    data: {
      applicationId: foreignApplication.id,
      kind: "NO_MATCH",
      creditorName: "TradeLift, Inc.",
      creditorAddress: "San Francisco",
      agencyText: "Federal Trade Commission",
      reasonsJson: '["Someone else\'s reason"]',
      contentJson: '{"legacy":true}',
      sentAt: new Date(),
    },
    select: { id: true },
  });
  ids.foreignNotice = foreignNotice.id;
  const foreignReferral = await prisma.referral.create({
    data: {
      applicationId: foreignApplication.id,
      lenderProductId: foreignProduct.id,
      lenderOrgId: foreign.id,
      fitRank: 1,
      status: "NEW",
    },
    select: { id: true },
  });
  ids.foreignReferral = foreignReferral.id;
  await enqueueEmail(prisma, { to: "someone@example.com", subject: "A message", text: "Its text." });
  const email = await prisma.outboxEmail.findFirstOrThrow({ where: { to: "someone@example.com" } });
  const pending = await createLenderOrg(prisma, { name: unique("Pending Lender "), status: "PENDING" });
  Object.assign(ids, {
    outboxEmail: email.id,
    pendingOrg: pending.id,
    ownOrg: own.id,
    foreignOrg: foreign.id,
    foreignInvitation: foreignInvite.invitationId,
    ownInvitation: ownInvite.invitationId,
  });
  cookies.anonymous = undefined;
  cookies.merchant = await cookieFor(merchant.userId);
  cookies.lenderAdmin = await cookieFor(lenderAdmin.id);
  cookies.underwriter = await cookieFor(underwriter.id);
  cookies.admin = await cookieFor(admin.id);
});

const LOGIN = "login";
type Expect = number | typeof LOGIN | `home:${string}`;

type Row = {
  name: string;
  path: () => string;
  method?: "GET" | "POST";
  form?: () => Record<string, string>;
  expect: Record<Role, Expect>;
};

const onlyFor = (role: Role, status = 200): Record<Role, Expect> => ({
  anonymous: LOGIN,
  merchant: role === "merchant" ? status : 404,
  lenderAdmin: role === "lenderAdmin" ? status : 404,
  underwriter: role === "underwriter" ? status : 404,
  admin: role === "admin" ? status : 404,
});
const lenders = (status = 200): Record<Role, Expect> => ({
  ...onlyFor("lenderAdmin", status),
  underwriter: status,
});
const anySignedIn = (status = 200): Record<Role, Expect> => ({
  anonymous: LOGIN,
  merchant: status,
  lenderAdmin: status,
  underwriter: status,
  admin: status,
});
const publicOnly: Record<Role, Expect> = {
  anonymous: 200,
  merchant: "home:/merchant",
  lenderAdmin: "home:/lender",
  underwriter: "home:/lender",
  admin: "home:/admin",
};

const ROWS: Row[] = [
  { name: "home page", path: () => "/", expect: publicOnly },
  { name: "log-in page", path: () => "/login", expect: publicOnly },
  { name: "sign-up page", path: () => "/signup", expect: publicOnly },
  { name: "forgot-password page", path: () => "/forgot-password", expect: publicOnly },
  {
    name: "reset-password link that does not exist",
    path: () => "/reset-password/made-up-token-aaaaaaaaaaaa",
    expect: { anonymous: 410, merchant: 410, lenderAdmin: 410, underwriter: 410, admin: 410 },
  },
  {
    name: "unlock link that does not exist",
    path: () => "/unlock/made-up-token-aaaaaaaaaaaa",
    expect: { anonymous: 410, merchant: 410, lenderAdmin: 410, underwriter: 410, admin: 410 },
  },
  {
    name: "health check",
    path: () => "/healthz",
    expect: { anonymous: 200, merchant: 200, lenderAdmin: 200, underwriter: 200, admin: 200 },
  },
  {
    name: "unknown page",
    path: () => "/no-such-page",
    expect: { anonymous: 404, merchant: 404, lenderAdmin: 404, underwriter: 404, admin: 404 },
  },
  { name: "merchant dashboard", path: () => "/merchant", expect: onlyFor("merchant") },
  { name: "merchant profile", path: () => "/merchant/profile", expect: onlyFor("merchant") },
  {
    name: "merchant profile: save (empty form)",
    path: () => "/merchant/profile",
    method: "POST",
    form: () => ({}),
    expect: onlyFor("merchant", 400),
  },
  { name: "merchant bank accounts", path: () => "/merchant/bank", expect: onlyFor("merchant") },
  { name: "merchant score", path: () => "/merchant/score", expect: onlyFor("merchant") },
  {
    name: "merchant demographic questions",
    path: () => "/merchant/demographics",
    expect: onlyFor("merchant"),
  },
  { name: "merchant options preview", path: () => "/merchant/options", expect: onlyFor("merchant") },
  { name: "merchant applications", path: () => "/merchant/applications", expect: onlyFor("merchant") },
  { name: "new application", path: () => "/merchant/applications/new", expect: onlyFor("merchant") },
  {
    name: "another merchant's application",
    path: () => `/merchant/applications/${ids.foreignApplication}`,
    expect: onlyFor("merchant", 404),
  },
  {
    name: "another merchant's application: demographic answers",
    path: () => `/merchant/applications/${ids.foreignApplication}/demographics`,
    expect: onlyFor("merchant", 404),
  },
  {
    name: "another merchant's application: change its demographic answers",
    path: () => `/merchant/applications/${ids.foreignApplication}/demographics`,
    method: "POST",
    form: () => ({ womenOwned: "YES" }),
    expect: onlyFor("merchant", 404),
  },
  {
    name: "another merchant's application: its package as sent",
    path: () => `/merchant/applications/${ids.foreignApplication}/package`,
    expect: onlyFor("merchant", 404),
  },
  {
    name: "another merchant's notice",
    path: () => `/merchant/applications/${ids.foreignApplication}/notices/${ids.foreignNotice}`,
    expect: onlyFor("merchant", 404),
  },
  {
    name: "another merchant's notice as PDF",
    path: () => `/merchant/applications/${ids.foreignApplication}/notices/${ids.foreignNotice}/pdf`,
    expect: onlyFor("merchant", 404),
  },
  ...(["submit", "withdraw"] as const).map(
    (intent): Row => ({
      name: `another merchant's application: ${intent}`,
      path: () => `/merchant/applications/${ids.foreignApplication}`,
      method: "POST",
      form: () => ({ intent, confirm: "on" }),
      expect: onlyFor("merchant", 404),
    }),
  ),
  ...(["refresh", "reconnect", "disconnect"] as const).map(
    (intent): Row => ({
      name: `another merchant's bank connection: ${intent}`,
      path: () => `/merchant/bank/${ids.foreignConnection}`,
      method: "POST",
      form: () => ({ intent }),
      expect: onlyFor("merchant", 404),
    }),
  ),
  {
    name: "Plaid webhook (GET)",
    path: () => "/webhooks/plaid",
    expect: { anonymous: 405, merchant: 405, lenderAdmin: 405, underwriter: 405, admin: 405 },
  },
  {
    name: "Plaid webhook without a signature",
    path: () => "/webhooks/plaid",
    method: "POST",
    form: () => ({ webhook_type: "TRANSACTIONS" }),
    expect: { anonymous: 401, merchant: 401, lenderAdmin: 401, underwriter: 401, admin: 401 },
  },
  { name: "export orders", path: () => "/merchant/orders", expect: onlyFor("merchant") },
  { name: "new export order", path: () => "/merchant/orders/new", expect: onlyFor("merchant") },
  { name: "export order import", path: () => "/merchant/orders/import", expect: onlyFor("merchant") },
  {
    name: "export order CSV template",
    path: () => "/merchant/orders/template.csv",
    expect: onlyFor("merchant"),
  },
  {
    name: "another merchant's export order",
    path: () => `/merchant/orders/${ids.foreignOrder}`,
    expect: onlyFor("merchant", 404),
  },
  {
    name: "another merchant's export order: change status",
    path: () => `/merchant/orders/${ids.foreignOrder}`,
    method: "POST",
    form: () => ({ intent: "status", status: "SHIPPED" }),
    expect: onlyFor("merchant", 404),
  },
  {
    name: "another merchant's export order: edit",
    path: () => `/merchant/orders/${ids.foreignOrder}`,
    method: "POST",
    form: () => ({
      intent: "save",
      poNumber: "HIJACK-1",
      buyerName: "Hijack Ltd",
      buyerCountry: "JP",
      currency: "USD",
      amount: "1.00",
      orderDate: "2026-11-01",
      paymentTerm: "OPEN_ACCOUNT",
      paymentTermDays: "30",
      incoterm: "FOB",
    }),
    expect: onlyFor("merchant", 404),
  },
  { name: "sales & orders", path: () => "/merchant/sales", expect: onlyFor("merchant") },
  { name: "sales import", path: () => "/merchant/sales/import", expect: onlyFor("merchant") },
  { name: "sales CSV template", path: () => "/merchant/sales/template.csv", expect: onlyFor("merchant") },
  // An offer that is not the actor's (tests/integration/offer-disclosure-pdf.test.ts reads real ones).
  {
    name: "an offer's disclosure PDF, not the merchant's",
    path: () => "/merchant/offers/not-an-offer-of-theirs/disclosure.pdf",
    expect: onlyFor("merchant", 404),
  },
  {
    name: "an offer's signed disclosure PDF, not the merchant's",
    path: () => "/merchant/offers/not-an-offer-of-theirs/signed.pdf",
    expect: onlyFor("merchant", 404),
  },
  {
    name: "an offer's signed disclosure PDF, not the lender's",
    path: () => "/lender/offers/not-an-offer-of-theirs/signed.pdf",
    expect: lenders(404),
  },
  { name: "lender queue", path: () => "/lender", expect: lenders() },
  { name: "lender queue CSV", path: () => "/lender/referrals.csv?status=NEW", expect: lenders() },
  { name: "lender portfolio", path: () => "/lender/portfolio", expect: lenders() },
  // A deal that is not the actor's (tests/integration/servicing.test.ts reads and pays real ones).
  {
    name: "a deal, not the lender's",
    path: () => "/lender/deals/not-a-deal-of-theirs",
    expect: lenders(404),
  },
  ...(["payment", "confirm-match", "write-off"] as const).map(
    (intent): Row => ({
      name: `a deal, not the lender's: ${intent}`,
      path: () => "/lender/deals/not-a-deal-of-theirs",
      method: "POST",
      form: () => ({
        intent,
        payer: "MERCHANT",
        amount: "10.00",
        paidOn: "2026-11-20",
        reference: "HIJACK-1",
        bankTransactionId: "not-a-transaction",
        reason: "Hijack",
        confirmed: "yes",
      }),
      expect: lenders(404),
    }),
  ),
  { name: "merchant's What I owe", path: () => "/merchant/repayments", expect: onlyFor("merchant") },
  { name: "admin servicing", path: () => "/admin/servicing", expect: onlyFor("admin") },
  { name: "lender products", path: () => "/lender/products", expect: lenders() },
  {
    name: "another lender's referral",
    path: () => `/lender/referrals/${ids.foreignReferral}`,
    expect: { ...lenders(404) },
  },
  ...(["start", "note", "decline", "offer"] as const).map(
    (intent): Row => ({
      name: `another lender's referral: ${intent}`,
      path: () => `/lender/referrals/${ids.foreignReferral}`,
      method: "POST",
      form: () => ({
        intent,
        body: "note text here",
        reasons: "REVENUE",
        productType: "TERM_LOAN",
        amount: "50000",
        advanceRate: "100",
        interestRate: "12",
        securityTerms: "A lien on all business assets",
        paymentFrequency: "MONTHLY",
        paymentCount: "12",
        expiresInDays: "7",
      }),
      expect: { ...lenders(404) },
    }),
  ),
  {
    name: "new lender product (admin only)",
    path: () => "/lender/products/new",
    expect: { ...onlyFor("lenderAdmin"), underwriter: 404 },
  },
  {
    name: "another lender's product",
    path: () => `/lender/products/${ids.foreignProduct}`,
    expect: onlyFor("lenderAdmin", 404),
  },
  {
    name: "another lender's product: pause",
    path: () => `/lender/products/${ids.foreignProduct}`,
    method: "POST",
    form: () => ({ intent: "pause" }),
    expect: onlyFor("lenderAdmin", 404),
  },
  { name: "lender team", path: () => "/lender/team", expect: lenders() },
  {
    name: "lender team: invite (admin only)",
    path: () => "/lender/team",
    method: "POST",
    form: () => ({ intent: "invite", name: "New Person", email: `${unique("n")}@own.example` }),
    expect: { ...onlyFor("lenderAdmin", 302), underwriter: 404 },
  },
  {
    name: "lender team: revoke a foreign lender's invitation",
    path: () => "/lender/team",
    method: "POST",
    form: () => ({ intent: "revoke-invitation", invitationId: ids.foreignInvitation }),
    expect: { ...onlyFor("lenderAdmin", 404), underwriter: 404 },
  },
  { name: "lender webhooks (admin only)", path: () => "/lender/webhooks", expect: onlyFor("lenderAdmin") },
  {
    name: "lender webhooks: register (empty form; admin only)",
    path: () => "/lender/webhooks",
    method: "POST",
    form: () => ({ intent: "create" }),
    expect: onlyFor("lenderAdmin", 400),
  },
  {
    name: "a webhook endpoint, not the lender's",
    path: () => "/lender/webhooks/not-an-endpoint-of-theirs",
    expect: onlyFor("lenderAdmin", 404),
  },
  ...(["resend", "rotate", "delete"] as const).map(
    (intent): Row => ({
      name: `a webhook endpoint, not the lender's: ${intent}`,
      path: () => "/lender/webhooks/not-an-endpoint-of-theirs",
      method: "POST",
      form: () => ({ intent, deliveryId: "not-a-delivery", confirmed: "yes" }),
      expect: onlyFor("lenderAdmin", 404),
    }),
  ),
  { name: "admin dashboard", path: () => "/admin", expect: onlyFor("admin") },
  { name: "admin partners", path: () => "/admin/partners", expect: onlyFor("admin") },
  { name: "admin new partner", path: () => "/admin/partners/new", expect: onlyFor("admin") },
  { name: "admin partner detail", path: () => `/admin/partners/${ids.ownOrg}`, expect: onlyFor("admin") },
  {
    name: "admin partner detail: unknown id",
    path: () => "/admin/partners/does-not-exist",
    expect: onlyFor("admin", 404),
  },
  {
    name: "admin partner: invite",
    path: () => `/admin/partners/${ids.foreignOrg}`,
    method: "POST",
    form: () => ({
      intent: "invite",
      name: "Invitee",
      email: `${unique("inv")}@f.example`,
      lenderRole: "UNDERWRITER",
    }),
    expect: onlyFor("admin", 302),
  },
  {
    name: "admin partner: create",
    path: () => "/admin/partners/new",
    method: "POST",
    form: () => ({ name: unique("Partner "), contactName: "Pat Doe", contactEmail: "pat@p.example" }),
    expect: onlyFor("admin", 302),
  },
  { name: "admin users", path: () => "/admin/users", expect: onlyFor("admin") },
  { name: "admin funnel", path: () => "/admin/funnel", expect: onlyFor("admin") },
  {
    name: "admin: an account that does not exist",
    path: () => "/admin/users/nope",
    expect: { anonymous: "login", merchant: 404, lenderAdmin: 404, underwriter: 404, admin: 404 },
  },
  { name: "admin Section 1071 register", path: () => "/admin/demographics", expect: onlyFor("admin") },
  {
    name: "admin Section 1071 register CSV",
    path: () => "/admin/demographics.csv?year=2026",
    expect: onlyFor("admin"),
  },
  { name: "admin applications", path: () => "/admin/applications", expect: onlyFor("admin") },
  { name: "admin applications CSV", path: () => "/admin/applications.csv", expect: onlyFor("admin") },
  { name: "admin users CSV", path: () => "/admin/users.csv?role=ADMIN", expect: onlyFor("admin") },
  { name: "admin audit log CSV", path: () => "/admin/audit.csv?entityType=Export", expect: onlyFor("admin") },
  {
    name: "admin application: unknown id",
    path: () => "/admin/applications/does-not-exist",
    expect: onlyFor("admin", 404),
  },
  { name: "admin outbox", path: () => "/admin/outbox", expect: onlyFor("admin") },
  { name: "admin sanctions screening", path: () => "/admin/screening", expect: onlyFor("admin") },
  {
    name: "admin sanctions screening: clear an unknown hit",
    path: () => "/admin/screening",
    method: "POST",
    form: () => ({ intent: "clear", hitId: "does-not-exist", reason: "Not the listed party at all." }),
    expect: onlyFor("admin", 404),
  },
  {
    name: "admin outbox: an attachment that does not exist",
    path: () => "/admin/outbox/nope/attachments/nope",
    expect: { anonymous: "login", merchant: 404, lenderAdmin: 404, underwriter: 404, admin: 404 },
  },
  {
    name: "admin outbox: send an unknown message again",
    path: () => "/admin/outbox",
    method: "POST",
    form: () => ({ intent: "requeue", emailId: "does-not-exist" }),
    expect: onlyFor("admin", 404),
  },
  {
    name: "admin partner: suspend without the confirmation step",
    path: () => `/admin/partners/${ids.foreignOrg}`,
    method: "POST",
    form: () => ({ intent: "suspend", reason: "Not confirmed" }),
    expect: onlyFor("admin", 400),
  },
  {
    name: "admin outbox: one message, rendered",
    path: () => `/admin/outbox/${ids.outboxEmail}`,
    expect: onlyFor("admin"),
  },
  {
    name: "admin outbox: one message's HTML part, for its frame",
    path: () => `/admin/outbox/${ids.outboxEmail}/preview`,
    expect: onlyFor("admin"),
  },
  {
    name: "admin outbox: a message that does not exist",
    path: () => "/admin/outbox/does-not-exist",
    expect: onlyFor("admin", 404),
  },
  {
    name: "admin outbox: send a message that has not failed again",
    path: () => `/admin/outbox/${ids.outboxEmail}`,
    method: "POST",
    form: () => ({ intent: "requeue" }),
    expect: onlyFor("admin", 409),
  },
  {
    name: "admin partner: reject without the confirmation step",
    path: () => `/admin/partners/${ids.pendingOrg}`,
    method: "POST",
    form: () => ({ intent: "reject", reason: "Not confirmed" }),
    expect: onlyFor("admin", 400),
  },
  {
    name: "public partner form",
    path: () => "/partners/apply",
    expect: { anonymous: 200, merchant: 200, lenderAdmin: 200, underwriter: 200, admin: 200 },
  },
  {
    name: "public partner form: empty",
    path: () => "/partners/apply",
    method: "POST",
    form: () => ({}),
    expect: { anonymous: 400, merchant: 400, lenderAdmin: 400, underwriter: 400, admin: 400 },
  },
  { name: "admin audit log", path: () => "/admin/audit", expect: onlyFor("admin") },
  { name: "change password", path: () => "/settings/password", expect: anySignedIn() },
  { name: "time zone", path: () => "/settings/time-zone", expect: anySignedIn() },
  { name: "two-factor settings", path: () => "/settings/two-factor", expect: anySignedIn() },
];

describe("access matrix", () => {
  for (const row of ROWS) {
    for (const role of ROLES) {
      const expected = row.expect[role];
      it(`${row.method ?? "GET"} ${row.name} as ${role} → ${expected}`, async () => {
        const response = await request(row.path(), {
          method: row.method ?? "GET",
          cookie: cookies[role],
          form: row.form?.(),
        });
        if (expected === LOGIN) {
          expect(response.status).toBe(302);
          expect(response.headers.get("Location")).toMatch(/^\/login\?redirectTo=/);
        } else if (typeof expected === "string") {
          expect(response.status).toBe(302);
          expect(response.headers.get("Location")).toBe(expected.slice("home:".length));
        } else {
          expect(response.status, await response.clone().text()).toBe(expected);
        }
        if (response.status === 404) {
          // A 404 carries no data of the page it hides.
          const body = await response.text();
          expect(body).not.toContain("Own Lender");
          expect(body).not.toContain("Foreign Lender");
        }
      });
    }
  }

  it("another merchant's bank connection is untouched by every attempt", async () => {
    const connection = await prisma.bankConnection.findUniqueOrThrow({
      where: { id: ids.foreignConnection },
      select: { status: true, syncStartedAt: true },
    });
    expect(connection).toEqual({ status: "ACTIVE", syncStartedAt: null });
  });

  it("another lender's referral is untouched", async () => {
    expect(
      (
        await prisma.referral.findUniqueOrThrow({
          where: { id: ids.foreignReferral },
          select: { status: true },
        })
      ).status,
    ).toBe("NEW");
    expect(await prisma.referralNote.count({ where: { referralId: ids.foreignReferral } })).toBe(0);
    expect(await prisma.offer.count({ where: { referralId: ids.foreignReferral } })).toBe(0);
  });

  it("another merchant's application is untouched", async () => {
    expect(
      (
        await prisma.application.findUniqueOrThrow({
          where: { id: ids.foreignApplication },
          select: { status: true },
        })
      ).status,
    ).toBe("DRAFT");
  });

  it("another merchant's export order is untouched", async () => {
    const order = await prisma.exportOrder.findUniqueOrThrow({
      where: { id: ids.foreignOrder },
      select: { status: true, poNumber: true },
    });
    expect(order).toEqual({ status: "OPEN", poNumber: "FOREIGN-1" });
  });

  it("a foreign invitation survives the lender admin's attempt to revoke it", async () => {
    const invitation = await prisma.invitation.findUniqueOrThrow({
      where: { id: ids.foreignInvitation },
      select: { revokedAt: true },
    });
    expect(invitation.revokedAt).toBeNull();
  });

  it("a lender admin revokes its own invitation", async () => {
    const response = await request("/lender/team", {
      cookie: cookies.lenderAdmin,
      form: { intent: "revoke-invitation", invitationId: ids.ownInvitation },
    });
    expect(response.status).toBe(302);
    const invitation = await prisma.invitation.findUniqueOrThrow({
      where: { id: ids.ownInvitation },
      select: { revokedAt: true },
    });
    expect(invitation.revokedAt).not.toBeNull();
  });

  it("the lender team page lists only the lender's own people", async () => {
    const html = await (await request("/lender/team", { cookie: cookies.lenderAdmin })).text();
    expect(html).toContain("UW");
    const foreignUsers = await prisma.lenderMember.count({ where: { lenderOrgId: ids.foreignOrg } });
    expect(foreignUsers).toBe(0);
  });
});
