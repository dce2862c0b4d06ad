// No answer of log-in, its throttle and stop, password reset or sign-up tells whether an address
// has an account: each is asked for a known address and an unknown one, from sources in the same
// state, and the pages must be the same but for the address typed.
import { describe, expect, it } from "vitest";
import { createMerchant, unique } from "#tests/factories";
import { prisma } from "~/utils/db.server";
import { request } from "./app";

const PASSWORD = "correct horse battery staple";

async function known() {
  const email = `${unique("known")}@example.com`;
  await createMerchant(prisma, { email, userName: "Known", password: PASSWORD, legalName: "Known LLC" });
  return email;
}
const unknown = () => `${unique("nobody")}@example.com`;

/** What a visitor sees: status, the Retry-After header's presence, and the page without the address typed. */
async function answer(response: Response, email: string) {
  const body = (await response.text())
    .replaceAll(email, "EMAIL")
    .replace(/nonce="[^"]*"/g, "")
    // Two requests a moment apart may round a wait to neighbouring seconds.
    .replace(/\d+ (second|minute)s?/g, "N $1s");
  return { status: response.status, retryAfter: response.headers.has("Retry-After"), body };
}

let ip = 0;
const nextIp = () => `10.77.${Math.floor(++ip / 250)}.${ip % 250}`;

describe("answers for known and unknown addresses", () => {
  it("log-in: a wrong password, then the growing delays, read the same", async () => {
    const a = await known();
    const b = unknown();
    const [ipA, ipB] = [nextIp(), nextIp()];
    for (let attempt = 0; attempt < 5; attempt += 1) {
      const forKnown = await answer(
        await request("/login", { form: { email: a, password: "wrong password here" }, ip: ipA }),
        a,
      );
      const forUnknown = await answer(
        await request("/login", { form: { email: b, password: "wrong password here" }, ip: ipB }),
        b,
      );
      expect(forUnknown, `attempt ${attempt + 1}`).toEqual(forKnown);
    }
  });

  it("log-in: a stopped source reads the same", async () => {
    const a = await known();
    const b = unknown();
    const [ipA, ipB] = [nextIp(), nextIp()];
    const stop = { failures: 0, lastFailedAt: new Date(), blockedUntil: new Date(Date.now() + 15 * 60_000) };
    await prisma.loginThrottle.createMany({
      data: [
        { key: `source:${a}|${ipA}`, ...stop },
        { key: `source:${b}|${ipB}`, ...stop },
      ],
    });
    const forKnown = await answer(
      await request("/login", { form: { email: a, password: PASSWORD }, ip: ipA }),
      a,
    );
    const forUnknown = await answer(
      await request("/login", { form: { email: b, password: PASSWORD }, ip: ipB }),
      b,
    );
    expect(forKnown.status).toBe(429);
    expect(forKnown.body).toContain("paused for");
    expect(forUnknown).toEqual(forKnown);
  });

  it("password reset reads the same", async () => {
    const a = await known();
    const b = unknown();
    const forKnown = await answer(await request("/forgot-password", { form: { email: a }, ip: nextIp() }), a);
    const forUnknown = await answer(
      await request("/forgot-password", { form: { email: b }, ip: nextIp() }),
      b,
    );
    expect(forKnown.status).toBe(200);
    expect(forUnknown).toEqual(forKnown);
  });

  it("sign-up reads the same", async () => {
    const a = await known();
    const b = unknown();
    const form = (email: string) => ({
      name: "Erin Matsuda",
      email,
      businessName: "Pacific Rim Outdoor Gear LLC",
      password: PASSWORD,
      confirmPassword: PASSWORD,
      agree: "on",
    });
    const forKnown = await answer(await request("/signup", { form: form(a), ip: nextIp() }), a);
    const forUnknown = await answer(await request("/signup", { form: form(b), ip: nextIp() }), b);
    expect(forKnown.status).toBe(200);
    expect(forUnknown).toEqual(forKnown);
  });
});
