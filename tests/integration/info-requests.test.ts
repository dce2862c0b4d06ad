import { readdir } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  createLenderOrg,
  createLenderUser,
  createMerchant,
  createProduct,
  OPEN_TERM_LOAN,
  unique,
} from "#tests/factories";
import { prisma } from "~/utils/db.server";
import { cookieFor, request } from "./app";

const PASSWORD = "correct horse battery staple";

async function setup() {
  const merchant = await createMerchant(prisma, {
    email: `${unique("ir")}@example.com`,
    userName: "Ir",
    password: PASSWORD,
    legalName: unique("Info Exports "),
  });
  const org = await createLenderOrg(prisma, { name: unique("Asking Lender ") });
  const product = await createProduct(prisma, {
    lenderOrgId: org.id,
    name: "Loan",
    ...OPEN_TERM_LOAN,
  });
  const application = await prisma.application.create({
    data: {
      merchantId: merchant.merchantId,
      requestedAmountCents: 5_000_000,
      purpose: "Information request test",
      productTypeWanted: "ANY",
      tenorDays: 90,
      status: "IN_REVIEW",
      submittedAt: new Date(),
    },
    select: { id: true },
  });
  const referral = await prisma.referral.create({
    data: {
      applicationId: application.id,
      lenderProductId: product.id,
      lenderOrgId: org.id,
      fitRank: 1,
      status: "IN_REVIEW",
    },
    select: { id: true },
  });
  const lender = await createLenderUser(prisma, {
    lenderOrgId: org.id,
    email: `${unique("ask")}@l.example`,
    name: "Asker",
    password: PASSWORD,
    lenderRole: "UNDERWRITER",
  });
  return {
    merchantCookie: await cookieFor(merchant.userId),
    lenderCookie: await cookieFor(lender.id),
    applicationId: application.id,
    referralId: referral.id,
  };
}

function answer(infoRequestId: string, file: File | null, text = "") {
  const form = new FormData();
  form.set("intent", "answer-info");
  form.set("infoRequestId", infoRequestId);
  form.set("responseText", text);
  if (file) form.set("document", file);
  return form;
}

