// patches/@prisma+adapter-better-sqlite3+6.19.3.patch keeps each connection's prepared statements
// and binds the arguments on each call (docs/decisions/0006-prepared-statement-cache.md). These
// checks run through the app's own Prisma client: the patch must be loaded, and a reused statement
// must answer each call with its own arguments, inside and outside transactions, after errors too.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { createAdmin, unique } from "#tests/factories";
import { prisma } from "~/utils/db.server";

const require = createRequire(import.meta.url);

describe("the adapter's prepared statements", () => {
  it("are cached by the adapter build the app loads", () => {
    const dist = require.resolve("@prisma/adapter-better-sqlite3").replace(/index\.js$/, "");
    for (const file of ["index.mjs", "index.js"])
      expect(readFileSync(`${dist}${file}`, "utf8")).toContain("function preparedStatement(client, sql)");
  });

  it("answer each call with its own arguments", async () => {
    const emails = Array.from({ length: 4 }, () => `${unique("stmt")}@example.com`);
    for (const email of emails)
      await createAdmin(prisma, { email, name: email, password: "prepared once 2026" });
    for (let round = 0; round < 3; round++) {
      for (const email of emails) {
        // The same SQL each time: one statement, reused with other arguments.
        const rows = await prisma.$queryRaw<
          { email: string }[]
        >`SELECT "email" FROM "User" WHERE "email" = ${email}`;
        expect(rows).toEqual([{ email }]);
        const user = await prisma.user.findUnique({ where: { email }, select: { email: true } });
        expect(user?.email).toBe(email);
      }
      expect(
        await prisma.$queryRaw`SELECT "email" FROM "User" WHERE "email" = ${"nobody@example.com"}`,
      ).toEqual([]);
    }
  });

  it("still work after a failed statement and inside a rolled-back transaction", async () => {
    const email = `${unique("stmt-dup")}@example.com`;
    await createAdmin(prisma, { email, name: "First", password: "prepared once 2026" });
    // The same insert twice: the second breaks the unique e-mail and must leave nothing behind.
    await expect(
      createAdmin(prisma, { email, name: "Second", password: "prepared once 2026" }),
    ).rejects.toThrow();
    expect(await prisma.user.count({ where: { email } })).toBe(1);

    await expect(
      prisma.$transaction(async (tx) => {
        await tx.user.update({ where: { email }, data: { name: "Renamed" } });
        expect((await tx.user.findUnique({ where: { email }, select: { name: true } }))?.name).toBe(
          "Renamed",
        );
        throw new Error("roll back");
      }),
    ).rejects.toThrow("roll back");
    expect((await prisma.user.findUnique({ where: { email }, select: { name: true } }))?.name).toBe("First");
    await prisma.user.update({ where: { email }, data: { name: "Kept" } });
    expect((await prisma.user.findUnique({ where: { email }, select: { name: true } }))?.name).toBe("Kept");
  });
});
