// A new account takes its browser's time zone, shows times in it, and can choose another.
import { expect, test } from "./fixtures";
import { signUpWithProfile, uniqueEmail } from "./helpers";

test.use({ timezoneId: "America/Chicago" });

test("times follow the browser's zone until the merchant chooses another", async ({ page }) => {
  await signUpWithProfile(page, {
    legalName: "Central Time Exports LLC",
    email: uniqueEmail("central"),
    password: "correct horse battery staple",
    owner: "Dana Central",
  });
  await page.goto("/settings/time-zone");
  // The first page after sign-up reported the browser's zone.
  await expect(page.getByLabel("Show times in")).toHaveValue("America/Chicago");
  await expect(page.getByText(/It is now .* C[SD]T\./)).toBeVisible();

  await page.getByLabel("Show times in").selectOption("Asia/Tokyo");
  await page.getByRole("button", { name: "Save time zone" }).click();
  await expect(page.getByText("Time zone saved")).toBeVisible();
  await page.goto("/settings/time-zone");
  await expect(page.getByLabel("Show times in")).toHaveValue("Asia/Tokyo");
  await expect(page.getByText(/It is now .* GMT\+9\./)).toBeVisible();
});
