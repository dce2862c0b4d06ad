// The lender's side of an offer's life, through the real app: one live offer per lender and
// application, withdrawal with a reason and a new offer, expiry seen at once, decline after the
// merchant declined, what the page offers in each state, a suspended partner, and re-matching an
// application that lost its lenders to a suspension.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedFxRates } from "#tests/factories";
import { settleApplication } from "~/domain/applications/settle.server";
import { expireOffers } from "~/domain/jobs/jobs.server";
import { NO_LENDER_LEFT_REASON } from "~/domain/notices/notice";
import { startReview } from "~/domain/referrals/referrals.server";
import { possessive } from "~/domain/text";
import { prisma } from "~/utils/db.server";
import { startTestSandbox } from "../setup/plaid-sandbox";
import { request, shownDisclosureHash } from "./app";
import { lender, offerForm, post, statusOf, submitted, today, withOnlyActive } from "./lending-fixtures";

let sandbox: Awaited<ReturnType<typeof startTestSandbox>>;

beforeAll(async () => {
  sandbox = await startTestSandbox({ today: today() });
  await seedFxRates(prisma, new Date(`${today()}T00:00:00Z`));
});
afterAll(async () => {
  await sandbox.close();
});

const page = async (referralId: string, cookie: string) =>
  (await request(`/lender/referrals/${referralId}`, { cookie })).text();

const offersOf = (referralId: string) =>
  prisma.offer.findMany({
    where: { referralId },
    orderBy: { createdAt: "asc" },
    select: { id: true, status: true, withdrawnReason: true },
  });

