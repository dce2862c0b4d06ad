// The offer's disclosure and the signed disclosure as PDF, through the real app: the merchant
// downloads the disclosure before deciding and the signed copy after; the lender downloads the
// signed copy of its own accepted offer; both are e-mailed as attachments; anyone else gets 404.
// The signed copy prints the disclosure stored at signing, never the offer as it is today.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedFxRates } from "#tests/factories";
import { formatDayTime } from "~/domain/dates";
import { prisma } from "~/utils/db.server";
import { startTestSandbox } from "../setup/plaid-sandbox";
import { pdfPlainText } from "../support/pdf-text";
import { request, shownDisclosureHash } from "./app";
import { today as isoToday, lender, offerForm, submitted } from "./lending-fixtures";

let sandbox: Awaited<ReturnType<typeof startTestSandbox>>;
const today = isoToday();

beforeAll(async () => {
  sandbox = await startTestSandbox({ today });
  await seedFxRates(prisma, new Date(`${today}T00:00:00Z`));
});
afterAll(async () => {
  await sandbox.close();
});

async function pdfOf(path: string, cookie: string) {
  const response = await request(path, { cookie });
  if (response.status !== 200) return { status: response.status, text: "" };
  expect(response.headers.get("Content-Type")).toBe("application/pdf");
  expect(response.headers.get("Content-Disposition")).toMatch(/^attachment; filename="tradelift-/);
  return { status: 200, text: await pdfPlainText(new Uint8Array(await response.arrayBuffer())) };
}

/** The PDFs attached to the e-mails to `to` whose subject matches. */
async function attachedTo(to: string, subject: RegExp) {
  const emails = await prisma.outboxEmail.findMany({
    where: { to },
    select: { subject: true, attachments: { select: { fileName: true, contentType: true, content: true } } },
  });
  const matching = emails.filter((e) => subject.test(e.subject));
  expect(matching).toHaveLength(1);
  return Promise.all(
    (matching[0]?.attachments ?? []).map(async (a) => ({
      fileName: a.fileName,
      contentType: a.contentType,
      text: await pdfPlainText(new Uint8Array(a.content)),
    })),
  );
}

const flat = (text: string) => text.replace(/\s/g, "");

describe("the disclosure and the signed disclosure as PDF", () => {
  it("are downloaded and e-mailed by their owners only, the signed copy printed from what was signed", async () => {
    const a = await lender("Alder");
    const b = await lender("Birch");
    const app = await submitted([a.org.id]);
    const other = await submitted([b.org.id]);
    // The merchant's pages follow Los Angeles time: so does the moment the offer e-mail names.
    await prisma.user.update({
      where: { email: app.merchant.email },
      data: { timeZone: "America/Los_Angeles" },
    });
    const referral = app.referralOf(a.org.id);
    expect(
      (await request(`/lender/referrals/${referral}`, { cookie: a.cookie, form: { intent: "start" } }))
        .status,
    ).toBe(302);
    // The form proposes the order's payment term (60 days) as the day the buyer pays.
    const review = await (await request(`/lender/referrals/${referral}`, { cookie: a.cookie })).text();
    expect(review).toContain("From the order&#x27;s payment term (60 days)");
    expect(
      (
        await request(`/lender/referrals/${referral}`, {
          cookie: a.cookie,
          form: { ...offerForm, originationFee: "250" },
        })
      ).status,
    ).toBe(302);
    const offer = await prisma.offer.findFirstOrThrow({
      where: { referralId: referral },
      select: { id: true, recourse: true, createdAt: true, expiresAt: true },
    });
    expect(offer.recourse).toBe("WITH_RECOURSE");
    const madeOn = offer.createdAt.toISOString().slice(0, 10);
    const dueOn = new Date(Date.parse(`${madeOn}T00:00:00Z`) + 60 * 86_400_000).toISOString().slice(0, 10);

    // The disclosure, before deciding: 85% of $80,000 = $68,000 advanced, $250 kept, two 30-day
    // periods at 1.5% of the face value = $2,400; $70,400 repaid in one sum on the estimated day.
    const disclosure = await pdfOf(`/merchant/offers/${offer.id}/disclosure.pdf`, app.cookie);
    expect(disclosure.status).toBe(200);
    for (const text of [
      `Offer summary: Export invoice factoring from ${a.org.name}`,
      "Invoice face value $80,000.00",
      "Advance rate 85% of the face value",
      "Total amount of financing $68,000.00 (the advance)",
      "Fee deducted from the advance $250.00",
      "Amount disbursed to you $67,750.00",
      "Finance charge $2,650.00",
      "Total repayment $70,400.00",
      "Estimated term 60 days (assumes your buyer pays on day 60)",
      `1 ${dueOn} $70,400.00`,
      `funds are sent on ${madeOn}`,
      "With recourse",
      "How the figures were computed",
    ])
      expect(disclosure.text).toContain(text);
    // Not signed yet: there is no signed copy to download.
    expect((await pdfOf(`/merchant/offers/${offer.id}/signed.pdf`, app.cookie)).status).toBe(404);
    expect((await pdfOf(`/lender/offers/${offer.id}/signed.pdf`, a.cookie)).status).toBe(404);

    // The merchant's people got the same disclosure with the offer's e-mail.
    const made = await attachedTo(app.merchant.email, /^An offer from /);
    expect(made.map((f) => [f.fileName, f.contentType])).toEqual([
      [`tradelift-disclosure-${offer.id}.pdf`, "application/pdf"],
    ]);
    expect(made[0]?.text).toBe(disclosure.text);
    const email = await prisma.outboxEmail.findFirstOrThrow({
      where: { to: app.merchant.email, subject: { startsWith: "An offer from " } },
      select: { text: true },
    });
    const openUntil = formatDayTime(offer.expiresAt, "America/Los_Angeles");
    expect(openUntil).toMatch(/ P[SD]T$/);
    expect(email.text).toContain(`The offer is open until ${openUntil}.`);

    // Another merchant cannot read it.
    expect((await pdfOf(`/merchant/offers/${offer.id}/disclosure.pdf`, other.cookie)).status).toBe(404);

    const page = await (
      await request(`/merchant/applications/${app.applicationId}`, { cookie: app.cookie })
    ).text();
    expect(page).toContain(`href="/merchant/offers/${offer.id}/disclosure.pdf"`);
    const hash = shownDisclosureHash(page, offer.id);
    expect(
      (
        await request(`/merchant/applications/${app.applicationId}`, {
          cookie: app.cookie,
          ip: "203.0.113.9",
          form: {
            intent: "accept-offer",
            offerId: offer.id,
            signatureName: "Rv Owner",
            consent: "on",
            disclosureSha256: hash,
          },
        })
      ).status,
    ).toBe(302);

    // The lender renames itself afterwards: the signed copy still says what was signed.
    const signedName = a.org.name;
    await prisma.lenderOrg.update({ where: { id: a.org.id }, data: { name: `${signedName} Renamed` } });

    const signed = await pdfOf(`/merchant/offers/${offer.id}/signed.pdf`, app.cookie);
    expect(signed.status).toBe(200);
    for (const text of [
      `Signed offer summary: Export invoice factoring from ${signedName}`,
      "Total amount of financing $68,000.00 (the advance)",
      "Estimated term 60 days (assumes your buyer pays on day 60)",
      "Signature record",
      "Signed as Rv Owner",
      `Signer's account Rv Owner <${app.merchant.email}>`,
      "IP address 203.0.113.9",
      "I agree to this offer and the terms disclosed above",
    ])
      expect(signed.text).toContain(text);
    expect(signed.text).not.toContain("Renamed");
    expect(flat(signed.text)).toContain(hash);
    expect(signed.text).toContain("this document is printed from that copy");

    // The lender of the offer may download it; another lender or merchant may not.
    const forLender = await pdfOf(`/lender/offers/${offer.id}/signed.pdf`, a.cookie);
    expect(forLender.status).toBe(200);
    expect(forLender.text).toContain("Signed as Rv Owner");
    expect((await pdfOf(`/lender/offers/${offer.id}/signed.pdf`, b.cookie)).status).toBe(404);
    expect((await pdfOf(`/merchant/offers/${offer.id}/signed.pdf`, other.cookie)).status).toBe(404);
    // A merchant has no lender route, nor a lender a merchant one.
    expect((await request(`/lender/offers/${offer.id}/signed.pdf`, { cookie: app.cookie })).status).not.toBe(
      200,
    );
    expect(
      (await request(`/merchant/offers/${offer.id}/disclosure.pdf`, { cookie: a.cookie })).status,
    ).not.toBe(200);

    // Each download of the signed copy is recorded; refused ones write nothing.
    const downloads = await prisma.auditEvent.findMany({
      where: { entityId: offer.id, action: "offer.signed-disclosure.downloaded" },
      select: { actorId: true, ip: true },
    });
    expect(downloads.map((d) => d.actorId).sort()).toEqual([app.merchant.userId, a.user.id].sort());

    // The signed copy was e-mailed to the merchant's people and to the lender's on acceptance.
    const toMerchant = await attachedTo(app.merchant.email, /^You accepted /);
    expect(toMerchant.map((f) => f.fileName)).toEqual([`tradelift-signed-disclosure-${offer.id}.pdf`]);
    expect(toMerchant[0]?.text).toContain("Signature record");
    expect(flat(toMerchant[0]?.text ?? "")).toContain(hash);
    const toLender = await attachedTo(a.user.email, /^Your TradeLift offer was accepted/);
    expect(toLender[0]?.text).toContain("Signed as Rv Owner");

    // And the lender's page links to it.
    const lenderPage = await (await request(`/lender/referrals/${referral}`, { cookie: a.cookie })).text();
    expect(lenderPage).toContain(`href="/lender/offers/${offer.id}/signed.pdf"`);
  });
});
