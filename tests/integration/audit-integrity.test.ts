// The audit trail cannot be rewritten: the database itself refuses UPDATE and DELETE on its rows,
// whoever asks (raw SQL on its own connection, or Prisma), and an event keeps its actor's id and
// the name the actor had when it happened.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAdmin, createLenderOrg, unique } from "#tests/factories";
import { prisma } from "~/utils/db.server";
import { openRawDatabase, type RawDatabase } from "../setup/raw-database";
import { cookieFor, request } from "./app";

let raw: RawDatabase;
let adminId = "";
let adminCookie = "";
let adminEmail = "";
let eventId = "";

beforeAll(async () => {
  raw = await openRawDatabase();
  adminEmail = `${unique("ai")}@tradelift.example`;
  const admin = await createAdmin(prisma, {
    email: adminEmail,
    name: "Avery Original",
    password: "correct horse battery staple",
  });
  adminId = admin.id;
  adminCookie = await cookieFor(admin.id);
  const org = await createLenderOrg(prisma, { name: unique("Audited Partner "), status: "PENDING" });
  expect(
    (await request(`/admin/partners/${org.id}`, { cookie: adminCookie, form: { intent: "activate" } }))
      .status,
  ).toBe(302);
  eventId = (
    await prisma.auditEvent.findFirstOrThrow({
      where: { entityId: org.id, action: "lender.partner_activated" },
      select: { id: true },
    })
  ).id;
});

afterAll(() => raw.close());

async function unchanged() {
  return prisma.auditEvent.findUniqueOrThrow({
    where: { id: eventId },
    select: { action: true, actorId: true, actorName: true, summaryJson: true },
  });
}

describe("the audit trail is append-only at the database", () => {
  it("refuses UPDATE and DELETE through raw SQL on its own connection", async () => {
    const before = await unchanged();
    await expect(
      raw.run(`UPDATE "AuditEvent" SET "action" = 'nothing.happened' WHERE "id" = ?`, eventId),
    ).rejects.toThrow(/append-only/);
    await expect(raw.run(`DELETE FROM "AuditEvent" WHERE "id" = ?`, eventId)).rejects.toThrow(/append-only/);
    await expect(raw.run(`DELETE FROM "AuditEvent"`)).rejects.toThrow(/append-only/);
    // PostgreSQL's TRUNCATE skips row triggers: a statement trigger refuses it (SQLite has none).
    if (raw.engine === "postgresql")
      await expect(raw.run(`TRUNCATE "AuditEvent" CASCADE`)).rejects.toThrow(/append-only/);
    expect(await unchanged()).toEqual(before);
  });

  it("refuses UPDATE and DELETE through Prisma, its raw queries included", async () => {
    // Prisma's SQLite driver reports the trigger's abort as a constraint failure: whatever the
    // wording, the write is refused and the row is as it was.
    const before = await unchanged();
    await expect(
      prisma.auditEvent.update({ where: { id: eventId }, data: { action: "nothing.happened" } }),
    ).rejects.toThrow();
    await expect(
      prisma.auditEvent.updateMany({ where: { id: eventId }, data: { summaryJson: "{}" } }),
    ).rejects.toThrow();
    await expect(prisma.auditEvent.delete({ where: { id: eventId } })).rejects.toThrow();
    await expect(prisma.auditEvent.deleteMany({})).rejects.toThrow();
    await expect(
      prisma.$executeRaw`UPDATE "AuditEvent" SET "actorName" = 'Someone Else' WHERE "id" = ${eventId}`,
    ).rejects.toThrow();
    await expect(prisma.$executeRaw`DELETE FROM "AuditEvent" WHERE "id" = ${eventId}`).rejects.toThrow();
    expect(await unchanged()).toEqual(before);
  });

  it("keeps the actor's id and the name it had, after the account is renamed, and cannot lose the actor", async () => {
    await prisma.user.update({ where: { id: adminId }, data: { name: "Avery Renamed" } });
    expect(await unchanged()).toMatchObject({ actorId: adminId, actorName: "Avery Original" });
    // The account cannot be deleted from under its events (the reference never turns to NULL).
    await expect(prisma.user.delete({ where: { id: adminId } })).rejects.toThrow();
    expect(await prisma.user.count({ where: { id: adminId } })).toBe(1);

    // The admins' log shows the name kept in the event, and its actor filter finds the event by
    // that name or by the account's e-mail.
    const byName = await (
      await request(`/admin/audit?actor=${encodeURIComponent("Avery Original")}&entityType=LenderOrg`, {
        cookie: adminCookie,
      })
    ).text();
    expect(byName).toContain("Avery Original (admin)");
    expect(byName).toContain("lender.partner_activated");
    expect(byName).not.toContain("Avery Renamed (admin)");
    const byEmail = await (
      await request(`/admin/audit?actor=${encodeURIComponent(adminEmail)}&entityType=LenderOrg`, {
        cookie: adminCookie,
      })
    ).text();
    expect(byEmail).toContain("lender.partner_activated");
    const nobody = await (
      await request("/admin/audit?actor=no-such-person&entityType=LenderOrg", { cookie: adminCookie })
    ).text();
    expect(nobody).toContain("No events match");
  });
});
