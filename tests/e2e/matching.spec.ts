import { expect, test } from "./fixtures";
import {
  connectSandboxBank,
  DEMO_ACCOUNTS,
  expectAccessible,
  fillPartnerAddress,
  finishEnrolment,
  logIn,
  logOut,
  signUpWithProfile,
  uniqueEmail,
} from "./helpers";

test("an admin activates a new partner, its admin adds a product, and a merchant's preview count goes up", async ({
  page,
}) => {
  test.setTimeout(120_000);
  const partnerName = `Osprey Growth Lending ${Date.now().toString(36)}`;
  const lenderEmail = uniqueEmail("osprey");
  const password = "osprey lends to exporters";
  const countFor = async () => {
    await page.goto("/merchant/options");
    await page.getByLabel("Amount (USD)").fill("60,000");
    await page.getByLabel("Kind of financing").selectOption("TERM_LOAN");
    // 270 days: shorter than First Cascade's term loan allows. That seeded product is the only
    // other term loan, and another test suspends its partner for a while, so the count must not
    // rest on it.
    await page.getByLabel("Days until you can repay").fill("270");
    await page.getByRole("button", { name: "Check" }).click();
    const answer = page.getByText(/would consider this application/);
    await expect(answer).toBeVisible();
    const text = (await answer.textContent()) ?? "";
    return text.startsWith("No lending partner") ? 0 : Number(/^(\d+)/.exec(text)?.[1] ?? "NaN");
  };

  // A merchant of this test's own (a demo merchant's bank is connected by other tests meanwhile,
  // leaving it without a score while the new history arrives) brings in its bank history.
  const merchant = {
    legalName: `Heron Coast Outfitters ${Date.now().toString(36)} LLC`,
    email: uniqueEmail("heron"),
    password: "herons fish the coast",
    owner: "Mara Lindqvist",
  };
  await signUpWithProfile(page, merchant);
  await connectSandboxBank(page, /Steady exporter/);
  const before = await countFor();
  // The merchant has a score, so a zero count is about the products, not the merchant.
  await expect(page.getByText("You need a Trade Readiness Score first")).toHaveCount(0);
  await expectAccessible(page);
  await logOut(page);

  // The admin onboards and activates a partner, and invites its admin.
  await logIn(page, DEMO_ACCOUNTS.admin);
  await page.goto("/admin/partners/new");
  await page.getByLabel("Lender name").fill(partnerName);
  await page.getByLabel("Contact person").fill("Nadia Osei");
  await page.getByLabel("Contact e-mail").fill("partners@osprey.example");
  await fillPartnerAddress(page);
  await page.getByRole("button", { name: "Create partner" }).click();
  await page.getByRole("button", { name: "Activate partner" }).click();
  await expect(page.getByText("Partner active")).toBeVisible();
  await page.getByLabel("Full name").first().fill("Nadia Osei");
  await page.getByLabel("E-mail", { exact: true }).fill(lenderEmail);
  await page.getByLabel("Role").selectOption("ADMIN");
  await page.getByRole("button", { name: "Send invitation" }).click();
  const link = (await page.getByTestId("toast-link").textContent())?.trim() ?? "";
  await logOut(page);

  // Its admin joins and adds a term loan.
  await page.goto(link);
  await page.getByLabel("Choose a password").fill(password);
  await page.getByLabel("Repeat the password").fill(password);
  await page.getByRole("button", { name: "Accept and create account" }).click();
  // Staff set up two-factor authentication before their first session.
  await finishEnrolment(page, lenderEmail);
  await page.getByRole("link", { name: "Products" }).click();
  await page.getByRole("link", { name: "Add a product" }).click();
  await page.getByLabel("Name", { exact: true }).fill("Osprey Export Expansion Loan");
  await page.getByLabel("Type", { exact: true }).selectOption("TERM_LOAN");
  await page.getByLabel("Smallest amount (USD)").fill("10,000");
  await page.getByLabel("Largest amount (USD)").fill("1,000,000");
  await page.getByLabel("Shortest tenor (days)").fill("180");
  await page.getByLabel("Longest tenor (days)").fill("1080");
  await page.getByLabel("Advance rate (%)").fill("100");
  await page.getByLabel("Lowest APR (%)").fill("9.5");
  await page.getByLabel("Highest APR (%)").fill("18");
  await page.getByLabel("Minimum Trade Readiness Score").fill("500");
  await page.getByLabel("Minimum months in business").fill("12");
  await page.getByLabel("Minimum annual revenue (USD)").fill("250,000");
  await page.getByLabel("Highest OECD country-risk category").selectOption("7");
  // A loan open to every payment term: the merchant's preview below attaches no order, and a
  // product that restricts terms needs an order to check them.
  for (const term of ["Cash in advance", "Documentary collection (D/A)", "Consignment"])
    await page.getByLabel(term, { exact: true }).check();
  await expectAccessible(page);
  await page.getByRole("button", { name: "Add product" }).click();
  await expect(page.getByText("Osprey Export Expansion Loan is live")).toBeVisible();
  await logOut(page);

  // The merchant now has one more partner to consider its application.
  await logIn(page, merchant.email, merchant.password);
  expect(await countFor()).toBe(before + 1);
});
