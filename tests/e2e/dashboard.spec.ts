import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import {
  connectSandboxBank,
  DEMO_ACCOUNTS,
  expectAccessible,
  importOrders,
  logIn,
  logOut,
  signUpWithProfile,
  uniqueEmail,
} from "./helpers";

async function openReferral(page: Page, legalName: string) {
  await page.goto("/lender");
  await page.getByRole("link", { name: legalName }).click();
  await page.getByRole("button", { name: "Start review" }).click();
  await expect(page.getByRole("status").getByText("Review started")).toBeVisible();
}

test("the merchant's dashboard puts a lender's question and a pending offer first, with their time left, each leading to its place", async ({
  page,
}) => {
  test.setTimeout(240_000);
  const suffix = Date.now().toString(36).toUpperCase();
  const legalName = `Osprey Ridge Teas ${suffix} LLC`;
  const email = uniqueEmail("ines");
  const password = "genmaicha to kobe 2026";
  await signUpWithProfile(page, { legalName, email, password, owner: "Ines Moreau" });
  await connectSandboxBank(page, /Steady exporter/);
  await importOrders(page, [
    `OR-${suffix}-1,Osaka Fine Teas K.K.,JP,9800000,JPY,2026-11-10,2026-12-05,OPEN_ACCOUNT,60,FOB`,
    `OR-${suffix}-2,Seoul Leaf Trading Co.,KR,42000.00,USD,2026-11-12,2026-12-10,OPEN_ACCOUNT,60,CIF`,
  ]);
  await page.getByRole("link", { name: "Applications" }).click();
  await page.getByRole("link", { name: "Start an application" }).first().click();
  await page.getByLabel("Amount (USD)").fill("80,000");
  await page.getByLabel("Days until you can repay").fill("90");
  await page.getByLabel("What the money is for").fill("Tea and freight for the Osaka and Seoul orders");
  await page.getByLabel(new RegExp(`OR-${suffix}-1`)).check();
  await page.getByLabel(new RegExp(`OR-${suffix}-2`)).check();
  await page.getByRole("button", { name: "Save and review" }).click();
  await expect(page.getByText("Draft saved")).toBeVisible();
  await page.getByLabel(/The information is accurate/).check();
  await page.getByRole("button", { name: "Send to lenders" }).click();
  await expect(page.getByText("Application sent")).toBeVisible();
  await logOut(page);

  // One lender asks a question, another makes an offer (open for 14 days).
  await logIn(page, DEMO_ACCOUNTS.meridianUnderwriter);
  await openReferral(page, legalName);
  await page
    .getByLabel("Question (optional)")
    .fill("Please send the commercial invoice for the Osaka order.");
  await page.getByRole("button", { name: "Ask the merchant" }).click();
  await expect(page.getByText(/Please send the commercial invoice.*— open/)).toBeVisible();
  await logOut(page);
  await logIn(page, DEMO_ACCOUNTS.harborlineUnderwriter);
  await openReferral(page, legalName);
  await page.getByLabel("Fee per 30 days (%)").fill("1.5");
  await page.getByLabel("Days until the buyer pays").fill("60");
  await page.getByRole("button", { name: "Send the offer" }).click();
  await expect(page.getByText("Offer sent to the merchant")).toBeVisible();
  await logOut(page);

  await logIn(page, email, password);
  await expect(page).toHaveURL(/\/merchant$/);
  const needs = page.getByRole("region", { name: "Needs you now" });
  const question = needs.getByRole("link", { name: "Meridian Trade Capital asked you a question" });
  const offer = needs.getByRole("link", { name: /^Harborline Export Factors offered \$/ });
  await expect(question).toBeVisible();
  await expect(needs.getByText("Please send the commercial invoice for the Osaka order.")).toBeVisible();
  await expect(needs.getByText(/^due in \d+ days$/)).toBeVisible();
  await expect(offer).toBeVisible();
  await expect(needs.getByText(/^expires in 1[34] days$/)).toBeVisible();
  // Then the applications and their states.
  await expect(
    page.getByRole("region", { name: "Your applications" }).getByText("Offers received"),
  ).toBeVisible();
  await expectAccessible(page);

  await question.click();
  await expect(page).toHaveURL(/\/merchant\/applications\/[^/#]+#question-/);
  await expect(
    page.getByRole("region", { name: "Lenders' questions" }).getByLabel("Your answer"),
  ).toBeVisible();
  await page.goto("/merchant");
  await page
    .getByRole("region", { name: "Needs you now" })
    .getByRole("link", { name: /^Harborline Export Factors offered \$/ })
    .click();
  await expect(page).toHaveURL(/\/merchant\/applications\/[^/#]+#offer-/);
  const hash = new URL(page.url()).hash;
  await expect(page.locator(hash)).toBeVisible();
  await expect(page.locator(hash)).toContainText("Harborline Export Factors");
});

test("the public partner form creates a pending partner that an admin sees, reads the e-mail of, and finds in its history", async ({
  page,
}) => {
  const suffix = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`.toUpperCase();
  const organisation = `Tern Harbor Trade Finance ${suffix}`;
  const contact = `rosa-${suffix.toLowerCase()}@ternharbor.example`;
  await page.goto("/");
  await page.getByRole("link", { name: "Become a lending partner" }).click();
  await expect(page.getByRole("heading", { name: "Become a lending partner" })).toBeVisible();
  // A form sent incomplete says what is missing, field by field.
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page.getByText("Choose at least one product you would offer.")).toBeVisible();
  await page.getByLabel("Organisation").fill(organisation);
  await page.getByLabel("Contact person").fill("Rosa Tern");
  await page.getByLabel("Contact e-mail").fill(contact);
  await page.getByLabel("Regulator").selectOption("NON_BANK");
  await page.getByLabel("Export invoice factoring").check();
  await page.getByLabel("Term loan").check();
  await expectAccessible(page);
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page.getByText(/We received the application of/)).toBeVisible();
  // The page reloads its data after the form is sent; leaving before that ends would abort it.
  await page.waitForLoadState("networkidle");

  await logIn(page, DEMO_ACCOUNTS.admin);
  await page.goto("/admin/partners");
  const applications = page.getByRole("region", { name: /Applications to review/ });
  await applications.getByRole("link", { name: organisation }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(organisation);
  await expect(page.getByText(/Applied through the public form/)).toBeVisible();
  const history = page.getByRole("region", { name: "Status history" });
  await expect(history.getByText("Applied as pending review")).toBeVisible();
  await expect(history.getByText("The applicant, through the public form")).toBeVisible();

  // Without a mail server, the admin reads the acknowledgement in the local mailbox.
  await page.goto("/admin/outbox");
  await expect(page.getByText(/This is the local mailbox/)).toBeVisible();
  const message = page
    .getByRole("article")
    .filter({ hasText: contact })
    .getByRole("link", { name: "We received your application to lend on TradeLift" });
  await expect(message).toBeVisible();
  // The message's page holds its HTML part in a sandboxed frame that runs no script. The browser a
  // test drives reports the scripts it would itself run in such a frame as refused, so the test reads
  // the message's page and the frame's page by request rather than opening them.
  const messagePage = await page.request.get((await message.getAttribute("href")) ?? "");
  const html = await messagePage.text();
  expect(html).toContain('sandbox=""');
  expect(html).toContain("In the local mailbox (not sent)");
  const src = /<iframe[^>]* src="([^"]+)"/.exec(html)?.[1] ?? "";
  const preview = await page.request.get(src);
  expect(preview.headers()["content-type"]).toContain("text/html");
  expect(await preview.text()).toContain(`Thank you for applying for ${organisation}`);
});
