// Section 1071 through the built app (docs/design/section-1071.md): the answers given before
// sending are copied into the application's record at submission, the applicant may change them
// until the application ends, the action taken follows every way an application ends, and admins
// alone read and download the register.
import Papa from "papaparse";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAdmin, seedFxRates, unique } from "#tests/factories";
import { expireStaleApplications } from "~/domain/jobs/jobs.server";
import { prisma } from "~/utils/db.server";
import { startTestSandbox } from "../setup/plaid-sandbox";
import { cookieFor, request } from "./app";
import {
  acceptFirstOffer,
  draftWithOrder,
  lender,
  offerForm,
  PASSWORD,
  post,
  statusOf,
  today,
  withOnlyActive,
} from "./lending-fixtures";

let sandbox: Awaited<ReturnType<typeof startTestSandbox>>;

beforeAll(async () => {
  sandbox = await startTestSandbox({ today: today() });
  await seedFxRates(prisma, new Date(`${today()}T00:00:00Z`));
});
afterAll(async () => {
  await sandbox.close();
});

/** A merchant with a bank history and a factoring draft for $80,000, not yet sent. */
const draft = () => draftWithOrder("Register Exports");

async function send(app: { cookie: string; applicationId: string }, lenderOrgIds: string[]) {
  const response = await withOnlyActive(lenderOrgIds, () =>
    request(`/merchant/applications/${app.applicationId}`, {
      cookie: app.cookie,
      form: { intent: "submit", confirm: "on" },
    }),
  );
  expect(response.status).toBe(302);
  const referral = await prisma.referral.findFirst({
    where: { applicationId: app.applicationId },
    select: { id: true },
  });
  return referral?.id ?? "";
}

async function recordOf(applicationId: string) {
  return prisma.section1071Record.findUniqueOrThrow({
    where: { applicationId },
    select: {
      receivedAt: true,
      womenOwned: true,
      minorityOwned: true,
      lgbtqiOwned: true,
      principalOwnerCount: true,
      collectedVia: true,
      actionTaken: true,
      actionTakenAt: true,
      amountApprovedCents: true,
      answeredAt: true,
      owners: {
        orderBy: { position: "asc" },
        select: {
          position: true,
          ethnicityJson: true,
          ethnicityOtherHispanic: true,
          raceJson: true,
          raceOtherAsian: true,
          sexSelfDescribed: true,
          sexDeclined: true,
        },
      },
    },
  });
}

const step = (id: string) => `/merchant/applications/${id}/demographics`;

