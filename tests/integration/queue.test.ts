import { describe, expect, it } from "vitest";
import {
  createExportOrder,
  createLenderOrg,
  createLenderUser,
  createMerchant,
  createProduct,
  OPEN_TERM_LOAN,
  unique,
} from "#tests/factories";
import { prisma } from "~/utils/db.server";
import { cookieFor, request } from "./app";

const PASSWORD = "correct horse battery staple";

describe("lender queue", () => {
  it("filters by product, amount, grade, buyer country, age and assignee, sorts, and assigns", async () => {
    const org = await createLenderOrg(prisma, { name: unique("Queue Lender ") });
    const base = {
      lenderOrgId: org.id,
      ...OPEN_TERM_LOAN,
    };
    const loan = await createProduct(prisma, { ...base, name: "Queue Loan" });
    const line = await createProduct(prisma, { ...base, name: "Queue Line", type: "EXPORT_WORKING_CAPITAL" });
    const admin = await createLenderUser(prisma, {
      lenderOrgId: org.id,
      email: `${unique("qa")}@l.example`,
      name: "Queue Admin",
      password: PASSWORD,
      lenderRole: "ADMIN",
    });
    const uw = await createLenderUser(prisma, {
      lenderOrgId: org.id,
      email: `${unique("qu")}@l.example`,
      name: "Queue Underwriter",
      password: PASSWORD,
      lenderRole: "UNDERWRITER",
    });
    const make = async (
      name: string,
      amount: number,
      grade: string,
      score: number,
      country: string,
      productId: string,
      daysAgo: number,
    ) => {
      const merchant = await createMerchant(prisma, {
        email: `${unique("qm")}@example.com`,
        userName: "Q",
        password: PASSWORD,
        legalName: name,
      });
      const report = await prisma.scoreReport.create({
        data: {
          merchantId: merchant.merchantId,
          modelVersion: "trs-1",
          asOfDate: new Date(),
          scoreable: true,
          score,
          grade,
          featuresJson: "{}",
          pointsJson: '{"rawPoints":0,"characteristics":[]}',
          reasonsJson: "[]",
          inputsHash: unique(),
          frozenAt: new Date(),
        },
        select: { id: true },
      });
      const order = await createExportOrder(prisma, {
        merchantId: merchant.merchantId,
        buyerName: "Buyer Co",
        buyerCountry: country,
        poNumber: unique("Q-"),
        amountMinor: 100_000n,
        currency: "USD",
        orderDate: new Date(),
        paymentTerm: "OPEN_ACCOUNT",
        paymentTermDays: 30,
        incoterm: "FOB",
      });
      const application = await prisma.application.create({
        data: {
          merchantId: merchant.merchantId,
          requestedAmountCents: amount,
          purpose: "Queue test",
          productTypeWanted: "ANY",
          tenorDays: 90,
          status: "SUBMITTED",
          submittedAt: new Date(),
          scoreReportId: report.id,
          orders: { create: [{ exportOrderId: order.id }] },
        },
        select: { id: true },
      });
      return prisma.referral.create({
        data: {
          applicationId: application.id,
          lenderProductId: productId,
          lenderOrgId: org.id,
          fitRank: 1,
          status: "NEW",
          // As a submission does: the referral keeps the frozen score and grade.
          score,
          grade,
          createdAt: new Date(Date.now() - daysAgo * 86_400_000),
        },
        select: { id: true },
      });
    };
    const alpha = await make("Alpha Queue Exports", 5_000_000, "A", 900, "JP", loan.id, 1);
    await make("Bravo Queue Exports", 50_000_000, "C", 560, "VN", line.id, 20);
    await make("Charlie Queue Exports", 12_000_000, "B", 700, "JP", loan.id, 3);
    const cookie = await cookieFor(uw.id);
    // The queue's own table: the page's "Your work" above it (and its data in the page) lists what
    // is assigned to this person whatever the filter.
    const queueOf = (html: string) => {
      const start = html.indexOf('aria-label="Referrals"');
      return html.slice(start, html.indexOf("</table>", start));
    };
    const names = async (query: string) => {
      const html = queueOf(await (await request(`/lender?${query}`, { cookie })).text());
      return ["Alpha", "Bravo", "Charlie"].filter((n) => html.includes(`${n} Queue Exports`)).join(",");
    };
    expect(await names("")).toBe("Alpha,Bravo,Charlie");
    expect(await names(`productId=${loan.id}`)).toBe("Alpha,Charlie");
    expect(await names("minAmountCents=100000")).toBe("Bravo,Charlie");
    expect(await names("maxAmountCents=60000")).toBe("Alpha");
    // Amounts as people type them, read with the app's money parser.
    expect(await names(`minAmountCents=${encodeURIComponent("130,000")}`)).toBe("Bravo");
    expect(await names(`minAmountCents=${encodeURIComponent("$130,000")}`)).toBe("Bravo");
    expect(await names(`maxAmountCents=${encodeURIComponent("$60,000.00")}`)).toBe("Alpha");
    // One that cannot be read is not ignored silently: the field says so (and filters nothing).
    const unreadable = await (await request(`/lender?minAmountCents=lots`, { cookie })).text();
    expect(unreadable).toContain("Enter an amount in dollars, such as 130,000.");
    expect(unreadable).toContain('value="lots"');
    expect(["Alpha", "Bravo", "Charlie"].every((n) => unreadable.includes(`${n} Queue Exports`))).toBe(true);
    expect(await names("grade=B")).toBe("Charlie");
    expect(await names("buyerCountry=VN")).toBe("Bravo");
    expect(await names("maxAgeDays=7")).toBe("Alpha,Charlie");
    const byScore = queueOf(await (await request("/lender?sort=score", { cookie })).text());
    expect(byScore.indexOf("Alpha Queue")).toBeLessThan(byScore.indexOf("Charlie Queue"));
    expect(byScore.indexOf("Charlie Queue")).toBeLessThan(byScore.indexOf("Bravo Queue"));
    const order = async (query: string) => {
      const html = queueOf(await (await request(`/lender?${query}`, { cookie })).text());
      return ["Alpha", "Bravo", "Charlie"]
        .map((n) => [n, html.indexOf(`${n} Queue Exports`)] as const)
        .filter(([, at]) => at >= 0)
        .sort((a, b) => a[1] - b[1])
        .map(([n]) => n)
        .join(",");
    };
    expect(await order("sort=amount")).toBe("Bravo,Charlie,Alpha");
    expect(await order("sort=newest")).toBe("Alpha,Charlie,Bravo");
    expect(await order("sort=oldest")).toBe("Bravo,Charlie,Alpha");
    expect(await order("sort=amount&buyerCountry=JP")).toBe("Charlie,Alpha");
    expect((await request("/lender?grade=Z&sort=nonsense&page=-4&maxAgeDays=abc", { cookie })).status).toBe(
      200,
    );

    // An underwriter takes a referral; only an admin assigns someone else.
    expect(
      (
        await request(`/lender/referrals/${alpha.id}`, {
          cookie,
          form: { intent: "assign", assigneeId: admin.id },
        })
      ).status,
    ).toBe(409);
    expect(
      (
        await request(`/lender/referrals/${alpha.id}`, {
          cookie,
          form: { intent: "assign", assigneeId: uw.id },
        })
      ).status,
    ).toBe(302);
    expect(await names("assignee=me")).toBe("Alpha");
    expect(await names("assignee=unassigned")).toBe("Bravo,Charlie");
    const adminCookie = await cookieFor(admin.id);
    expect(
      (
        await request(`/lender/referrals/${alpha.id}`, {
          cookie: adminCookie,
          form: { intent: "assign", assigneeId: admin.id },
        })
      ).status,
    ).toBe(302);
    const stranger = await createMerchant(prisma, {
      email: `${unique("s")}@example.com`,
      userName: "S",
      password: PASSWORD,
      legalName: "S LLC",
    });
    expect(
      (
        await request(`/lender/referrals/${alpha.id}`, {
          cookie: adminCookie,
          form: { intent: "assign", assigneeId: stranger.userId },
        })
      ).status,
    ).toBe(409);
    expect(
      (await prisma.referral.findUniqueOrThrow({ where: { id: alpha.id }, select: { assigneeId: true } }))
        .assigneeId,
    ).toBe(admin.id);
  });

  it("shows accepted, funded and closed referrals with their labels, and filters by them", async () => {
    const org = await createLenderOrg(prisma, { name: unique("Deal Lender ") });
    const product = await createProduct(prisma, {
      lenderOrgId: org.id,
      ...OPEN_TERM_LOAN,
      name: "Deal Loan",
    });
    const user = await createLenderUser(prisma, {
      lenderOrgId: org.id,
      email: `${unique("qd")}@l.example`,
      name: "Deal Underwriter",
      password: PASSWORD,
      lenderRole: "UNDERWRITER",
    });
    const deals = { Accepted: "ACCEPTED", Funded: "FUNDED", Closed: "CLOSED", Fresh: "NEW" } as const;
    for (const [name, status] of Object.entries(deals)) {
      const merchant = await createMerchant(prisma, {
        email: `${unique("qd")}@example.com`,
        userName: "D",
        password: PASSWORD,
        legalName: `${name} Deal Exports`,
      });
      const application = await prisma.application.create({
        data: {
          merchantId: merchant.merchantId,
          requestedAmountCents: 5_000_000,
          purpose: "Queue deal test",
          productTypeWanted: "ANY",
          tenorDays: 90,
          status: status === "FUNDED" ? "FUNDED" : status === "ACCEPTED" ? "ACCEPTED" : "SUBMITTED",
          submittedAt: new Date(),
        },
        select: { id: true },
      });
      await prisma.referral.create({
        data: {
          applicationId: application.id,
          lenderProductId: product.id,
          lenderOrgId: org.id,
          fitRank: 1,
          status,
        },
      });
    }
    const cookie = await cookieFor(user.id);
    const html = async (query: string) => (await request(`/lender?${query}`, { cookie })).text();
    const shown = async (query: string) => {
      const text = await html(query);
      return Object.keys(deals).filter((n) => text.includes(`${n} Deal Exports`));
    };
    expect(await shown("status=ACCEPTED")).toEqual(["Accepted"]);
    expect(await shown("status=FUNDED")).toEqual(["Funded"]);
    expect(await shown("status=CLOSED")).toEqual(["Closed"]);
    const all = await html("");
    for (const label of ["Offer accepted", "Funded", "Closed", "New"]) expect(all).toContain(label);
    expect(all).toContain('<option value="ACCEPTED"');
    expect(all).toContain('<option value="FUNDED"');

    // A suspended partner's queue keeps only its deals.
    await prisma.lenderOrg.update({ where: { id: org.id }, data: { status: "SUSPENDED" } });
    expect(await shown("")).toEqual(["Accepted", "Funded"]);
    expect(await shown("status=NEW")).toEqual([]);
  });
});
