// The merchant's side of offers through the real app: accepting ends the round, the signature
// and the disclosure it signs, declining, expiry, a suspended partner's offer, and funding.
import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLenderOrg, createLenderUser, createProduct, seedFxRates, unique } from "#tests/factories";
import { recordFunding } from "~/domain/offers/offers.server";
import { prisma } from "~/utils/db.server";
import { startTestSandbox } from "../setup/plaid-sandbox";
import { cookieFor, request, shownDisclosureHash } from "./app";
import { submitted as submittedTo } from "./lending-fixtures";

let sandbox: Awaited<ReturnType<typeof startTestSandbox>>;
const today = new Date().toISOString().slice(0, 10);
const PASSWORD = "correct horse battery staple";

beforeAll(async () => {
  sandbox = await startTestSandbox({ today });
  await seedFxRates(prisma, new Date(`${today}T00:00:00Z`));
});
afterAll(async () => {
  await sandbox.close();
});

async function lender(name: string) {
  const org = await createLenderOrg(prisma, { name: unique(`${name} `) });
  await createProduct(prisma, {
    lenderOrgId: org.id,
    name: `${name} factoring`,
    type: "INVOICE_FACTORING",
    minAmountCents: 1_000_000,
    maxAmountCents: 100_000_000,
    minScore: 400,
    minMonthsInBusiness: 12,
    minAnnualRevenueCents: 10_000_000n,
    maxOecdCategory: 7,
    acceptedPaymentTerms: ["OPEN_ACCOUNT", "LETTER_OF_CREDIT"],
    minTenorDays: 30,
    maxTenorDays: 180,
    advanceRateBps: 8500,
    feePer30DaysMinBps: 100,
    feePer30DaysMaxBps: 300,
  });
  const email = `${unique("u")}@l.example`;
  const user = await createLenderUser(prisma, {
    lenderOrgId: org.id,
    email,
    name: `${name} Underwriter`,
    password: PASSWORD,
    lenderRole: "UNDERWRITER",
  });
  return { org, email, user, cookie: await cookieFor(user.id) };
}
type Lender = Awaited<ReturnType<typeof lender>>;

/** A merchant whose submitted application went to exactly the given lenders. */
async function submitted(lenders: Lender[]) {
  const sent = await submittedTo(
    lenders.map((l) => l.org.id),
    "INVOICE_FACTORING",
    "Accepting Exports",
  );
  const page = `/merchant/applications/${sent.applicationId}`;
  return {
    merchant: sent.merchant,
    cookie: sent.cookie,
    applicationId: sent.applicationId,
    page,
    referralOf: (l: Lender) => sent.referralOf(l.org.id),
    view: async () => (await request(page, { cookie: sent.cookie })).text(),
  };
}
type Submitted = Awaited<ReturnType<typeof submitted>>;

const offerForm = {
  intent: "offer",
  productType: "INVOICE_FACTORING",
  amount: "80,000",
  advanceRate: "85",
  feePer30Days: "1.5",
  termDays: "60",
  recourse: "WITH_RECOURSE",
  expiresInDays: "14",
};

async function review(app: Submitted, l: Lender) {
  const response = await request(`/lender/referrals/${app.referralOf(l)}`, {
    cookie: l.cookie,
    form: { intent: "start" },
  });
  expect(response.status).toBe(302);
}

async function offer(app: Submitted, l: Lender, feePer30Days = "1.5") {
  await review(app, l);
  const response = await request(`/lender/referrals/${app.referralOf(l)}`, {
    cookie: l.cookie,
    form: { ...offerForm, feePer30Days },
  });
  expect(response.status).toBe(302);
  return prisma.offer.findFirstOrThrow({
    where: { referralId: app.referralOf(l), status: "PENDING" },
    select: { id: true, fundsProvidedCents: true },
  });
}

/** The accept form posted as the page shows it, with the given changes. */
async function accept(
  app: Submitted,
  offerId: string,
  patch: Record<string, string> = {},
  ip = "203.0.113.7",
) {
  const page = await app.view();
  return request(app.page, {
    cookie: app.cookie,
    ip,
    form: {
      intent: "accept-offer",
      offerId,
      signatureName: "Rv Owner",
      consent: "on",
      disclosureSha256: shownDisclosureHash(page, offerId),
      ...patch,
    },
  });
}