describe("an offer's life, on the lender's side", () => {
  it("makes at most one live offer per lender and application, whatever number of its products matched", async () => {
    const l = await lender("Hazel", 2);
    const app = await submitted([l.org.id]);
    const [r1, r2] = app.referralsOf(l.org.id);
    expect(r1 && r2).toBeTruthy();
    for (const id of [r1, r2]) expect(await post(id ?? "", l.cookie, { intent: "start" })).toBe(302);
    expect(await post(r1 ?? "", l.cookie, offerForm)).toBe(302);
    expect(await post(r2 ?? "", l.cookie, offerForm)).toBe(409);
    // Nor may it decline through its other product while its offer waits: one decision per
    // lender and application, and the page says why.
    const hold =
      /Your organisation&#x27;s offer through Hazel factoring \d is waiting for the merchant; withdraw it first to decide here\./;
    const other = await page(r2 ?? "", l.cookie);
    expect(other).not.toContain("Make an offer");
    expect(other).not.toContain('value="decline"');
    expect(other).toMatch(hold);
    const refusedDecline = await request(`/lender/referrals/${r2}`, {
      cookie: l.cookie,
      form: { intent: "decline", reasons: ["REVENUE"] },
    });
    expect(refusedDecline.status).toBe(409);
    expect(await refusedDecline.text()).toMatch(hold);
    expect(await statusOf("referral", r2 ?? "")).toBe("IN_REVIEW");
    expect(await prisma.offer.count({ where: { applicationId: app.applicationId, status: "PENDING" } })).toBe(
      1,
    );

    // Two offers sent at once through the two products: exactly one stands.
    const race = await submitted([l.org.id]);
    const ids = race.referralsOf(l.org.id);
    for (const id of ids) expect(await post(id, l.cookie, { intent: "start" })).toBe(302);
    const results = await Promise.all(ids.map((id) => post(id, l.cookie, offerForm)));
    expect(results.sort()).toEqual([302, 409]);
    expect(await prisma.offer.count({ where: { applicationId: race.applicationId } })).toBe(1);
  });

  it("withdraws a pending offer with a reason, after a confirmation step, and offers again", async () => {
    const l = await lender("Juniper");
    const app = await submitted([l.org.id]);
    const id = app.referralOf(l.org.id);
    await post(id, l.cookie, { intent: "start" });
    expect(await post(id, l.cookie, offerForm)).toBe(302);

    // While the offer waits for the merchant: no offer form, and a second offer is refused.
    const waiting = await page(id, l.cookie);
    expect(waiting).not.toContain("Make an offer");
    expect(waiting).toContain("Withdraw this offer");
    expect(await post(id, l.cookie, offerForm)).toBe(409);

    const [offer] = await offersOf(id);
    const withdraw = {
      intent: "withdraw-offer",
      offerId: offer?.id ?? "",
      reason: "Our credit line is full.",
    };
    expect(await post(id, l.cookie, withdraw)).toBe(400); // not confirmed
    expect(await post(id, l.cookie, { ...withdraw, reason: "", confirmed: "yes" })).toBe(400);
    expect(await post(id, l.cookie, { ...withdraw, confirmed: "yes" })).toBe(302);
    expect(await offersOf(id)).toEqual([
      { id: offer?.id, status: "WITHDRAWN", withdrawnReason: "Our credit line is full." },
    ]);
    expect(await statusOf("referral", id)).toBe("IN_REVIEW");
    expect(await statusOf("application", app.applicationId)).toBe("IN_REVIEW");
    const told = await prisma.outboxEmail.findFirst({
      where: { to: app.merchant.email, subject: { contains: "withdrew its offer" } },
      select: { text: true },
    });
    expect(told?.text).toContain("Our credit line is full.");
    // Withdrawn once is withdrawn: a second withdrawal is refused.
    expect(await post(id, l.cookie, { ...withdraw, confirmed: "yes" })).toBe(409);

    const back = await page(id, l.cookie);
    expect(back).toContain("Make an offer");
    expect(back).toContain("Our credit line is full.");
    // The withdrawn offer says when it ended, not when it would have expired.
    expect(back).toContain(`withdrawn · ended ${today()}`);
    expect(back).not.toMatch(/withdrawn · expires/);
    expect(await post(id, l.cookie, { ...offerForm, feePer30Days: "1.25" })).toBe(302);
    expect((await offersOf(id)).map((o) => o.status)).toEqual(["WITHDRAWN", "PENDING"]);
    expect(await statusOf("application", app.applicationId)).toBe("OFFERED");
    const merchantPage = await (
      await request(`/merchant/applications/${app.applicationId}`, { cookie: app.cookie })
    ).text();
    expect(merchantPage).toContain("withdrawn");
  });

  it("sees an offer expired the moment its time passes, and offers again without a job run", async () => {
    const l = await lender("Kauri");
    const app = await submitted([l.org.id]);
    const id = app.referralOf(l.org.id);
    await post(id, l.cookie, { intent: "start" });
    await post(id, l.cookie, offerForm);
    const [offer] = await offersOf(id);
    await prisma.offer.update({
      where: { id: offer?.id ?? "" },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    const lapsed = await page(id, l.cookie);
    expect(lapsed).toContain("expired");
    expect(lapsed).toContain("Make an offer");
    expect(lapsed).not.toContain("Withdraw this offer");
    expect(await post(id, l.cookie, offerForm)).toBe(302);
    expect((await offersOf(id)).map((o) => o.status)).toEqual(["EXPIRED", "PENDING"]);
    expect(
      await prisma.auditEvent.count({ where: { entityId: offer?.id ?? "", action: "offer.expired" } }),
    ).toBe(1);
    expect(await statusOf("referral", id)).toBe("OFFERED");
  });

  it("declines after the merchant declined the offer", async () => {
    const l = await lender("Larch");
    const app = await submitted([l.org.id]);
    const id = app.referralOf(l.org.id);
    await post(id, l.cookie, { intent: "start" });
    await post(id, l.cookie, offerForm);
    const [offer] = await offersOf(id);
    const declined = await request(`/merchant/applications/${app.applicationId}`, {
      cookie: app.cookie,
      form: { intent: "decline-offer", offerId: offer?.id ?? "", confirmed: "yes" },
    });
    expect(declined.status).toBe(302);
    expect(await statusOf("offer", offer?.id ?? "")).toBe("DECLINED");
    const next = await page(id, l.cookie);
    expect(next).toContain("Make an offer");
    expect(await post(id, l.cookie, { intent: "decline", reasons: ["REVENUE"] })).toBe(302);
    expect(await statusOf("referral", id)).toBe("DECLINED");
    expect(await statusOf("application", app.applicationId)).toBe("DECLINED");
    // Nothing more on a declined referral: no form, every action refused.
    const ended = await page(id, l.cookie);
    expect(ended).not.toContain("Make an offer");
    expect(ended).not.toContain("Add a note");
    expect(ended).toContain("nothing more can be done on it");
    const forms: Record<string, string | string[]>[] = [
      { intent: "start" },
      { intent: "note", body: "Late note" },
      offerForm,
    ];
    for (const form of forms) expect(await post(id, l.cookie, form)).toBe(409);
  });

  it("refuses a suspended partner's actions, hides other referrals, and lets it fund its accepted offer", async () => {
    const s = await lender("Sequoia");
    const offered = await submitted([s.org.id]);
    const reviewing = await submitted([s.org.id]);
    const accepted = await submitted([s.org.id]);
    const ro = offered.referralOf(s.org.id);
    const rr = reviewing.referralOf(s.org.id);
    const ra = accepted.referralOf(s.org.id);
    for (const id of [ro, rr, ra]) await post(id, s.cookie, { intent: "start" });
    await post(ro, s.cookie, offerForm);
    await post(ra, s.cookie, offerForm);
    const [acceptedOffer] = await offersOf(ra);
    const offersPage = await (
      await request(`/merchant/applications/${accepted.applicationId}`, { cookie: accepted.cookie })
    ).text();
    expect(
      (
        await request(`/merchant/applications/${accepted.applicationId}`, {
          cookie: accepted.cookie,
          form: {
            intent: "accept-offer",
            offerId: acceptedOffer?.id ?? "",
            signatureName: "Rv Owner",
            consent: "on",
            disclosureSha256: shownDisclosureHash(offersPage, acceptedOffer?.id ?? ""),
          },
        })
      ).status,
    ).toBe(302);
    await prisma.lenderOrg.update({ where: { id: s.org.id }, data: { status: "SUSPENDED" } });
    try {
      // Referrals it no longer needs are not found, to read or to act on.
      expect((await request(`/lender/referrals/${rr}`, { cookie: s.cookie })).status).toBe(404);
      const forms: Record<string, string | string[]>[] = [
        { intent: "decline", reasons: ["REVENUE"] },
        { intent: "request-info", question: "Your latest statements?" },
        offerForm,
        { intent: "note", body: "Still here" },
      ];
      for (const form of forms) expect(await post(rr, s.cookie, form)).toBe(404);
      // Its live offer stays readable, and it may still withdraw it (withdrawing only takes back
      // what it promised; the issue forbids offers and decisions, not this). Until #12's QA pass
      // this was refused with 409.
      const live = await page(ro, s.cookie);
      expect(live).toContain("partnership with TradeLift is suspended");
      expect(live).toContain("withdraw a live offer");
      expect(live).toContain("decline or make offers");
      expect(live).toContain("Withdraw this offer");
      // The domain refuses what the page does not show, in its transaction.
      const started = await startReview(prisma, {
        lenderOrgId: s.org.id,
        referralId: ro,
        actor: { id: s.user.id, role: "LENDER" },
        ip: "127.0.0.1",
      });
      expect(started).toMatchObject({ ok: false, reason: "conflict" });
      const [pending] = await offersOf(ro);
      const withdrawn = await withOnlyActive([], () =>
        request(`/lender/referrals/${ro}`, {
          cookie: s.cookie,
          form: {
            intent: "withdraw-offer",
            offerId: pending?.id ?? "",
            reason: "Suspended",
            confirmed: "yes",
          },
        }),
      );
      expect(withdrawn.status).toBe(302);
      expect(await statusOf("offer", pending?.id ?? "")).toBe("WITHDRAWN");
      // With its offer gone the suspended partner cannot decide again: the referral is withdrawn.
      expect(
        await prisma.referral.findUniqueOrThrow({
          where: { id: ro },
          select: { status: true, statusReason: true },
        }),
      ).toEqual({ status: "WITHDRAWN", statusReason: "PARTNER_SUSPENDED" });
      expect((await request(`/lender/referrals/${ro}`, { cookie: s.cookie })).status).toBe(404);
      // It records the funding of its accepted offer.
      expect((await request(`/lender/referrals/${ra}`, { cookie: s.cookie })).status).toBe(200);
      expect(
        await post(ra, s.cookie, {
          intent: "fund",
          offerId: acceptedOffer?.id ?? "",
          amount: "68,000.00",
          fundedOn: today(),
          reference: "FEDWIRE 20261201-7",
        }),
      ).toBe(302);
      expect(await statusOf("application", accepted.applicationId)).toBe("FUNDED");
      const funded = await page(ra, s.cookie);
      expect(funded).toContain("FEDWIRE 20261201-7");
      expect(funded).not.toContain("Record funding");
      // Internal notes stay open on its funded deal.
      expect(funded).toContain("Add a note");
      expect(await post(ra, s.cookie, { intent: "note", body: "Wire confirmed by treasury." })).toBe(302);
      expect(await page(ra, s.cookie)).toContain("Wire confirmed by treasury.");
    } finally {
      await prisma.lenderOrg.update({ where: { id: s.org.id }, data: { status: "ACTIVE" } });
    }
  });

  it("re-matches an application whose lenders were withdrawn by a suspension, or declines it when no one is left", async () => {
    const gone = await lender("Tamarack");
    const app = await submitted([gone.org.id]);
    const next = await lender("Umbrella Pine");
    const suspend = async (applicationId: string, referralId: string) => {
      await prisma.lenderOrg.update({ where: { id: gone.org.id }, data: { status: "SUSPENDED" } });
      await prisma.referral.update({
        where: { id: referralId },
        data: { status: "WITHDRAWN", statusReason: "PARTNER_SUSPENDED" },
      });
      await prisma.$transaction((tx) =>
        settleApplication(tx, { applicationId, actor: null, ip: "127.0.0.1" }),
      );
    };
    await withOnlyActive([gone.org.id, next.org.id], () =>
      suspend(app.applicationId, app.referralOf(gone.org.id)),
    );
    const referrals = await prisma.referral.findMany({
      where: { applicationId: app.applicationId },
      select: { lenderOrgId: true, status: true },
    });
    expect(referrals).toContainEqual({ lenderOrgId: next.org.id, status: "NEW" });
    expect(await statusOf("application", app.applicationId)).not.toBe("DECLINED");
    expect(
      await prisma.outboxEmail.count({
        where: { to: next.user.email, subject: "A new application is in your TradeLift queue" },
      }),
    ).toBe(1);
    // The merchant reads that the suspension ended that review, not that the lender walked away.
    const merchantPage = await (
      await request(`/merchant/applications/${app.applicationId}`, { cookie: app.cookie })
    ).text();
    expect(merchantPage).toContain(
      `${possessive(gone.org.name)} partnership with TradeLift was suspended, so it no longer reviews this application`.replaceAll(
        "'",
        "&#x27;",
      ),
    );
    expect(merchantPage).not.toContain("No longer reviews it");

    // No one eligible is left: the application ends with the notice.
    await prisma.lenderOrg.update({ where: { id: gone.org.id }, data: { status: "ACTIVE" } });
    const alone = await submitted([gone.org.id]);
    await withOnlyActive([gone.org.id], () => suspend(alone.applicationId, alone.referralOf(gone.org.id)));
    await prisma.lenderOrg.update({ where: { id: gone.org.id }, data: { status: "ACTIVE" } });
    const ended = await prisma.application.findUniqueOrThrow({
      where: { id: alone.applicationId },
      select: { status: true, adverseActionNotices: { select: { kind: true, reasonsJson: true } } },
    });
    expect(ended.status).toBe("DECLINED");
    // The notice says what really happened, and gives no credit reasons nobody acted on.
    expect(ended.adverseActionNotices).toEqual([
      { kind: "NO_LENDER_LEFT", reasonsJson: JSON.stringify([NO_LENDER_LEFT_REASON]) },
    ]);
    expect(await prisma.referral.count({ where: { applicationId: alone.applicationId } })).toBe(1);
  });

  it("lets no other lender request, decide or offer once the merchant accepted an offer", async () => {
    const a = await lender("Walnut");
    const b = await lender("Yew");
    const app = await submitted([a.org.id, b.org.id]);
    const ra = app.referralOf(a.org.id);
    const rb = app.referralOf(b.org.id);
    for (const [id, cookie] of [
      [ra, a.cookie],
      [rb, b.cookie],
    ] as const)
      await post(id, cookie, { intent: "start" });
    await post(ra, a.cookie, offerForm);
    const [offer] = await offersOf(ra);
    const offersPage = await (
      await request(`/merchant/applications/${app.applicationId}`, { cookie: app.cookie })
    ).text();
    const accepted = await request(`/merchant/applications/${app.applicationId}`, {
      cookie: app.cookie,
      form: {
        intent: "accept-offer",
        offerId: offer?.id ?? "",
        signatureName: "Rv Owner",
        consent: "on",
        disclosureSha256: shownDisclosureHash(offersPage, offer?.id ?? ""),
      },
    });
    expect(accepted.status).toBe(302);
    const forms: Record<string, string | string[]>[] = [
      offerForm,
      { intent: "decline", reasons: ["REVENUE"] },
      { intent: "request-info", question: "Anything else?" },
    ];
    for (const form of forms) expect(await post(rb, b.cookie, form)).toBe(409);
    const other = await page(rb, b.cookie);
    expect(other).not.toContain("Make an offer");
    expect(other).not.toContain("Ask the merchant");
    expect(await prisma.offer.count({ where: { applicationId: app.applicationId } })).toBe(1);
    // The accepted lender itself can only record the funding.
    const own = await page(ra, a.cookie);
    expect(own).toContain("Record funding");
    expect(own).not.toContain("Withdraw this offer");
    expect(await post(ra, a.cookie, { intent: "decline", reasons: ["REVENUE"] })).toBe(409);
  });

  it("gives the application to other lenders when a suspended partner's offer ends", async () => {
    const s = await lender("Zelkova");
    const app = await submitted([s.org.id]);
    const id = app.referralOf(s.org.id);
    await post(id, s.cookie, { intent: "start" });
    await post(id, s.cookie, offerForm);
    const [offer] = await offersOf(id);
    const r = await lender("Acacia");
    await prisma.lenderOrg.update({ where: { id: s.org.id }, data: { status: "SUSPENDED" } });
    try {
      await prisma.offer.update({
        where: { id: offer?.id ?? "" },
        data: { expiresAt: new Date(Date.now() - 1000) },
      });
      await withOnlyActive([r.org.id], () => expireOffers(prisma));
      expect(await statusOf("offer", offer?.id ?? "")).toBe("EXPIRED");
      expect(
        await prisma.referral.findUniqueOrThrow({
          where: { id },
          select: { status: true, statusReason: true },
        }),
      ).toEqual({ status: "WITHDRAWN", statusReason: "PARTNER_SUSPENDED" });
      const referrals = await prisma.referral.findMany({
        where: { applicationId: app.applicationId, lenderOrgId: r.org.id },
        select: { status: true },
      });
      expect(referrals).toEqual([{ status: "NEW" }]);
      expect(await statusOf("application", app.applicationId)).toBe("IN_REVIEW");
    } finally {
      await prisma.lenderOrg.update({ where: { id: s.org.id }, data: { status: "ACTIVE" } });
    }
  });
});
