// Times are shown in the reader's zone: the browser reports it once, the person may choose another,
// and a report never replaces a choice.
import { describe, expect, it } from "vitest";
import { createAdmin, createMerchant, unique } from "#tests/factories";
import { prisma } from "~/utils/db.server";
import { cookieFor, request } from "./app";

async function zoneOf(userId: string) {
  return (await prisma.user.findUniqueOrThrow({ where: { id: userId }, select: { timeZone: true } }))
    .timeZone;
}

describe("time zone", () => {
  it("takes the browser's zone once, lets the person choose another, and refuses a zone that does not exist", async () => {
    const merchant = await createMerchant(prisma, {
      email: `${unique("tz")}@example.com`,
      userName: "Zoned Owner",
      password: "correct horse battery staple",
      legalName: "Zoned Exports LLC",
    });
    const cookie = await cookieFor(merchant.userId);
    expect(await zoneOf(merchant.userId)).toBeNull();

    const detected = await request("/settings/time-zone", {
      cookie,
      form: { intent: "detect", timeZone: "America/Chicago" },
    });
    expect(detected.status).toBe(200);
    expect(await zoneOf(merchant.userId)).toBe("America/Chicago");

    // Another browser's report does not move it.
    await request("/settings/time-zone", { cookie, form: { intent: "detect", timeZone: "Asia/Tokyo" } });
    expect(await zoneOf(merchant.userId)).toBe("America/Chicago");

    const refused = await request("/settings/time-zone", {
      cookie,
      form: { intent: "choose", timeZone: "Mars/Olympus_Mons" },
    });
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain("Choose a time zone from the list.");
    expect(await zoneOf(merchant.userId)).toBe("America/Chicago");

    const chosen = await request("/settings/time-zone", {
      cookie,
      form: { intent: "choose", timeZone: "Asia/Tokyo" },
    });
    expect(chosen.status).toBe(302);
    expect(await zoneOf(merchant.userId)).toBe("Asia/Tokyo");

    const page = await (await request("/settings/time-zone", { cookie })).text();
    expect(page).toMatch(/<option value="Asia\/Tokyo" selected="">/);

    const anonymous = await request("/settings/time-zone", { form: { intent: "detect", timeZone: "UTC" } });
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("Location")).toMatch(/^\/login/);
  });

  it("shows instants in the reader's zone, with its abbreviation", async () => {
    const admin = await createAdmin(prisma, {
      email: `${unique("tz-admin")}@tradelift.example`,
      name: "Zoned Admin",
      password: "correct horse battery staple",
    });
    const subject = await createMerchant(prisma, {
      email: `${unique("tz-subject")}@example.com`,
      userName: "Late Evening",
      password: "correct horse battery staple",
      legalName: "Late Evening LLC",
    });
    await prisma.user.update({
      where: { id: subject.userId },
      data: { createdAt: new Date("2026-11-20T23:30:00.000Z") },
    });
    const cookie = await cookieFor(admin.id);
    const inUtc = await (await request(`/admin/users/${subject.userId}`, { cookie })).text();
    expect(inUtc).toContain("Nov 20, 2026, 11:30 PM UTC");

    await prisma.user.update({ where: { id: admin.id }, data: { timeZone: "America/Chicago" } });
    const inChicago = await (await request(`/admin/users/${subject.userId}`, { cookie })).text();
    expect(inChicago).toContain("Nov 20, 2026, 5:30 PM CST");
    expect(inChicago).not.toContain("11:30 PM UTC");
  });
});