const statusOf = async (model: "application" | "referral" | "offer", id: string): Promise<string> => {
  const where = { where: { id }, select: { status: true } } as const;
  if (model === "application") return (await prisma.application.findUniqueOrThrow(where)).status;
  if (model === "referral") return (await prisma.referral.findUniqueOrThrow(where)).status;
  return (await prisma.offer.findUniqueOrThrow(where)).status;
};

const auditCount = (entityId: string, action?: string) =>
  prisma.auditEvent.count({ where: { entityId, ...(action ? { action } : {}) } });

describe("accepting an offer ends the round", () => {
  it("declines the other offers, closes the other referrals with a reason, tells those lenders, and keeps the signed disclosure", async () => {
    const [a, b, c] = [await lender("Alder"), await lender("Birch"), await lender("Cedar")];
    const app = await submitted([a, b, c]);
    const offerA = await offer(app, a);
    const offerB = await offer(app, b, "2.25");
    await review(app, c);
    // Cedar asked a question the merchant has not answered yet.
    expect(
      (
        await request(`/lender/referrals/${app.referralOf(c)}`, {
          cookie: c.cookie,
          form: { intent: "request-info", question: "Send the buyer's last three invoices." },
        })
      ).status,
    ).toBe(302);

    const page = await app.view();
    const hash = shownDisclosureHash(page, offerA.id);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    const accepted = await accept(app, offerA.id, { signatureName: "  rv   OWNER " });
    expect(accepted.status).toBe(302);

    const signed = await prisma.offer.findUniqueOrThrow({
      where: { id: offerA.id },
      select: {
        status: true,
        signatureName: true,
        signerUserId: true,
        acceptedIp: true,
        acceptedAt: true,
        acceptedDisclosureJson: true,
        acceptedDisclosureSha256: true,
      },
    });
    expect(signed).toMatchObject({
      status: "ACCEPTED",
      signatureName: "rv   OWNER",
      signerUserId: app.merchant.userId,
      acceptedIp: "203.0.113.7",
      acceptedDisclosureSha256: hash,
    });
    expect(signed.acceptedAt).toBeInstanceOf(Date);
    // The stored copy is what the page showed, and its hash is the one the form posted.
    const json = signed.acceptedDisclosureJson ?? "";
    expect(createHash("sha256").update(json, "utf8").digest("hex")).toBe(hash);
    const copy = JSON.parse(json) as {
      content: {
        facts: { label: string; value: string }[];
        schedule: { rows: { date: string; amount: string }[] };
        notes: { heading: string; text: string }[];
      };
      consent: string;
      lender: string;
    };
    // Face value, advance rate, financing, disbursed, charge, repayment, APR, term, payment, fee.
    expect(copy.content.facts.length).toBe(10);
    for (const line of copy.content.facts) {
      expect(page).toContain(`<dt>${line.label}</dt>`);
      expect(page).toContain(line.value.replaceAll("'", "&#x27;"));
    }
    expect(copy.content.schedule.rows).toHaveLength(1);
    expect(page).toContain(copy.content.schedule.rows[0]?.date);
    expect(copy.content.notes.map((n) => n.heading)).toEqual([
      "Estimated term",
      "Prepayment",
      "Security and recourse",
      "What the APR means",
      "How the figures were computed",
    ]);
    expect(page).toContain(copy.consent);
    expect(copy.lender).toBe(a.org.name);

    expect(await statusOf("offer", offerB.id)).toBe("DECLINED");
    expect(await statusOf("application", app.applicationId)).toBe("ACCEPTED");
    expect(await statusOf("referral", app.referralOf(a))).toBe("ACCEPTED");
    const others = await prisma.referral.findMany({
      where: { id: { in: [app.referralOf(b), app.referralOf(c)] } },
      select: { status: true, statusReason: true, infoRequests: { select: { status: true } } },
    });
    for (const r of others)
      expect(r).toMatchObject({ status: "CLOSED", statusReason: "OTHER_OFFER_ACCEPTED" });
    expect(others.flatMap((r) => r.infoRequests.map((q) => q.status))).toEqual(["CANCELLED"]);
    for (const l of [b, c])
      expect(
        await prisma.outboxEmail.count({ where: { to: l.email, subject: { contains: "is closed" } } }),
      ).toBe(1);
    expect(
      await prisma.outboxEmail.count({ where: { to: a.email, subject: { contains: "accepted" } } }),
    ).toBe(1);

    // One audit event per transition.
    expect(await auditCount(offerA.id, "offer.accepted")).toBe(1);
    expect(await auditCount(offerB.id, "offer.declined")).toBe(1);
    expect(await auditCount(app.applicationId, "application.accepted")).toBe(1);
    expect(await auditCount(app.referralOf(a), "referral.accepted")).toBe(1);
    for (const l of [b, c]) expect(await auditCount(app.referralOf(l), "referral.closed")).toBe(1);

    // No one else can make an offer, ask a question or decide on it any more.
    for (const l of [b, c]) {
      const forms: Record<string, string | string[]>[] = [
        offerForm,
        { intent: "request-info", question: "One more thing?" },
        { intent: "decline", reasons: ["REVENUE"] },
      ];
      for (const form of forms) {
        const refused = await request(`/lender/referrals/${app.referralOf(l)}`, { cookie: l.cookie, form });
        expect(refused.status, `${form.intent} by a closed lender`).toBe(409);
      }
      expect(await statusOf("referral", app.referralOf(l))).toBe("CLOSED");
    }
    expect(await prisma.offer.count({ where: { applicationId: app.applicationId } })).toBe(2);
    const after = await app.view();
    expect(after).toContain("Closed: you accepted another offer");
    expect(after).not.toContain("Accept this offer");
    // Each lender is shown with its product, so two products of one lender are told apart.
    expect(after).toContain("Birch factoring (");
    // The other offer says it was declined because another was accepted, and so does a refused accept.
    expect(after).toContain("Declined because you accepted another offer on this application.");
    const late = await request(app.page, {
      cookie: app.cookie,
      form: {
        intent: "accept-offer",
        offerId: offerB.id,
        signatureName: "Rv Owner",
        consent: "on",
        // The page no longer shows an accept form for it; the refusal comes before the hash check.
        disclosureSha256: "0".repeat(64),
      },
    });
    expect(late.status).toBe(409);
    expect(await late.text()).toContain("Another offer on this application was accepted.");
    // The closed lender reads why, in words.
    const closed = await (
      await request(`/lender/referrals/${app.referralOf(b)}`, { cookie: b.cookie })
    ).text();
    expect(closed).toContain("Closed: the merchant accepted another lender&#x27;s offer.");
  });

  it("of two acceptances sent at once, exactly one wins, and the referrals agree", async () => {
    const [a, b] = [await lender("Dogwood"), await lender("Elm")];
    const app = await submitted([a, b]);
    const offers = [await offer(app, a), await offer(app, b, "2")];
    const page = await app.view();
    const answers = await Promise.all(
      offers.map((o) =>
        request(app.page, {
          cookie: app.cookie,
          form: {
            intent: "accept-offer",
            offerId: o.id,
            signatureName: "Rv Owner",
            consent: "on",
            disclosureSha256: shownDisclosureHash(page, o.id),
          },
        }),
      ),
    );
    expect(answers.map((r) => r.status).sort()).toEqual([302, 409]);
    const referrals = await prisma.referral.findMany({
      where: { applicationId: app.applicationId },
      select: { status: true },
    });
    expect(referrals.map((r) => r.status).sort()).toEqual(["ACCEPTED", "CLOSED"]);
    const statuses = await prisma.offer.findMany({
      where: { applicationId: app.applicationId },
      select: { status: true },
    });
    expect(statuses.map((o) => o.status).sort()).toEqual(["ACCEPTED", "DECLINED"]);
  });
});

