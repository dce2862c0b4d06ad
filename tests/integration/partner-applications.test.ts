// The public "become a lending partner" form: validated at each field, limited per network
// address, it creates a PENDING partner that admins are told about, see on /admin/partners and
// activate or reject; the partner's page shows its status history from the audit log.
import { beforeAll, describe, expect, it } from "vitest";
import { createAdmin, unique } from "#tests/factories";
import { PARTNER_APPLICATIONS_PER_HOUR } from "~/domain/lenders/partner-application.server";
import { prisma } from "~/utils/db.server";
import { cookieFor, request } from "./app";

const PASSWORD = "correct horse battery staple";
let adminCookie = "";
let adminEmail = "";

beforeAll(async () => {
  adminEmail = `${unique("pa")}@tradelift.example`;
  const admin = await createAdmin(prisma, { email: adminEmail, name: "Ada Admin", password: PASSWORD });
  adminCookie = await cookieFor(admin.id);
});

const valid = (name: string) => ({
  name,
  contactName: "Priya Lender",
  contactEmail: "priya@harbor.example",
  regulatorType: "NON_BANK",
  productsOfInterest: ["TERM_LOAN", "INVOICE_FACTORING"],
  description: "Export factoring for West Coast exporters.",
});

describe("the public partner form", () => {
  it("is open without an account and linked from the home page", async () => {
    expect((await request("/partners/apply")).status).toBe(200);
    expect(await (await request("/")).text()).toContain('href="/partners/apply"');
  });

  it("refuses a bad form at its fields and writes nothing", async () => {
    const before = await prisma.lenderOrg.count();
    const response = await request("/partners/apply", {
      form: { name: "", contactName: "P", contactEmail: "not-an-address", regulatorType: "MOON" },
      ip: "10.0.0.1",
    });
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain("Enter a valid e-mail address");
    expect(html).toContain("Choose at least one product you would offer.");
    expect(html).toContain("Choose who supervises your organisation.");
    expect(await prisma.lenderOrg.count()).toBe(before);
  });

  it("creates a pending partner, e-mails the contact and the admins, and an admin sees it", async () => {
    const name = unique("Harbor Trade Finance ");
    const response = await request("/partners/apply", { form: valid(name), ip: "10.0.0.2" });
    expect(response.status).toBe(200);
    expect(await response.text()).toContain("We received the application");
    const org = await prisma.lenderOrg.findUniqueOrThrow({
      where: { name },
      select: { id: true, status: true, appliedAt: true, productsOfInterest: true },
    });
    expect(org.status).toBe("PENDING");
    expect(org.appliedAt).not.toBeNull();
    expect(org.productsOfInterest).toBe("INVOICE_FACTORING,TERM_LOAN");
    const toContact = await prisma.outboxEmail.findFirstOrThrow({
      where: { to: "priya@harbor.example", subject: { contains: "received your application" } },
    });
    expect(toContact.html).toContain("Priya Lender");
    const toAdmin = await prisma.outboxEmail.findFirstOrThrow({
      where: { to: adminEmail, subject: { contains: name } },
    });
    expect(toAdmin.text).toContain(`/admin/partners/${org.id}`);

    const list = await (await request("/admin/partners", { cookie: adminCookie })).text();
    expect(list).toContain("Applications to review");
    expect(list).toContain(`href="/admin/partners/${org.id}"`);
    const page = await (await request(`/admin/partners/${org.id}`, { cookie: adminCookie })).text();
    expect(page).toContain("Applied through the public form");
    expect(page).toContain("Export invoice factoring and Term loan");
    expect(page).toContain("The applicant, through the public form");

    // The same name again is refused at its field.
    const again = await request("/partners/apply", { form: valid(name), ip: "10.0.0.3" });
    expect(again.status).toBe(409);
    expect(await again.text()).toContain("already a partner or has applied");
  });

  it("limits applications per network address", async () => {
    const ip = "10.0.0.9";
    for (let i = 0; i < PARTNER_APPLICATIONS_PER_HOUR; i++)
      expect((await request("/partners/apply", { form: valid(unique("Flood ")), ip })).status).toBe(200);
    const refused = await request("/partners/apply", { form: valid(unique("Flood ")), ip });
    expect(refused.status).toBe(429);
    expect(await refused.text()).toContain("Too many applications from your network");
    expect(
      (await request("/partners/apply", { form: valid(unique("Other ")), ip: "10.0.0.10" })).status,
    ).toBe(200);
  });
});

describe("reviewing an application", () => {
  it("rejects it with a reason, behind a confirmation, and the history says who, when and why", async () => {
    const name = unique("Rejected Capital ");
    await request("/partners/apply", { form: valid(name), ip: "10.0.1.1" });
    const org = await prisma.lenderOrg.findUniqueOrThrow({ where: { name }, select: { id: true } });
    const path = `/admin/partners/${org.id}`;
    const unconfirmed = await request(path, {
      cookie: adminCookie,
      form: { intent: "reject", reason: "Not licensed in any state we serve" },
    });
    expect(unconfirmed.status).toBe(400);
    const rejected = await request(path, {
      cookie: adminCookie,
      form: { intent: "reject", reason: "Not licensed in any state we serve", confirmed: "yes" },
    });
    expect(rejected.status).toBe(302);
    expect((await prisma.lenderOrg.findUniqueOrThrow({ where: { id: org.id } })).status).toBe("REJECTED");
    // The applicant hears the answer, without the admins' internal reason.
    const answer = await prisma.outboxEmail.findFirstOrThrow({
      where: { to: "priya@harbor.example", subject: "Your application to lend on TradeLift" },
    });
    expect(answer.text).toContain(`not able to take ${name} on`);
    expect(answer.text).not.toContain("Not licensed");
    // A rejected partner is not activated.
    expect((await request(path, { cookie: adminCookie, form: { intent: "activate" } })).status).toBe(409);
    const page = await (await request(path, { cookie: adminCookie })).text();
    expect(page).toContain("Status history");
    expect(page).toContain("Pending review → Rejected");
    expect(page).toContain("Ada Admin (admin)");
    expect(page).toContain("Not licensed in any state we serve");
  });

  it("keeps every move of an admin-added partner: activated, suspended with its reason, reactivated", async () => {
    const created = await request("/admin/partners/new", {
      cookie: adminCookie,
      form: {
        name: unique("History Lender "),
        contactName: "Hal Story",
        contactEmail: "hal@history.example",
        regulatorType: "NON_BANK",
        addressLine1: "1 Main Street",
        city: "Portland",
        addressState: "OR",
        postalCode: "97204",
      },
    });
    expect(created.status).toBe(302);
    const path = created.headers.get("Location") ?? "";
    const id = path.split("/").at(-1) ?? "";
    const moves: Record<string, string>[] = [
      { intent: "activate" },
      { intent: "suspend", reason: "Licence under review", confirmed: "yes" },
      { intent: "activate" },
    ];
    for (const form of moves)
      expect((await request(`/admin/partners/${id}`, { cookie: adminCookie, form })).status).toBe(302);
    const { partnerStatusHistory } = await import("~/domain/lenders/partner-history.server");
    const history = await partnerStatusHistory(prisma, id);
    expect(history.map((m) => [m.from, m.to, m.reason, m.actorName])).toEqual([
      [null, "PENDING", null, "Ada Admin"],
      ["PENDING", "ACTIVE", null, "Ada Admin"],
      ["ACTIVE", "SUSPENDED", "Licence under review", "Ada Admin"],
      ["SUSPENDED", "ACTIVE", null, "Ada Admin"],
    ]);
  });
});
