// The header on a 390 px phone and at 1280 px, with and without JavaScript, and where focus goes
// after a client-side navigation and after a CSV preview.
import { expect, test } from "./fixtures";
import { DEMO_ACCOUNTS, expectAccessible, logIn } from "./helpers";

test.describe("on a 390 px phone", () => {
  test.use({ viewport: { width: 390, height: 800 } });

  test("the navigation is a menu that opens, leads to a page, closes, and puts focus on its heading", async ({
    page,
  }) => {
    await logIn(page, DEMO_ACCOUNTS.pacificRim);
    const nav = page.getByRole("navigation", { name: "Main" });
    await expect(nav).toBeHidden();
    const banner = page.getByRole("banner");
    // Nothing in the header is cut off or pushed past the screen's edge.
    expect(await banner.evaluate((header) => header.scrollWidth <= header.clientWidth)).toBe(true);

    await page.getByText("Menu", { exact: true }).click();
    await expect(nav).toBeVisible();
    await expect(nav.getByRole("link", { name: /Account settings \(Erin/ })).toBeVisible();
    await expectAccessible(page);
    await nav.getByRole("link", { name: "Export orders" }).click();

    await expect(page).toHaveURL(/\/merchant\/orders$/);
    await expect(nav).toBeHidden();
    await expect(page.getByRole("heading", { level: 1 })).toBeFocused();
  });

  test("charts keep readable labels and show a period's figures on keyboard focus", async ({ page }) => {
    await logIn(page, DEMO_ACCOUNTS.goldenValley);
    await page.goto("/merchant/sales");
    const chart = page.locator(".chart-svg:visible").first();
    const label = chart.locator(".visx-axis-bottom text").first();
    expect((await label.boundingBox())?.height ?? 0).toBeGreaterThanOrEqual(10);
    const period = chart.locator(".chart-period").nth(1);
    const name = await period.getAttribute("aria-label");
    expect(name).toMatch(/^\S.*: .*\$/);
    await expect(period.locator(".chart-value")).toBeHidden();
    await period.focus();
    await expect(period.locator(".chart-value")).toBeVisible();
    await expect(chart.locator(".chart-hint")).toBeHidden();
  });

  test("the score's table stacks its rows, so what would raise each part is on screen", async ({ page }) => {
    await logIn(page, DEMO_ACCOUNTS.goldenValley);
    await page.goto("/merchant/score");
    const advice = page.getByRole("cell", { name: /What would raise it/ }).first();
    await expect(advice).toBeVisible();
    const box = await advice.boundingBox();
    expect((box?.x ?? 999) + (box?.width ?? 999)).toBeLessThanOrEqual(390);
  });

  test.describe("without JavaScript", () => {
    test.use({ javaScriptEnabled: false });

    test("the menu still opens and its links work", async ({ page }) => {
      await logIn(page, DEMO_ACCOUNTS.pacificRim);
      const nav = page.getByRole("navigation", { name: "Main" });
      await expect(nav).toBeHidden();
      await page.getByText("Menu", { exact: true }).click();
      await nav.getByRole("link", { name: "Score" }).click();
      await expect(page).toHaveURL(/\/merchant\/score$/);
    });
  });
});

test.describe("at 1280 px", () => {
  test.use({ viewport: { width: 1280, height: 800 } });

  for (const [role, email] of [
    ["merchant", DEMO_ACCOUNTS.pacificRim],
    ["lender admin", DEMO_ACCOUNTS.meridianAdmin],
    ["platform admin", DEMO_ACCOUNTS.admin],
  ] as const) {
    test(`every link of the ${role}'s header sits on one row, with no menu button`, async ({ page }) => {
      await logIn(page, email);
      await expect(page.getByText("Menu", { exact: true })).toBeHidden();
      const banner = page.getByRole("banner");
      const tops = await banner.locator("a, button").evaluateAll((elements) =>
        elements
          .filter((element) => element.getBoundingClientRect().width > 0 && !element.closest(".skip-link"))
          .map((element) => {
            const box = element.getBoundingClientRect();
            return Math.round(box.top + box.height / 2);
          }),
      );
      expect(tops.length).toBeGreaterThan(5);
      expect(Math.max(...tops) - Math.min(...tops)).toBeLessThanOrEqual(4);
    });
  }
});

test("after a CSV preview, focus is on the preview's heading and its result is announced", async ({
  page,
}) => {
  await logIn(page, DEMO_ACCOUNTS.pacificRim);
  await page.goto("/merchant/orders/import");
  await page.getByLabel("CSV file", { exact: true }).setInputFiles({
    name: "orders.csv",
    mimeType: "text/csv",
    buffer: Buffer.from("po_number,buyer_name\nX-1,Someone\n"),
  });
  await page.getByRole("button", { name: "Preview" }).click();
  await expect(page.getByRole("heading", { name: "Preview of orders.csv" })).toBeFocused();
  await expect(page.getByRole("alert").first()).toBeVisible();

  // Submitted with no file: the app's own message at the field, not the browser's bubble.
  await page.goto("/merchant/orders/import");
  await page.getByRole("button", { name: "Preview" }).click();
  await expect(page.locator("#upload-error")).toBeVisible();
});
