import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLenderUser, seedFxRates, unique } from "#tests/factories";
import { acceptOffer, listOffersForMerchant } from "~/domain/offers/offers.server";
import { prisma } from "~/utils/db.server";
import { startTestSandbox } from "../setup/plaid-sandbox";
import { cookieFor, request, shownDisclosureHash } from "./app";
import { today as isoToday, lender, offerForm, PASSWORD, submitted } from "./lending-fixtures";

let sandbox: Awaited<ReturnType<typeof startTestSandbox>>;
const today = isoToday();

beforeAll(async () => {
  sandbox = await startTestSandbox({ today });
  await seedFxRates(prisma, new Date(`${today}T00:00:00Z`));
});
afterAll(async () => {
  await sandbox.close();
});

describe("review, offers, acceptance, funding", () => {
  it("two lenders review; both offer; the merchant accepts one, the other is declined; the lender records funding", async () => {
    const a = await lender("Alder");
    const b = await lender("Birch");
    const app = await submitted([a.org.id, b.org.id]);
    const ra = app.referralOf(a.org.id);
    const rb = app.referralOf(b.org.id);

    // Offers need a review first.
    expect((await request(`/lender/referrals/${ra}`, { cookie: a.cookie, form: offerForm })).status).toBe(
      409,
    );
    expect(
      (await request(`/lender/referrals/${ra}`, { cookie: a.cookie, form: { intent: "start" } })).status,
    ).toBe(302);
    expect(
      (
        await prisma.application.findUniqueOrThrow({
          where: { id: app.applicationId },
          select: { status: true },
        })
      ).status,
    ).toBe("IN_REVIEW");
    expect(
      (
        await request(`/lender/referrals/${ra}`, {
          cookie: a.cookie,
          form: { intent: "note", body: "Strong repeat buyer; check the LC bank." },
        })
      ).status,
    ).toBe(302);
    expect(
      (await request(`/lender/referrals/${rb}`, { cookie: b.cookie, form: { intent: "start" } })).status,
    ).toBe(302);
    const reviewPage = await (await request(`/lender/referrals/${ra}`, { cookie: a.cookie })).text();
    expect(reviewPage).toMatch(/Bank evidence up to \d{4}-\d{2}-\d{2}/);
    expect(reviewPage).toMatch(/<rect[^>]+fill="#0b5fff"/);
    expect(reviewPage).toContain("review started");
    expect(reviewPage).toContain("Strong repeat buyer");

    // A lender never sees another lender's referral.
    expect((await request(`/lender/referrals/${rb}`, { cookie: a.cookie })).status).toBe(404);
    expect(
      (
        await request(`/lender/referrals/${rb}`, {
          cookie: a.cookie,
          form: { intent: "decline", reasons: ["REVENUE"] },
        })
      ).status,
    ).toBe(404);

    expect((await request(`/lender/referrals/${ra}`, { cookie: a.cookie, form: offerForm })).status).toBe(
      302,
    );
    expect(
      (
        await request(`/lender/referrals/${rb}`, {
          cookie: b.cookie,
          form: { ...offerForm, feePer30Days: "2.25" },
        })
      ).status,
    ).toBe(302);
    const offers = await prisma.offer.findMany({
      where: { applicationId: app.applicationId },
      orderBy: { estimatedAprBps: "asc" },
      select: {
        id: true,
        lenderOrgId: true,
        estimatedAprBps: true,
        fundsProvidedCents: true,
        financeChargeCents: true,
      },
    });
    expect(offers).toHaveLength(2);
    expect(offers[0]).toMatchObject({
      lenderOrgId: a.org.id,
      fundsProvidedCents: 6_800_000,
      financeChargeCents: 240_000,
    }); // 1.5% × 2 periods × $80,000
    expect(
      (
        await prisma.application.findUniqueOrThrow({
          where: { id: app.applicationId },
          select: { status: true },
        })
      ).status,
    ).toBe("OFFERED");

    // The merchant sees both, cheapest first, and never a lender's notes.
    const page = await (
      await request(`/merchant/applications/${app.applicationId}`, { cookie: app.cookie })
    ).text();
    expect(page.indexOf("Alder")).toBeLessThan(page.indexOf("Birch"));
    expect(page).not.toContain("Strong repeat buyer");

    const unsigned = await request(`/merchant/applications/${app.applicationId}`, {
      cookie: app.cookie,
      form: { intent: "accept-offer", offerId: offers[0]?.id ?? "", signatureName: "", consent: "on" },
    });
    expect(unsigned.status).toBe(400);
    const accepted = await request(`/merchant/applications/${app.applicationId}`, {
      cookie: app.cookie,
      form: {
        intent: "accept-offer",
        offerId: offers[0]?.id ?? "",
        signatureName: "Rv Owner",
        consent: "on",
        disclosureSha256: shownDisclosureHash(page, offers[0]?.id ?? ""),
      },
      ip: "203.0.113.7",
    });
    expect(accepted.status).toBe(302);
    const after = await prisma.offer.findMany({
      where: { applicationId: app.applicationId },
      select: { id: true, status: true, signatureName: true, acceptedIp: true },
    });
    expect(after.find((o) => o.id === offers[0]?.id)).toMatchObject({
      status: "ACCEPTED",
      signatureName: "Rv Owner",
      acceptedIp: "203.0.113.7",
    });
    expect(after.find((o) => o.id === offers[1]?.id)?.status).toBe("DECLINED");
    expect(
      (
        await prisma.application.findUniqueOrThrow({
          where: { id: app.applicationId },
          select: { status: true },
        })
      ).status,
    ).toBe("ACCEPTED");

    expect(
      (
        await request(`/lender/referrals/${rb}`, {
          cookie: b.cookie,
          form: {
            intent: "fund",
            offerId: offers[1]?.id ?? "",
            amount: "68000",
            fundedOn: today,
            reference: "WIRE-1",
          },
        })
      ).status,
    ).toBe(409);
    const funded = await request(`/lender/referrals/${ra}`, {
      cookie: a.cookie,
      form: {
        intent: "fund",
        offerId: offers[0]?.id ?? "",
        amount: "68,000.00",
        fundedOn: today,
        reference: "FEDWIRE 20261127-118",
      },
    });
    expect(funded.status).toBe(302);
    expect(
      (
        await prisma.application.findUniqueOrThrow({
          where: { id: app.applicationId },
          select: { status: true },
        })
      ).status,
    ).toBe("FUNDED");
  });

  it("of many simultaneous acceptances of different offers, exactly one wins", async () => {
    const lenders = await Promise.all(["Cedar", "Dogwood", "Elm"].map((n) => lender(n)));
    const app = await submitted(lenders.map((l) => l.org.id));
    for (const l of lenders) {
      const id = app.referralOf(l.org.id);
      await request(`/lender/referrals/${id}`, { cookie: l.cookie, form: { intent: "start" } });
      await request(`/lender/referrals/${id}`, { cookie: l.cookie, form: offerForm });
    }
    const offers = await prisma.offer.findMany({
      where: { applicationId: app.applicationId },
      select: { id: true },
    });
    expect(offers).toHaveLength(3);
    const actor = { id: app.merchant.userId, role: "MERCHANT" };
    const shown = await listOffersForMerchant(prisma, app.merchant.merchantId, app.applicationId);
    const results = await Promise.all(
      [...offers, ...offers].map((o) =>
        acceptOffer(prisma, {
          merchantId: app.merchant.merchantId,
          offerId: o.id,
          signatureName: "Rv Owner",
          consent: true,
          disclosureSha256: shown.find((s) => s.id === o.id)?.disclosureSha256 ?? "",
          actor,
          ip: "127.0.0.1",
        }),
      ),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    const statuses = (
      await prisma.offer.findMany({ where: { applicationId: app.applicationId }, select: { status: true } })
    )
      .map((o) => o.status)
      .sort();
    expect(statuses).toEqual(["ACCEPTED", "DECLINED", "DECLINED"]);
  });

  it("two underwriters deciding one referral at once: exactly one decision lands, and the records agree", async () => {
    for (let round = 0; round < 5; round++) {
      const l = await lender(`Gum${round}`);
      const colleague = await createLenderUser(prisma, {
        lenderOrgId: l.org.id,
        email: `${unique("u2")}@l.example`,
        name: "Second Underwriter",
        password: PASSWORD,
        lenderRole: "UNDERWRITER",
      });
      const colleagueCookie = await cookieFor(colleague.id);
      const app = await submitted([l.org.id]);
      const id = app.referralOf(l.org.id);
      // Both press "Start review" at once: one starts it, the other is told it moved on.
      const started = await Promise.all([
        request(`/lender/referrals/${id}`, { cookie: l.cookie, form: { intent: "start" } }),
        request(`/lender/referrals/${id}`, { cookie: colleagueCookie, form: { intent: "start" } }),
      ]);
      expect(started.map((r) => r.status).sort()).toEqual([302, 409]);
      // Then one offers while the other declines.
      const decided = await Promise.all([
        request(`/lender/referrals/${id}`, { cookie: l.cookie, form: offerForm }),
        request(`/lender/referrals/${id}`, {
          cookie: colleagueCookie,
          form: { intent: "decline", reasons: ["REVENUE"] },
        }),
      ]);
      expect(decided.map((r) => r.status).sort()).toEqual([302, 409]);
      const referral = await prisma.referral.findUniqueOrThrow({
        where: { id },
        select: {
          status: true,
          offers: { select: { status: true } },
          application: { select: { status: true } },
        },
      });
      if (referral.status === "OFFERED") {
        expect(referral.offers).toEqual([{ status: "PENDING" }]);
        expect(referral.application.status).toBe("OFFERED");
      } else {
        expect(referral.status).toBe("DECLINED");
        expect(referral.offers).toEqual([]);
        expect(referral.application.status).toBe("DECLINED");
        expect(await prisma.adverseActionNotice.count({ where: { applicationId: app.applicationId } })).toBe(
          1,
        );
      }
    }
  });

  it("when every lender declines, the application is declined with a notice naming them and their reasons", async () => {
    const f = await lender("Fir");
    const app = await submitted([f.org.id]);
    const id = app.referralOf(f.org.id);
    await request(`/lender/referrals/${id}`, { cookie: f.cookie, form: { intent: "start" } });
    expect(
      (await request(`/lender/referrals/${id}`, { cookie: f.cookie, form: { intent: "decline" } })).status,
    ).toBe(400);
    expect(
      (
        await request(`/lender/referrals/${id}`, {
          cookie: f.cookie,
          form: { intent: "decline", reasons: ["BUYER_RISK", "CONCENTRATION"] },
        })
      ).status,
    ).toBe(302);
    const application = await prisma.application.findUniqueOrThrow({
      where: { id: app.applicationId },
      select: { status: true, adverseActionNotices: { select: { creditorName: true, reasonsJson: true } } },
    });
    expect(application.status).toBe("DECLINED");
    const notice = application.adverseActionNotices[0];
    // One notice, from the lender that declined, with exactly the reasons it gave.
    expect(application.adverseActionNotices).toHaveLength(1);
    expect(notice?.creditorName).toBe(f.org.name);
    expect(JSON.parse(notice?.reasonsJson ?? "[]") as string[]).toEqual([
      "Credit risk of the buyer or the buyer's country",
      "Sales depend on too few buyers",
    ]);
    // A decided referral cannot be decided again.
    expect((await request(`/lender/referrals/${id}`, { cookie: f.cookie, form: offerForm })).status).toBe(
      409,
    );
  });
});
