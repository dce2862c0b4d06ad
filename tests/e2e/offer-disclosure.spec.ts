// The offer's disclosure as documents people keep, in the browser: the merchant downloads the
// offer summary before deciding, signs the offer, then downloads the signed copy with its
// signature record; the lender downloads the same signed copy from its review page.
import { readFile } from "node:fs/promises";
import type { Download, Locator, Page } from "@playwright/test";
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

async function downloadText(page: Page, link: Locator): Promise<{ name: string; text: string }> {
  const downloading: Promise<Download> = page.waitForEvent("download");
  await link.click();
  const download = await downloading;
  const path = await download.path();
  return { name: download.suggestedFilename(), text: await pdfPlainText(await readFile(path)) };
}

test("the merchant downloads the offer summary, signs, and downloads the signed copy; so does the lender", async ({
  page,
  browser,
}) => {
  test.setTimeout(180_000);
  const suffix = Date.now().toString(36).toUpperCase();
  const m = {
    legalName: `Heron Bay Provisions ${suffix} LLC`,
    email: uniqueEmail("heron"),
    password: "signed and kept 2026",
    owner: "Noor Haddad",
  };
  await signUpWithProfile(page, m);
  await connectSandboxBank(page, /Steady exporter/);
  await importOrders(page, [
    `HB-${suffix}-1,Osaka Fine Foods K.K.,JP,15000000,JPY,2026-11-10,2026-12-05,OPEN_ACCOUNT,60,FOB`,
    `HB-${suffix}-2,Kobe Pantry Co.,JP,60000.00,USD,2026-11-12,2026-12-10,OPEN_ACCOUNT,60,CIF`,
  ]);
  const applicationUrl = await sendApplication(page, {
    amount: "120,000",
    purpose: "Inventory and freight for the Osaka orders",
    poNumbers: [`HB-${suffix}-1`, `HB-${suffix}-2`],
  });

  // Harborline offers factoring: the form proposes the orders' 60-day payment term as the day the
  // buyer pays, and recourse is stated.
  const lenderContext = await browser.newContext();
  const lender = await lenderContext.newPage();
  await logIn(lender, DEMO_ACCOUNTS.harborlineUnderwriter);
  await lender.goto("/lender");
  await lender.getByRole("link", { name: m.legalName }).click();
  await lender.getByRole("button", { name: "Start review" }).click();
  await expect(lender.getByRole("status").getByText("Review started")).toBeVisible();
  await expect(lender.getByLabel("Days until the buyer pays")).toHaveValue("60");
  await expect(lender.getByLabel("Recourse")).toHaveValue("WITH_RECOURSE");
  // The form shows what the merchant will see, recomputed in the browser as the lender types.
  const preview = lender.getByRole("region", { name: "What the merchant will see" });
  await lender.getByLabel("Fee per 30 days (%)").fill("2");
  await expect(preview.getByText("$4,800.00").first()).toBeVisible();
  await lender.getByLabel("Fee per 30 days (%)").fill("");
  await expect(preview.getByText("Complete the terms to see the disclosure.")).toBeVisible();
  await lender.getByLabel("Fee per 30 days (%)").fill("1.5");
  await expect(preview.getByText("$3,600.00").first()).toBeVisible();
  await expect(preview.getByText("$4,800.00")).toHaveCount(0);
  await lender.getByRole("button", { name: "Send the offer" }).click();
  await expect(lender.getByText("Offer sent to the merchant")).toBeVisible();

  // The merchant keeps the summary before deciding: $120,000 face, 85% advanced, two 30-day
  // periods at 1.5% of the face value.
  await page.goto(applicationUrl);
  const card = page
    .getByRole("region", { name: "Offers, cheapest first" })
    .getByRole("article")
    .filter({ has: page.getByRole("heading", { name: /^Harborline Export Factors/ }) });
  await expect(
    card.getByText(/^The term is an estimate: it assumes your buyer pays on day 60/),
  ).toBeVisible();
  const summary = await downloadText(page, card.getByRole("link", { name: "Download the disclosure (PDF)" }));
  expect(summary.name).toMatch(/^tradelift-disclosure-.+\.pdf$/);
  for (const text of [
    "Offer summary: Export invoice factoring from Harborline Export Factors",
    `For ${m.legalName}.`,
    "Invoice face value $120,000.00",
    "Total amount of financing $102,000.00 (the advance)",
    "Finance charge $3,600.00",
    "Estimated term 60 days (assumes your buyer pays on day 60)",
    "Payment schedule",
    "With recourse",
  ])
    expect(summary.text).toContain(text);
  await expect(card.getByRole("link", { name: "Download the signed disclosure (PDF)" })).toHaveCount(0);

  await card.getByLabel("Type your full name to sign").fill(m.owner);
  await card.getByLabel(/I agree to this offer/).check();
  await card.getByRole("button", { name: "Accept this offer" }).click();
  await expect(page.getByText("Offer accepted").first()).toBeVisible();

  const signed = await downloadText(
    page,
    card.getByRole("link", { name: "Download the signed disclosure (PDF)" }),
  );
  expect(signed.name).toMatch(/^tradelift-signed-disclosure-.+\.pdf$/);
  for (const text of [
    "Signed offer summary: Export invoice factoring from Harborline Export Factors",
    "Total amount of financing $102,000.00 (the advance)",
    "Signature record",
    `Signed as ${m.owner}`,
    `Signer's account ${m.owner} <${m.email}>`,
    "I agree to this offer and the terms disclosed above",
    "SHA-256 of the disclosure accepted",
  ])
    expect(signed.text).toContain(text);

  // The lender keeps the same signed copy.
  await lender.reload();
  const forLender = await downloadText(
    lender,
    lender.getByRole("link", { name: "Download the signed disclosure (PDF)" }),
  );
  expect(forLender.text).toBe(signed.text);
  await lenderContext.close();
});