describe("Section 1071 answers per application", () => {
  it("are asked before sending with the notice, validated at each field, and copied into the application at submission", async () => {
    const l = await lender("Register");
    const app = await draft();
    const page = await (await request(step(app.applicationId), { cookie: app.cookie })).text();
    expect(page).toContain("Federal law requires us to ask these questions");
    expect(page).toContain("You do not have to answer");
    expect(page).toContain("cannot be held against you");
    expect(page).toContain("never see them");
    expect(page).toContain("Guamanian or Chamorro");
    expect(page).toContain("Principal owner 4");
    // The application page links to the step.
    expect(
      await (await request(`/merchant/applications/${app.applicationId}`, { cookie: app.cookie })).text(),
    ).toContain(step(app.applicationId));

    const refused = await request(step(app.applicationId), {
      cookie: app.cookie,
      form: {
        principalOwnerCount: "1",
        "owners[0].race": ["OTHER_ASIAN", "DECLINED"],
        "owners[1].sex": "Woman",
      },
    });
    expect(refused.status).toBe(400);
    const html = await refused.text();
    expect(html).toContain("You ticked “Other Asian”: say which, or untick it.");
    expect(html).toContain(
      "For race, either tick answers or “I do not wish to provide this information”, not both.",
    );
    expect(html).toContain(
      "You said the business has 1 principal owner: clear owner 2, or change the number.",
    );
    expect(
      await prisma.section1071SavedAnswers.count({ where: { merchantId: app.merchant.merchantId } }),
    ).toBe(0);

    const saved = await request(step(app.applicationId), {
      cookie: app.cookie,
      form: {
        womenOwned: "YES",
        minorityOwned: "DECLINED",
        principalOwnerCount: "2",
        "owners[0].ethnicity": ["CUBAN", "OTHER_HISPANIC_OR_LATINO"],
        "owners[0].ethnicityOtherHispanic": "Dominican",
        "owners[0].race": ["WHITE", "OTHER_ASIAN"],
        "owners[0].raceOtherAsian": "Hmong",
        "owners[0].sex": "Woman",
        "owners[1].race": "DECLINED",
        "owners[1].sexDeclined": "on",
      },
    });
    expect(saved.status).toBe(302);
    // Nothing is in a register before the application is sent.
    expect(await prisma.section1071Record.count({ where: { applicationId: app.applicationId } })).toBe(0);

    await send(app, [l.org.id]);
    const application = await prisma.application.findUniqueOrThrow({
      where: { id: app.applicationId },
      select: { submittedAt: true, status: true },
    });
    expect(application.status).toBe("SUBMITTED");
    const record = await recordOf(app.applicationId);
    expect(record).toEqual({
      receivedAt: application.submittedAt,
      womenOwned: "YES",
      minorityOwned: "DECLINED",
      lgbtqiOwned: null,
      principalOwnerCount: "2",
      collectedVia: "APPLICANT_PROVIDED",
      actionTaken: null,
      actionTakenAt: null,
      amountApprovedCents: null,
      answeredAt: application.submittedAt,
      owners: [
        {
          position: 1,
          ethnicityJson: '["CUBAN","OTHER_HISPANIC_OR_LATINO"]',
          ethnicityOtherHispanic: "Dominican",
          raceJson: '["WHITE","OTHER_ASIAN"]',
          raceOtherAsian: "Hmong",
          sexSelfDescribed: "Woman",
          sexDeclined: false,
        },
        {
          position: 2,
          ethnicityJson: "[]",
          ethnicityOtherHispanic: null,
          raceJson: '["DECLINED"]',
          raceOtherAsian: null,
          sexSelfDescribed: null,
          sexDeclined: true,
        },
      ],
    });

    // Changed while the application is live: the record follows, and so do the saved answers.
    const changed = await request(step(app.applicationId), {
      cookie: app.cookie,
      form: { womenOwned: "NO", principalOwnerCount: "1", "owners[0].sex": "Female" },
    });
    expect(changed.status).toBe(302);
    const after = await recordOf(app.applicationId);
    expect(after).toMatchObject({ womenOwned: "NO", minorityOwned: null, principalOwnerCount: "1" });
    expect(after.owners).toEqual([
      {
        position: 1,
        ethnicityJson: "[]",
        ethnicityOtherHispanic: null,
        raceJson: "[]",
        raceOtherAsian: null,
        sexSelfDescribed: "Female",
        sexDeclined: false,
      },
    ]);
    const savedAnswers = await prisma.section1071SavedAnswers.findUniqueOrThrow({
      where: { merchantId: app.merchant.merchantId },
      select: { answersJson: true },
    });
    expect(JSON.parse(savedAnswers.answersJson)).toMatchObject({ womenOwned: "NO" });
    // The audit trail says the answers changed, never what they are.
    const events = await prisma.auditEvent.findMany({
      where: { action: { in: ["merchant.demographics_saved", "application.demographics_changed"] } },
      select: { summaryJson: true, entityId: true },
    });
    expect(events.map((e) => e.entityId)).toEqual(
      expect.arrayContaining([app.merchant.merchantId, app.applicationId]),
    );
    for (const event of events) expect(event.summaryJson).toBe("{}");

    // Withdrawn: the action taken is recorded, and the answers are kept as they were.
    const withdrawn = await request(`/merchant/applications/${app.applicationId}`, {
      cookie: app.cookie,
      form: { intent: "withdraw", confirmed: "yes" },
    });
    expect(withdrawn.status).toBe(302);
    const ended = await prisma.application.findUniqueOrThrow({
      where: { id: app.applicationId },
      select: { withdrawnAt: true },
    });
    expect(await recordOf(app.applicationId)).toMatchObject({
      actionTaken: "WITHDRAWN",
      actionTakenAt: ended.withdrawnAt,
    });
    const late = await request(step(app.applicationId), { cookie: app.cookie, form: { womenOwned: "YES" } });
    expect(late.status).toBe(409);
    expect(await late.text()).toContain("This application has ended");
    expect((await recordOf(app.applicationId)).womenOwned).toBe("NO");
    const readOnly = await (await request(step(app.applicationId), { cookie: app.cookie })).text();
    expect(readOnly).toContain("its answers are kept as they were");
    expect(readOnly).toContain("Female");
  });

  it("an application nobody could take is denied at once, with the merchant's saved answers", async () => {
    const app = await draft();
    await prisma.section1071SavedAnswers.create({
      data: {
        merchantId: app.merchant.merchantId,
        answersJson: JSON.stringify({ lgbtqiOwned: "YES", owners: [{ sex: "Non-binary" }] }),
      },
    });
    await send(app, []);
    const application = await prisma.application.findUniqueOrThrow({
      where: { id: app.applicationId },
      select: { status: true, decidedAt: true },
    });
    expect(application.status).toBe("DECLINED");
    const record = await recordOf(app.applicationId);
    expect(record).toMatchObject({
      lgbtqiOwned: "YES",
      actionTaken: "DENIED",
      actionTakenAt: application.decidedAt,
      amountApprovedCents: null,
    });
    expect(record.owners.map((o) => o.sexSelfDescribed)).toEqual(["Non-binary"]);
  });

  it("the action taken follows each end: denied, approved but not accepted, originated, incomplete", async () => {
    const l = await lender("Outcome");
    // Declined by the only lender.
    const declined = await draft();
    const r1 = await send(declined, [l.org.id]);
    await post(r1, l.cookie, { intent: "start" });
    expect(await post(r1, l.cookie, { intent: "decline", reasons: ["REVENUE"] })).toBe(302);
    expect(await statusOf("application", declined.applicationId)).toBe("DECLINED");
    expect(await recordOf(declined.applicationId)).toMatchObject({
      actionTaken: "DENIED",
      amountApprovedCents: null,
    });

    // An offer for the amount asked, and the merchant withdraws: approved but not accepted.
    const approved = await draft();
    const r2 = await send(approved, [l.org.id]);
    await post(r2, l.cookie, { intent: "start" });
    expect(await post(r2, l.cookie, offerForm)).toBe(302);
    expect((await recordOf(approved.applicationId)).actionTaken).toBeNull();
    const offer = await prisma.offer.findFirstOrThrow({
      where: { applicationId: approved.applicationId },
      select: { createdAt: true, amountCents: true },
    });
    expect(
      (
        await request(`/merchant/applications/${approved.applicationId}`, {
          cookie: approved.cookie,
          form: { intent: "withdraw", confirmed: "yes" },
        })
      ).status,
    ).toBe(302);
    expect(await recordOf(approved.applicationId)).toMatchObject({
      actionTaken: "APPROVED_NOT_ACCEPTED",
      actionTakenAt: offer.createdAt,
      amountApprovedCents: 8_000_000,
    });
    expect(offer.amountCents).toBe(8_000_000);

    // Accepted (still live), then funded: originated on the funding date.
    const funded = await draft();
    const r3 = await send(funded, [l.org.id]);
    await post(r3, l.cookie, { intent: "start" });
    await post(r3, l.cookie, offerForm);
    const offerId = await acceptFirstOffer(funded);
    expect((await recordOf(funded.applicationId)).actionTaken).toBeNull();
    expect(
      await post(r3, l.cookie, {
        intent: "fund",
        offerId,
        amount: "68,000.00",
        fundedOn: today(),
        reference: "FEDWIRE 1071-1",
      }),
    ).toBe(302);
    expect(await recordOf(funded.applicationId)).toMatchObject({
      actionTaken: "ORIGINATED",
      actionTakenAt: new Date(`${today()}T00:00:00Z`),
      amountApprovedCents: 8_000_000,
    });

    // The lender asked for information nobody gave, and the application expired: incomplete.
    const stale = await draft();
    const r4 = await send(stale, [l.org.id]);
    await post(r4, l.cookie, { intent: "start" });
    expect(await post(r4, l.cookie, { intent: "request-info", question: "Your latest statements?" })).toBe(
      302,
    );
    await prisma.application.update({
      where: { id: stale.applicationId },
      data: { submittedAt: new Date(Date.now() - 31 * 86_400_000) },
    });
    await expireStaleApplications(prisma);
    expect(await statusOf("application", stale.applicationId)).toBe("EXPIRED");
    expect((await recordOf(stale.applicationId)).actionTaken).toBe("INCOMPLETE");
  });
});

