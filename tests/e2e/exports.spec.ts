// Documents people keep, in the browser: the lender downloads its queue as CSV with the filter it
// set (parsed back), the merchant downloads the offer's disclosure as PDF (its text read), and the
// offer comparison and the lender's review page print as documents (no navigation, no forms).
import { readFile } from "node:fs/promises";
import type { Download, Locator, Page } from "@playwright/test";
import Papa from "papaparse";
import { pdfPlainText } from "../support/pdf-text";
import { expect, test } from "./fixtures";
import {
  connectSandboxBank,
  DEMO_ACCOUNTS,
  importOrders,
  logIn,
  sendApplication,
  signUpWithProfile,
  uniqueEmail,
} from "./helpers";

async function downloaded(page: Page, link: Locator): Promise<{ name: string; bytes: Buffer }> {
  const downloading: Promise<Download> = page.waitForEvent("download");
  await link.click();
  const download = await downloading;
  return { name: download.suggestedFilename(), bytes: await readFile(await download.path()) };
}

/** What a printout leaves out, and what it keeps. */
async function expectPrintable(page: Page, keep: Locator) {
  await page.emulateMedia({ media: "print" });
  await expect(page.getByRole("banner")).toBeHidden();
  await expect(page.getByRole("contentinfo")).toBeHidden();
  for (const form of await page.locator("main form").all()) await expect(form).toBeHidden();
  for (const button of await page.locator("main button").all()) await expect(button).toBeHidden();
  for (const link of await page.locator("main a[download]").all()) await expect(link).toBeHidden();
  // The way back to the list is for the screen, not the paper.
  await expect(page.getByRole("link", { name: /^← / })).toBeHidden();
  await expect(keep).toBeVisible();
  await page.emulateMedia({ media: "screen" });
}

test("the lender downloads its queue as CSV, the merchant the disclosure as PDF, and the pages print clean", async ({
  page,
  browser,
}) => {
  test.setTimeout(180_000);
  const suffix = Date.now().toString(36).toUpperCase();
  const m = {
    legalName: `Kestrel Ridge Cider ${suffix} LLC`,
    email: uniqueEmail("kestrel"),
    password: "kept on paper 2026",
    owner: "Ines Moreau",
  };
  await signUpWithProfile(page, m);
  await connectSandboxBank(page, /Steady exporter/);
  await importOrders(page, [
    `KR-${suffix}-1,Osaka Fine Foods K.K.,JP,15000000,JPY,2026-11-10,2026-12-05,OPEN_ACCOUNT,60,FOB`,
    `KR-${suffix}-2,Kobe Pantry Co.,JP,60000.00,USD,2026-11-12,2026-12-10,OPEN_ACCOUNT,60,CIF`,
  ]);
  const applicationUrl = await sendApplication(page, {
    amount: "120,000",
    purpose: "Cider for the Osaka and Kobe orders",
    poNumbers: [`KR-${suffix}-1`, `KR-${suffix}-2`],
  });

  const lenderContext = await browser.newContext();
  const lender = await lenderContext.newPage();
  await logIn(lender, DEMO_ACCOUNTS.harborlineUnderwriter);
  await lender.goto("/lender");
  await lender.getByRole("link", { name: m.legalName }).click();
  await lender.getByRole("button", { name: "Start review" }).click();
  await expect(lender.getByRole("status").getByText("Review started")).toBeVisible();
  await lender.getByLabel("Fee per 30 days (%)").fill("1.5");
  await lender.getByRole("button", { name: "Send the offer" }).click();
  await expect(lender.getByText("Offer sent to the merchant")).toBeVisible();
  const reviewUrl = lender.url();

  // The review page prints as a document: the merchant's name and the offer, no forms.
  await expectPrintable(lender, lender.getByRole("heading", { level: 1 }));

  // The queue, filtered to offers, as CSV: the link carries the filter, the file every such row.
  await lender.goto("/lender");
  await lender.getByLabel("Status").selectOption("OFFERED");
  await lender.getByRole("button", { name: "Filter" }).click();
  await expect(lender).toHaveURL(/status=OFFERED/);
  const csvLink = lender.getByRole("link", { name: "Download CSV" });
  await expect(csvLink).toHaveAttribute("href", /^\/lender\/referrals\.csv\?status=OFFERED/);
  const csv = await downloaded(lender, csvLink);
  expect(csv.name).toMatch(/^tradelift-lender-queue-\d{4}-\d{2}-\d{2}\.csv$/);
  expect([...csv.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const parsed = Papa.parse<Record<string, string>>(csv.bytes.subarray(3).toString("utf8"), {
    header: true,
    skipEmptyLines: true,
  });
  expect(parsed.errors).toEqual([]);
  expect(parsed.data.length).toBeGreaterThan(0);
  for (const row of parsed.data) expect(row.status).toBe("OFFERED");
  const ours = parsed.data.find((row) => row.merchant === m.legalName);
  expect(ours).toMatchObject({
    requested_amount: "120000.00",
    currency: "USD",
    tenor_days: "90",
    status: "OFFERED",
  });
  expect(reviewUrl).toContain(ours?.referral_id ?? "missing");

  // The merchant keeps the offer's disclosure as PDF, and its offer comparison prints clean.
  await page.goto(applicationUrl);
  const card = page
    .getByRole("region", { name: "Offers, cheapest first" })
    .getByRole("article")
    .filter({ has: page.getByRole("heading", { name: /^Harborline Export Factors/ }) });
  const pdf = await downloaded(page, card.getByRole("link", { name: "Download the disclosure (PDF)" }));
  expect(pdf.name).toMatch(/^tradelift-disclosure-.+\.pdf$/);
  const text = await pdfPlainText(pdf.bytes);
  for (const expected of [
    "Offer summary: Export invoice factoring from Harborline Export Factors",
    `For ${m.legalName}.`,
    "Invoice face value $120,000.00",
    "Total amount of financing $102,000.00 (the advance)",
  ])
    expect(text).toContain(expected);
  await expectPrintable(page, card.getByRole("heading", { name: /^Harborline Export Factors/ }));
  await lenderContext.close();
});