describe("the signature means something", () => {
  it("refuses another name or a missing consent at the field, and writes nothing", async () => {
    const a = await lender("Fir");
    const app = await submitted([a]);
    const { id } = await offer(app, a);
    const events = await prisma.auditEvent.count();
    const mickey = await accept(app, id, { signatureName: "Mickey Mouse" });
    expect(mickey.status).toBe(400);
    const mickeyPage = await mickey.text();
    expect(mickeyPage).toContain("Type your name as it is on your TradeLift account: Rv Owner.");
    expect(mickeyPage).toMatch(/id="sign-[^"]+"[^>]*aria-invalid="true"|aria-invalid="true"[^>]*id="sign-/);
    const { consent: _consent, ...withoutConsent } = {
      intent: "accept-offer",
      offerId: id,
      signatureName: "Rv Owner",
      consent: "on",
      disclosureSha256: shownDisclosureHash(await app.view(), id),
    };
    const unconsented = await request(app.page, { cookie: app.cookie, form: withoutConsent });
    expect(unconsented.status).toBe(400);
    expect(await unconsented.text()).toContain("Tick the box to agree to the offer and its terms.");
    expect(await statusOf("offer", id)).toBe("PENDING");
    expect(await statusOf("application", app.applicationId)).toBe("OFFERED");
    expect(await prisma.auditEvent.count()).toBe(events);
  });

  it("refuses a disclosure that is no longer the one shown, and shows a suspended partner before accepting", async () => {
    const a = await lender("Gum");
    const app = await submitted([a]);
    const { id } = await offer(app, a);
    const forged = await accept(app, id, { disclosureSha256: "0".repeat(64) });
    expect(forged.status).toBe(409);
    expect(await forged.text()).toContain("no longer the ones your page showed");
    // A hash that is no hash at all (a hidden field tampered with): refused, and said on the page.
    const garbled = await accept(app, id, { disclosureSha256: "x".repeat(60) });
    expect(garbled.status).toBe(400);
    expect(await garbled.text()).toContain(
      "The page did not say which terms you saw; reload it and sign again.",
    );

    // The page was read, then the partner was suspended: what it showed is no longer what is true.
    const before = await app.view();
    expect(before).not.toContain("partnership with TradeLift is suspended");
    await prisma.lenderOrg.update({ where: { id: a.org.id }, data: { status: "SUSPENDED" } });
    const stale = await request(app.page, {
      cookie: app.cookie,
      form: {
        intent: "accept-offer",
        offerId: id,
        signatureName: "Rv Owner",
        consent: "on",
        disclosureSha256: shownDisclosureHash(before, id),
      },
    });
    expect(stale.status).toBe(409);
    expect(await statusOf("offer", id)).toBe("PENDING");
    const now = await app.view();
    expect(now).toContain("This lender&#x27;s partnership with TradeLift is suspended.");
    expect(now).toContain("Accept this offer"); // its pending offer still stands
    expect((await accept(app, id)).status).toBe(302);
    const stored = await prisma.offer.findUniqueOrThrow({
      where: { id },
      select: { acceptedDisclosureJson: true },
    });
    expect(JSON.parse(stored.acceptedDisclosureJson ?? "{}").notices).toEqual([
      "This lender's partnership with TradeLift is suspended.",
    ]);
  });
});

