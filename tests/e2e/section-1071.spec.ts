// Section 1071 in the browser: the merchant answers the optional questions from its draft, without
// JavaScript, sees each mistake at its field, sends the application, and finds its answers in the
// admin register and nowhere on the lender's page (docs/design/section-1071.md).
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

const owner = (page: Page, n: number) =>
  page.getByRole("group", { name: `Principal owner ${n}`, exact: true });
const race = (page: Page, n: number) => owner(page, n).getByRole("group", { name: `Owner ${n}: race` });

test("the merchant answers per application without JavaScript; the register has it, the lender does not", async ({
  page,
  browser,
}) => {
  test.setTimeout(180_000);
  const suffix = Date.now().toString(36).toUpperCase();
  const m = {
    legalName: `Willow Creek Teas ${suffix} LLC`,
    email: uniqueEmail("willow"),
    password: "tea leaves on the quay 2026",
    owner: "Amaya Kealoha",
  };
  await signUpWithProfile(page, m);
  await connectSandboxBank(page, /Steady exporter/);
  await importOrders(page, [
    `WC-${suffix}-1,Kyoto Tea House K.K.,JP,70000.00,USD,2026-11-10,2026-12-05,OPEN_ACCOUNT,60,FOB`,
  ]);
  await page.goto("/merchant/applications/new");
  await page.getByLabel("Amount (USD)").fill("60,000");
  await page.getByLabel("Days until you can repay").fill("90");
  await page.getByLabel("What the money is for").fill("Tea and packaging for the Kyoto order");
  await page.getByLabel(new RegExp(`WC-${suffix}-1`)).check();
  await page.getByRole("button", { name: "Save and review" }).click();
  await expect(page.getByText("Draft saved")).toBeVisible();
  const applicationUrl = page.url();
  const applicationId = applicationUrl.split("/").pop() ?? "";

  // The questions, with the notice above them, in a browser without JavaScript.
  const context = await browser.newContext({ javaScriptEnabled: false });
  const plain = await context.newPage();
  await logIn(plain, m.email, m.password);
  await plain.goto(applicationUrl);
  await plain.getByRole("link", { name: /answer the demographic questions/ }).click();
  await expect(plain.getByText("Federal law requires us to ask these questions.")).toBeVisible();
  await expect(plain.getByText("The lenders who decide on your application never see them.")).toBeVisible();
  await plain.getByRole("group", { name: "Is the business women-owned?" }).getByLabel("Yes").check();
  await plain
    .getByRole("group", { name: "How many principal owners does the business have?" })
    .getByLabel("1", { exact: true })
    .check();
  await race(plain, 1).getByLabel("Native Hawaiian", { exact: true }).check();
  await race(plain, 1).getByLabel("Other Pacific Islander", { exact: true }).check();
  await race(plain, 1).getByLabel("I do not wish to provide this information").check();
  await owner(plain, 2).getByLabel("In the owner's own words").fill("Woman");
  await plain.getByRole("button", { name: "Save answers" }).click();
  await expect(
    plain.getByText("You ticked “Other Pacific Islander”: say which, or untick it."),
  ).toBeVisible();
  await expect(
    plain.getByText(
      "For race, either tick answers or “I do not wish to provide this information”, not both.",
    ),
  ).toBeVisible();
  await expect(
    plain.getByText("You said the business has 1 principal owner: clear owner 2, or change the number."),
  ).toBeVisible();
  // What was typed is still there to correct.
  await expect(race(plain, 1).getByLabel("Native Hawaiian", { exact: true })).toBeChecked();
  await race(plain, 1).getByLabel("I do not wish to provide this information").uncheck();
  await race(plain, 1)
    .getByLabel(/Which other Pacific Islander origin/)
    .fill("Zyxwvut-Tongan");
  await owner(plain, 2).getByLabel("In the owner's own words").fill("");
  await owner(plain, 1).getByLabel("In the owner's own words").fill("Woman");
  await plain.getByRole("button", { name: "Save answers" }).click();
  await expect(plain.getByText("Answers saved")).toBeVisible();
  await context.close();

  // Sent with the answers, with JavaScript this time.
  await page.goto(applicationUrl);
  await page.getByLabel(/The information is accurate/).check();
  await page.getByRole("button", { name: "Send to lenders" }).click();
  await expect(page.getByText("Application sent")).toBeVisible();
  await page.getByRole("link", { name: /see or change this application's demographic answers/ }).click();
  await expect(race(page, 1).getByLabel(/Which other Pacific Islander origin/)).toHaveValue("Zyxwvut-Tongan");
  await expectAccessible(page);
  await logOut(page);

  // The lender that reviews it sees nothing of it.
  await logIn(page, DEMO_ACCOUNTS.meridianUnderwriter);
  await page.getByRole("link", { name: m.legalName }).first().click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(m.legalName);
  const lenderPage = await page.content();
  for (const leak of ["Zyxwvut", "Native Hawaiian", "women-owned", "Pacific Islander"])
    expect(lenderPage, leak).not.toContain(leak);
  await logOut(page);

  // The admin register lists it once its action is taken; the application is still live, so it
  // is counted as pending and its answers are not reported yet.
  await logIn(page, DEMO_ACCOUNTS.admin);
  await page.goto("/admin/demographics");
  await expect(page.getByRole("heading", { name: "Section 1071 register" })).toBeVisible();
  await expect(page.getByText(/still pending: reported in the year action is taken/)).toBeVisible();
  await expect(page.getByText(applicationId)).toHaveCount(0);
  await expectAccessible(page);
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download CSV" }).click();
  expect((await download).suggestedFilename()).toMatch(/^tradelift-section-1071-register-\d{4}\.csv$/);
});