describe("the admin register", () => {
  it("lists the period's applications with their answers, downloads them as CSV with formulas neutralised, audits each export, and is for admins only", async () => {
    const app = await draft();
    await prisma.section1071SavedAnswers.create({
      data: {
        merchantId: app.merchant.merchantId,
        answersJson: JSON.stringify({
          womenOwned: "YES",
          principalOwnerCount: "1",
          owners: [{ race: ["SAMOAN"], sex: "=HYPERLINK(1)" }],
        }),
      },
    });
    await send(app, []);
    const admin = await createAdmin(prisma, {
      email: `${unique("reg")}@tradelift.example`,
      name: "Register Admin",
      password: PASSWORD,
    });
    const cookie = await cookieFor(admin.id);
    const year = new Date().getUTCFullYear();

    const page = await request(`/admin/demographics?year=${year}`, { cookie });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain(app.applicationId);
    expect(html).toContain("Samoan");
    expect(html).not.toContain(app.merchant.merchantId);

    const csv = await request(`/admin/demographics.csv?year=${year}`, { cookie });
    expect(csv.status).toBe(200);
    expect(csv.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(csv.headers.get("Content-Disposition")).toBe(
      `attachment; filename="tradelift-section-1071-register-${year}.csv"`,
    );
    const rows = Papa.parse<Record<string, string>>(await csv.text(), {
      header: true,
      skipEmptyLines: true,
    }).data;
    const row = rows.find((r) => r["Application ID"] === app.applicationId);
    expect(row).toMatchObject({
      "Action taken": "Denied",
      "Amount applied for": "80000.00",
      "Amount approved or originated": "",
      "Women-owned": "Yes",
      "Number of principal owners": "1",
      "Owner 1 race": "Samoan",
      "Owner 1 sex/gender": "'=HYPERLINK(1)",
      "Owner 2 race": "Not provided",
      "How the answers were obtained": "Provided by the applicant",
    });
    const exported = await prisma.auditEvent.findFirstOrThrow({
      where: { action: "admin.section1071_register_exported", actorId: admin.id },
      select: { summaryJson: true },
    });
    expect(JSON.parse(exported.summaryJson)).toEqual({ year, rows: rows.length, format: "csv" });

    // Another year has none of this year's applications.
    const earlier = await (await request(`/admin/demographics.csv?year=${year - 1}`, { cookie })).text();
    expect(earlier).not.toContain(app.applicationId);

    // Not for merchants, lenders, or anyone signed out.
    expect((await request(`/admin/demographics.csv?year=${year}`, { cookie: app.cookie })).status).toBe(404);
    const anonymous = await request(`/admin/demographics.csv?year=${year}`);
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("Location") ?? "").toContain("/login");
  });
});
