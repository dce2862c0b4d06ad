// The admins' list of accounts: every one reachable a page at a time, newest first, found by a part
// of the name or e-mail and by role; a filter that does not parse is ignored, never an error.
import { describe, expect, it } from "vitest";
import { createAdmin, createMerchant, unique } from "#tests/factories";
import { prisma } from "~/utils/db.server";
import { cookieFor, request } from "./app";

describe("admin: users", () => {
  it("pages through every account and finds them by name, e-mail and role", async () => {
    const admin = await createAdmin(prisma, {
      email: `${unique("users-admin")}@tradelift.example`,
      name: "Users Admin",
      password: "correct horse battery staple",
    });
    const tag = unique("zq")
      .toLowerCase()
      .replace(/[^a-z0-9]/g, "");
    // 70 merchants, a minute apart and newer than anyone else, the newest last.
    const start = Date.now() + 86_400_000;
    const made: string[] = [];
    for (let i = 0; i < 70; i++) {
      const merchant = await createMerchant(prisma, {
        email: `${tag}-${i}@example.com`,
        userName: `Paged Owner ${i}`,
        password: "correct horse battery staple",
        legalName: `Paged Users ${i} LLC`,
      });
      await prisma.user.update({
        where: { id: merchant.userId },
        data: { createdAt: new Date(start + i * 60_000) },
      });
      made.push(`${tag}-${i}@example.com`);
    }
    const cookie = await cookieFor(admin.id);
    const emailsOn = async (query: string) => {
      const html = await (await request(`/admin/users${query}`, { cookie })).text();
      return [...html.matchAll(new RegExp(`<td>(${tag}-\\d+@example\\.com)</td>`, "g"))].map((m) => m[1]);
    };
    const newestFirst = [...made].reverse();
    expect(await emailsOn("")).toEqual(newestFirst.slice(0, 50));
    expect(await emailsOn("?page=2")).toEqual(newestFirst.slice(50));
    const total = await prisma.user.count();
    expect(await (await request("/admin/users", { cookie })).text()).toContain(
      `${total} users · page 1 of ${Math.ceil(total / 50)}`,
    );

    // A part of the e-mail, in any case; a part of the name.
    expect(await emailsOn(`?q=${tag.toUpperCase()}-6`)).toEqual(
      [
        `${tag}-69`,
        `${tag}-68`,
        `${tag}-67`,
        `${tag}-66`,
        `${tag}-65`,
        `${tag}-64`,
        `${tag}-63`,
        `${tag}-62`,
        `${tag}-61`,
        `${tag}-60`,
        `${tag}-6`,
      ].map((e) => `${e}@example.com`),
    );
    const byName = await (
      await request(`/admin/users?q=${encodeURIComponent("Paged Owner 42")}`, { cookie })
    ).text();
    expect(byName).toContain(`${tag}-42@example.com`);
    expect(byName).toContain("1 users · page 1 of 1");
    // By role: the admin is not among the merchants, and is among the admins (its e-mail in a table
    // cell; the page's header shows it anyway).
    const cell = `<td>${admin.email}</td>`;
    expect(await (await request("/admin/users?role=MERCHANT", { cookie })).text()).not.toContain(cell);
    expect(await (await request("/admin/users?role=ADMIN", { cookie })).text()).toContain(cell);
    // Hostile or broken filters are ignored; a page past the end says so.
    expect(await emailsOn("?role=ROOT&page=-3")).toEqual(newestFirst.slice(0, 50));
    const none = await (
      await request(`/admin/users?q=${encodeURIComponent("<script>nobody</script>")}`, { cookie })
    ).text();
    expect(none).toContain("No user matches");
    expect(none).not.toContain("<script>nobody");
    const beyond = await request("/admin/users?page=500", { cookie });
    expect(beyond.status).toBe(200);
    expect(await beyond.text()).toContain("No users on this page");
  });
});
