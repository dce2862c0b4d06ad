// The one-time reveal module on a real database (SQLite, and PostgreSQL with TEST_POSTGRES_URL):
// a value kept encrypted, taken once by its own user for its own purpose before expiry, the row
// gone after; a value made in a transaction that rolls back is never shown; two servers racing for
// one reveal show it once; the sweep removes expired rows only.
import { describe, expect, it } from "vitest";
import { createLenderOrg, createLenderUser, unique } from "#tests/factories";
import {
  createReveal,
  REVEAL_TTL_MS,
  sweepExpiredReveals,
  takeReveal,
} from "~/domain/accounts/one-time-reveal.server";
import { createPrismaClient, databaseEngine, prisma } from "~/utils/db.server";
import { env } from "~/utils/env.server";

async function twoUsers() {
  const org = await createLenderOrg(prisma, { name: unique("Reveal Lender ") });
  const make = (who: string) =>
    createLenderUser(prisma, {
      lenderOrgId: org.id,
      email: `${unique(who)}@l.example`,
      name: who,
      password: "correct horse battery staple",
      lenderRole: "ADMIN",
    });
  return { alice: await make("alice"), bob: await make("bob") };
}

const PURPOSE = "test-secret:one";

describe("one-time reveal", () => {
  it("keeps the value encrypted and gives it once, to its own user and purpose", async () => {
    const { alice, bob } = await twoUsers();
    const value = `key_${unique("v")}`;
    const id = await prisma.$transaction((tx) =>
      createReveal(tx, { userId: alice.id, purpose: PURPOSE, value }),
    );
    const row = await prisma.oneTimeReveal.findUniqueOrThrow({ where: { id } });
    expect(row.valueEncrypted).not.toContain(value);
    expect(row.expiresAt.getTime() - row.createdAt.getTime()).toBeGreaterThan(REVEAL_TTL_MS - 5_000);

    expect(await takeReveal(prisma, { id, userId: bob.id, purpose: PURPOSE })).toBeNull();
    expect(await takeReveal(prisma, { id, userId: alice.id, purpose: "test-secret:two" })).toBeNull();
    expect(await takeReveal(prisma, { id: null, userId: alice.id, purpose: PURPOSE })).toBeNull();
    expect(await takeReveal(prisma, { id, userId: alice.id, purpose: PURPOSE })).toBe(value);
    expect(await takeReveal(prisma, { id, userId: alice.id, purpose: PURPOSE })).toBeNull();
    expect(await prisma.oneTimeReveal.count({ where: { id } })).toBe(0);
  });

  it("gives nothing after expiry, and the sweep removes only expired rows", async () => {
    const { alice } = await twoUsers();
    const t0 = new Date();
    const old = await createReveal(prisma, { userId: alice.id, purpose: PURPOSE, value: "old", now: t0 });
    const later = new Date(t0.getTime() + REVEAL_TTL_MS);
    expect(await takeReveal(prisma, { id: old, userId: alice.id, purpose: PURPOSE, now: later })).toBeNull();
    const fresh = await createReveal(prisma, {
      userId: alice.id,
      purpose: PURPOSE,
      value: "new",
      now: later,
    });
    expect(await sweepExpiredReveals(prisma, later)).toBeGreaterThanOrEqual(1);
    expect(await prisma.oneTimeReveal.count({ where: { id: old } })).toBe(0);
    expect(await takeReveal(prisma, { id: fresh, userId: alice.id, purpose: PURPOSE, now: later })).toBe(
      "new",
    );
  });

  it("keeps nothing when the transaction that made the value rolls back", async () => {
    const { alice } = await twoUsers();
    let id = "";
    await expect(
      prisma.$transaction(async (tx) => {
        id = await createReveal(tx, { userId: alice.id, purpose: PURPOSE, value: "never" });
        throw new Error("rolled back");
      }),
    ).rejects.toThrow("rolled back");
    expect(id).not.toBe("");
    expect(await takeReveal(prisma, { id, userId: alice.id, purpose: PURPOSE })).toBeNull();
  });

  it("shows the value to one of two servers racing for it", async () => {
    const { alice } = await twoUsers();
    const onPostgres = databaseEngine() === "postgresql";
    const otherServer = onPostgres ? createPrismaClient(env().DATABASE_URL) : prisma;
    try {
      for (let round = 0; round < 5; round++) {
        const id = await createReveal(prisma, { userId: alice.id, purpose: PURPOSE, value: `v${round}` });
        const taken = await Promise.all([
          takeReveal(prisma, { id, userId: alice.id, purpose: PURPOSE }),
          takeReveal(otherServer, { id, userId: alice.id, purpose: PURPOSE }),
        ]);
        expect(taken.filter((v) => v !== null)).toEqual([`v${round}`]);
      }
    } finally {
      if (otherServer !== prisma) await otherServer.$disconnect();
    }
  });
});