describe("requests for information", () => {
  it("a lender asks for a document; the merchant answers with a checked upload; the review resumes; only that lender can download it", async () => {
    const s = await setup();
    expect(
      (
        await request(`/lender/referrals/${s.referralId}`, {
          cookie: s.lenderCookie,
          form: { intent: "request-info" },
        })
      ).status,
    ).toBe(400);
    expect(
      (
        await request(`/lender/referrals/${s.referralId}`, {
          cookie: s.lenderCookie,
          form: {
            intent: "request-info",
            question: "Please send the commercial invoice.",
            documentType: "INVOICE",
          },
        })
      ).status,
    ).toBe(302);
    expect(
      (await prisma.referral.findUniqueOrThrow({ where: { id: s.referralId }, select: { status: true } }))
        .status,
    ).toBe("INFO_REQUESTED");
    const info = await prisma.infoRequest.findFirstOrThrow({
      where: { referralId: s.referralId },
      select: { id: true },
    });

    const page = await (
      await request(`/merchant/applications/${s.applicationId}`, { cookie: s.merchantCookie })
    ).text();
    expect(page).toContain("Please send the commercial invoice.");

    // Refused: disguised HTML, nothing at all.
    const disguised = await request(`/merchant/applications/${s.applicationId}`, {
      cookie: s.merchantCookie,
      multipart: answer(
        info.id,
        new File(["<html><script>alert(1)</script></html>"], "invoice.pdf", { type: "application/pdf" }),
      ),
    });
    expect(disguised.status).toBe(400);
    expect(await disguised.text()).toContain("Upload a PDF, PNG, JPEG or CSV file.");
    expect(
      (
        await request(`/merchant/applications/${s.applicationId}`, {
          cookie: s.merchantCookie,
          multipart: answer(info.id, null),
        })
      ).status,
    ).toBe(400);
    const tooBig = await request(`/merchant/applications/${s.applicationId}`, {
      cookie: s.merchantCookie,
      multipart: answer(info.id, new File([new Uint8Array(11 * 1024 * 1024).fill(65)], "big.csv")),
    });
    expect(tooBig.status).toBe(413);
    expect(await prisma.document.count({ where: { infoRequestId: info.id } })).toBe(0);

    const pdf = new File([`%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n%%EOF\n`], "Invoice 118 <final>.pdf", {
      type: "application/octet-stream",
    });
    expect(
      (
        await request(`/merchant/applications/${s.applicationId}`, {
          cookie: s.merchantCookie,
          multipart: answer(info.id, pdf, "Attached, as issued to the buyer."),
        })
      ).status,
    ).toBe(302);
    const stored = await prisma.document.findFirstOrThrow({
      where: { infoRequestId: info.id },
      select: { id: true, fileName: true, contentType: true, sha256: true, type: true },
    });
    expect(stored).toMatchObject({
      contentType: "application/pdf",
      type: "INVOICE",
      fileName: "Invoice 118 _final_.pdf",
    });
    expect(
      (await prisma.referral.findUniqueOrThrow({ where: { id: s.referralId }, select: { status: true } }))
        .status,
    ).toBe("IN_REVIEW");
    // The merchant still sees the question and its answer, marked answered with its date.
    const answeredPage = await (
      await request(`/merchant/applications/${s.applicationId}`, { cookie: s.merchantCookie })
    ).text();
    const questions = answeredPage.slice(answeredPage.indexOf("Lenders&#x27; questions"));
    expect(questions).toContain("Please send the commercial invoice.");
    expect(questions).toMatch(
      /Answered [A-Z][a-z]{2} \d{1,2}, \d{4}, \d{1,2}:\d{2} [AP]M UTC: Attached, as issued to the buyer\./,
    );
    expect(questions).toContain("Invoice 118 _final_.pdf");
    expect(answeredPage).not.toContain('value="answer-info"');

    const download = await request(`/lender/documents/${stored.id}`, { cookie: s.lenderCookie });
    expect(download.status).toBe(200);
    expect(download.headers.get("Content-Type")).toBe("application/pdf");
    expect((await download.text()).startsWith("%PDF-1.4")).toBe(true);
    const other = await setup();
    expect((await request(`/lender/documents/${stored.id}`, { cookie: other.lenderCookie })).status).toBe(
      404,
    );
    // Another merchant cannot answer this request.
    expect(
      (
        await request(`/merchant/applications/${s.applicationId}`, {
          cookie: other.merchantCookie,
          multipart: answer(info.id, null, "hijack"),
        })
      ).status,
    ).toBe(404);
    // Answered once only.
    expect(
      (
        await request(`/merchant/applications/${s.applicationId}`, {
          cookie: s.merchantCookie,
          multipart: answer(info.id, null, "again"),
        })
      ).status,
    ).toBe(409);
    // A file sent to the answered request is refused and leaves nothing stored.
    const filesBefore = await storedFiles();
    expect(filesBefore.length).toBeGreaterThan(0);
    const late = await request(`/merchant/applications/${s.applicationId}`, {
      cookie: s.merchantCookie,
      multipart: answer(info.id, pdf, "and another copy"),
    });
    expect(late.status).toBe(409);
    expect(await storedFiles()).toEqual(filesBefore);
  });
});

/** Every stored file: in the upload folder, and in the database (the default on PostgreSQL). */
async function storedFiles(): Promise<string[]> {
  const dir = process.env.UPLOAD_DIR ?? "";
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  const blobs = await prisma.storedBlob.findMany({ select: { key: true } });
  return [
    ...entries.filter((entry) => entry.isFile()).map((entry) => path.join(entry.parentPath, entry.name)),
    ...blobs.map((blob) => blob.key),
  ].sort();
}
