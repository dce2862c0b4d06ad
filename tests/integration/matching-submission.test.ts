// The admin's application page shows the matching that happened at submission (the products
// referred, in rank order, and how many the referral limit left out), apart from a re-run of
// matching against today's products, labelled as such.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAdmin, seedFxRates, unique } from "#tests/factories";
import { prisma } from "~/utils/db.server";
import { startTestSandbox } from "../setup/plaid-sandbox";
import { cookieFor, request } from "./app";
import { lender, submitted, today } from "./lending-fixtures";

let sandbox: Awaited<ReturnType<typeof startTestSandbox>>;

beforeAll(async () => {
  sandbox = await startTestSandbox({ today: today() });
  await seedFxRates(prisma, new Date(`${today()}T00:00:00Z`));
});
afterAll(async () => {
  await sandbox.close();
});

describe("admin: the matching at submission", () => {
  it("lists the products referred and counts those the referral limit left out", async () => {
    const big = await lender("Quince", 7);
    const app = await submitted([big.org.id]);
    const referred = await prisma.referral.findMany({
      where: { applicationId: app.applicationId },
      orderBy: { fitRank: "asc" },
      select: { fitRank: true, product: { select: { name: true } } },
    });
    expect(referred.map((r) => r.fitRank)).toEqual([1, 2, 3, 4, 5]);
    const admin = await createAdmin(prisma, {
      email: `${unique("ms")}@tradelift.example`,
      name: "Ms",
      password: "correct horse battery staple",
    });
    const html = await (
      await request(`/admin/applications/${app.applicationId}`, { cookie: await cookieFor(admin.id) })
    ).text();
    const submittedSection = html.slice(html.indexOf("Matching at submission"), html.indexOf("Re-run today"));
    expect(submittedSection).toContain(
      "7 eligible products, 5 referred, 2 left out by the referral limit (the lowest ranked).",
    );
    for (const r of referred) expect(submittedSection).toContain(r.product.name);
    expect(submittedSection).toContain(big.org.name);
    expect(html).toContain("Re-run today: ");
    expect(html).toContain("not what the lenders saw at");
  });
});