describe("declining, expiry and withdrawal", () => {
  it("a decline needs its confirmation, then returns the referral to review so the lender may offer again", async () => {
    const a = await lender("Hazel");
    const app = await submitted([a]);
    const { id } = await offer(app, a);
    const unconfirmed = await request(app.page, {
      cookie: app.cookie,
      form: { intent: "decline-offer", offerId: id },
    });
    expect(unconfirmed.status).toBe(400);
    expect(await unconfirmed.text()).toContain("Confirm first");
    expect(await statusOf("offer", id)).toBe("PENDING");
    const declined = await request(app.page, {
      cookie: app.cookie,
      form: { intent: "decline-offer", offerId: id, confirmed: "yes" },
    });
    expect(declined.status).toBe(302);
    expect(await statusOf("offer", id)).toBe("DECLINED");
    expect(await statusOf("referral", app.referralOf(a))).toBe("IN_REVIEW");
    expect(await statusOf("application", app.applicationId)).toBe("IN_REVIEW");
    expect(
      await prisma.outboxEmail.count({ where: { to: a.email, subject: { contains: "declined" } } }),
    ).toBe(1);
    expect(
      (await request(`/lender/referrals/${app.referralOf(a)}`, { cookie: a.cookie, form: offerForm })).status,
    ).toBe(302);
  });

  it("an offer past its time shows as expired at once, without an Accept button, and cannot be accepted", async () => {
    const [a, b] = [await lender("Ivy"), await lender("Juniper")];
    const app = await submitted([a, b]);
    const late = await offer(app, a);
    const live = await offer(app, b, "2");
    const page = await app.view();
    await prisma.offer.update({ where: { id: late.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const after = await app.view();
    const card = after.slice(after.indexOf(`id="offer-${late.id}"`), after.indexOf(`id="offer-${live.id}"`));
    const lateFirst = after.indexOf(`id="offer-${late.id}"`) < after.indexOf(`id="offer-${live.id}"`);
    expect(lateFirst).toBe(true); // cheaper, so listed first
    expect(card).toContain('<span class="badge">expired</span>');
    expect(card).not.toContain("Accept this offer");
    const refused = await request(app.page, {
      cookie: app.cookie,
      form: {
        intent: "accept-offer",
        offerId: late.id,
        signatureName: "Rv Owner",
        consent: "on",
        disclosureSha256: shownDisclosureHash(page, late.id),
      },
    });
    expect(refused.status).toBe(409);
    expect(await statusOf("offer", late.id)).toBe("PENDING");
  });

  it("an offer the lender withdrew shows the lender's reason", async () => {
    const a = await lender("Kapok");
    const app = await submitted([a]);
    const { id } = await offer(app, a);
    await prisma.offer.update({
      where: { id },
      data: {
        status: "WITHDRAWN",
        withdrawnAt: new Date(),
        withdrawnReason: "Our credit limit for the buyer is used up.",
      },
    });
    const page = await app.view();
    expect(page).toContain("The lender withdrew this offer: Our credit limit for the buyer is used up.");
  });
});

describe("funding is checked against the accepted offer", () => {
  it("refuses a wrong amount, a future date, a date before acceptance or no reference, then records the right one once", async () => {
    const [a, b] = [await lender("Larch"), await lender("Maple")];
    const app = await submitted([a, b]);
    const offerA = await offer(app, a);
    const offerB = await offer(app, b, "2");
    expect((await accept(app, offerA.id)).status).toBe(302);
    const actor = { id: a.user.id, role: "LENDER" };
    const day = (offset: number) => new Date(`${today}T00:00:00.000Z`).getTime() + offset * 86_400_000;
    const good = {
      lenderOrgId: a.org.id,
      offerId: offerA.id,
      fundedOn: new Date(day(0)),
      amountCents: offerA.fundsProvidedCents,
      reference: "FEDWIRE 20261201-118",
      actor,
      ip: "127.0.0.1",
    };
    const events = await prisma.auditEvent.count();
    for (const [patch, field, message] of [
      [{ amountCents: 500 }, "amount", "The amount sent must be the offer's funds provided, $68,000.00."],
      [{ fundedOn: new Date(day(1)) }, "fundedOn", "The date sent cannot be in the future."],
      [
        { fundedOn: new Date(day(-1)) },
        "fundedOn",
        `The date sent cannot be before the offer was accepted, on ${today}.`,
      ],
      [{ reference: "  " }, "reference", "Enter the payment reference, 3 to 100 characters."],
    ] as const) {
      expect(await recordFunding(prisma, { ...good, ...patch })).toEqual({
        ok: false,
        reason: "invalid",
        field,
        message,
      });
    }
    expect(await prisma.funding.count({ where: { offerId: offerA.id } })).toBe(0);
    expect(await statusOf("application", app.applicationId)).toBe("ACCEPTED");
    expect(await prisma.auditEvent.count()).toBe(events);
    // Only the accepted lender, on the accepted offer.
    expect((await recordFunding(prisma, { ...good, lenderOrgId: b.org.id })).ok).toBe(false);
    expect(
      (
        await recordFunding(prisma, {
          ...good,
          lenderOrgId: b.org.id,
          offerId: offerB.id,
          amountCents: offerB.fundsProvidedCents,
        })
      ).ok,
    ).toBe(false);

    expect(await recordFunding(prisma, good)).toEqual({ ok: true });
    expect(await statusOf("application", app.applicationId)).toBe("FUNDED");
    expect(await statusOf("referral", app.referralOf(a))).toBe("FUNDED");
    expect(
      await prisma.funding.findUniqueOrThrow({
        where: { offerId: offerA.id },
        select: { status: true, amountCents: true, reference: true },
      }),
    ).toEqual({
      status: "RECORDED",
      amountCents: offerA.fundsProvidedCents,
      reference: "FEDWIRE 20261201-118",
    });
    expect(await auditCount(app.applicationId, "application.funded")).toBe(1);
    expect(await auditCount(app.referralOf(a), "referral.funded")).toBe(1);
    const mail = await prisma.outboxEmail.findFirstOrThrow({
      where: {
        to: { contains: "@example.com" },
        subject: { contains: "sent your financing" },
        text: { contains: "FEDWIRE 20261201-118" },
      },
      select: { text: true },
    });
    expect(mail.text).toContain("$68,000.00");
    expect(mail.text).toContain(today);
    expect((await recordFunding(prisma, good)).ok).toBe(false); // once only

    const page = await app.view();
    expect(page).toContain("Money sent");
    expect(page).toContain(`$68,000.00 on ${today}`);
    expect(page).toContain("FEDWIRE 20261201-118");
  });
});
