import { describe, expect, it } from "vitest";
import { createLenderOrg, createLenderUser, unique } from "#tests/factories";
import { IDEMPOTENCY_KEY_TTL_MS } from "~/domain/api/idempotency.server";
import { runJobsOnce } from "~/domain/jobs/jobs.server";
import { prisma } from "~/utils/db.server";

describe("the API's idempotency keys", () => {
  it("are forgotten by the jobs a day after their first answer, and not before", async () => {
    const org = await createLenderOrg(prisma, { name: unique("Sweep Lender ") });
    const admin = await createLenderUser(prisma, {
      lenderOrgId: org.id,
      email: `${unique("sweep")}@l.example`,
      name: "Sweep Admin",
      password: "correct horse battery staple",
      lenderRole: "ADMIN",
    });
    const key = await prisma.apiKey.create({
      data: {
        lenderOrgId: org.id,
        publicId: unique("pub"),
        secretHash: unique("hash"),
        name: "sweep",
        scopes: "read,decide",
        createdById: admin.id,
      },
      select: { id: true },
    });
    const now = Date.now();
    const row = (key2: string, ageMs: number) => ({
      apiKeyId: key.id,
      key: key2,
      requestHash: "h",
      responseStatus: 201,
      responseBody: "{}",
      createdAt: new Date(now - ageMs),
    });
    await prisma.apiIdempotencyKey.createMany({
      data: [row("old", IDEMPOTENCY_KEY_TTL_MS + 60_000), row("recent", IDEMPOTENCY_KEY_TTL_MS - 60_000)],
    });
    const result = await runJobsOnce(prisma, new Date(now));
    expect(result.idempotencyKeysForgotten).toBeGreaterThanOrEqual(1);
    const left = await prisma.apiIdempotencyKey.findMany({
      where: { apiKeyId: key.id },
      select: { key: true },
    });
    expect(left.map((r) => r.key)).toEqual(["recent"]);
  });
});
