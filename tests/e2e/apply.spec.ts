import { expect, test } from "./fixtures";
import { DEMO_ACCOUNTS, expectAccessible, logIn, logOut } from "./helpers";

test("a merchant applies; the matched lender reviews and offers; the merchant accepts; the lender records funding", async ({
  page,
}) => {
  test.setTimeout(120_000);
  await logIn(page, DEMO_ACCOUNTS.bayou);
  await page.goto("/merchant/bank");
  await page.getByLabel(/Steady exporter/).check();
  await page.getByRole("button", { name: "Connect sandbox bank" }).click();
  await expect(page.getByText(/posted transactions from/)).toBeVisible({ timeout: 20_000 });

  await page.getByRole("link", { name: "Applications" }).click();
  await expect(page.getByRole("heading", { name: "No applications yet" })).toBeVisible();
  await page.getByRole("link", { name: "Start an application" }).click();
  await page.getByLabel("Amount (USD)").fill("60,000");
  await page.getByLabel("Days until you can repay").fill("90");
  await page
    .getByLabel("What the money is for")
    .fill("Ingredients and packaging for the Orchid Beauty order");
  await page.getByLabel(/OB-2611-08/).check();
  await expectAccessible(page);
  await page.getByRole("button", { name: "Save and review" }).click();

  await expect(page.getByText("Draft saved")).toBeVisible();
  await expect(page.getByText(/lending partners? would consider it/)).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel(/The information is accurate/).check();
  await page.getByRole("button", { name: "Send to lenders" }).click();
  await expect(page.getByText("Application sent")).toBeVisible();
  await expect(page.getByRole("heading", { name: "Lenders reviewing it" })).toBeVisible();
  await expect(page.getByText("Meridian Trade Capital").first()).toBeVisible();
  await logOut(page);

  await logIn(page, DEMO_ACCOUNTS.meridianUnderwriter);
  await expect(page.getByRole("cell", { name: "Bayou Botanicals Skincare LLC" }).first()).toBeVisible();
  await expectAccessible(page);

  // The underwriter reviews it and makes an offer, seeing the disclosure as the merchant will.
  await page.getByRole("link", { name: "Bayou Botanicals Skincare LLC" }).first().click();
  await expectAccessible(page);
  await page.getByRole("button", { name: "Start review" }).click();
  await expect(page.getByRole("status").getByText("Review started")).toBeVisible();
  await page.getByLabel("Fee per 30 days (%)").fill("3");
  await page.getByLabel("Days until the buyer pays").fill("90");
  await expect(page.getByText("Estimated APR")).toBeVisible();
  // The amount is the face value; the live disclosure shows it with the advance rate and advance.
  await expect(page.getByLabel(/face value \(USD\)/)).toBeVisible();
  await expect(page.getByLabel("Advance rate (% of face value)")).toHaveValue("85");
  await expect(page.getByText("Total amount of financing", { exact: true })).toBeVisible();
  await page.getByRole("button", { name: "Send the offer" }).click();
  await expect(page.getByText("Offer sent to the merchant")).toBeVisible();
  await logOut(page);

  // The merchant compares and accepts it.
  await logIn(page, DEMO_ACCOUNTS.bayou);
  await page.getByRole("link", { name: "Applications" }).click();
  await page
    .getByRole("link", { name: /\d{4}-\d{2}-\d{2}/ })
    .first()
    .click();
  await expect(page.getByRole("heading", { name: "Offers, cheapest first" })).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel("Type your full name to sign").fill("Claire Thibodeaux");
  await page.getByLabel(/I agree to this offer/).check();
  await page.getByRole("button", { name: "Accept this offer" }).click();
  await expect(page.getByRole("status").getByText("Offer accepted")).toBeVisible();
  await logOut(page);

  // The lender records the funding.
  await logIn(page, DEMO_ACCOUNTS.meridianUnderwriter);
  await page.getByLabel("Status", { exact: true }).selectOption("ACCEPTED");
  await page.getByRole("button", { name: "Filter" }).click();
  await page.getByRole("link", { name: "Bayou Botanicals Skincare LLC" }).first().click();
  await page.getByLabel("Date sent").fill(new Date().toISOString().slice(0, 10));
  await page.getByLabel("Payment reference").fill("FEDWIRE-88412");
  await page.getByRole("button", { name: "Record funding" }).click();
  await expect(page.getByText("Funding recorded")).toBeVisible();
});
