import { expect, test } from "./fixtures";
import { DEMO_ACCOUNTS, expectAccessible, logIn } from "./helpers";

const HEADER =
  "po_number,buyer_name,buyer_country,amount,currency,order_date,expected_ship_date,payment_term,payment_term_days,incoterm";

test("a merchant imports an orders CSV with one bad row, fixes it, imports again, and ships an order", async ({
  page,
}) => {
  const suffix = Date.now().toString(36).toUpperCase();
  const rows = (country: string) =>
    [
      `KT-${suffix}-1,Kyoto Tea Traders K.K.,JP,2450000,JPY,2026-11-02,2026-12-01,OPEN_ACCOUNT,60,FOB`,
      `KT-${suffix}-2,Busan Cafe Supply Co.,${country},18000.00,USD,2026-11-03,,LETTER_OF_CREDIT,90,CIF`,
      `KT-${suffix}-3,Hanoi Fresh Imports JSC,VN,455000000,VND,2026-11-04,,DOC_COLLECTION_DP,0,CFR`,
    ].join("\n");
  await logIn(page, DEMO_ACCOUNTS.pacificRim);
  await page.getByRole("link", { name: "Export orders" }).click();
  await expect(page.getByRole("link", { name: "YOS-2026-0412" })).toBeVisible();
  await page.getByRole("link", { name: "Import from CSV" }).click();
  await expectAccessible(page);

  await page.getByLabel("CSV file", { exact: true }).setInputFiles({
    name: "orders.csv",
    mimeType: "text/csv",
    buffer: Buffer.from(`${HEADER}\n${rows("KP-SOUTH")}\n`),
  });
  await page.getByRole("button", { name: "Preview" }).click();
  await expect(page.getByText("1 problem in 3 rows. Nothing was imported")).toBeVisible();
  await expect(page.getByRole("row", { name: /3 buyer_country/ })).toBeVisible();
  await expect(page.getByRole("button", { name: /^Import/ })).toHaveCount(0);
  await expectAccessible(page);

  await page.getByLabel("CSV file", { exact: true }).setInputFiles({
    name: "orders-fixed.csv",
    mimeType: "text/csv",
    buffer: Buffer.from(`${HEADER}\n${rows("KR")}\n`),
  });
  await page.getByRole("button", { name: "Preview" }).click();
  await expect(page.getByText("All 3 rows are valid.")).toBeVisible();
  await page.getByRole("button", { name: "Import 3 orders" }).click();
  await expect(page.getByText("Imported 3 orders from orders-fixed.csv")).toBeVisible();
  await expect(page.getByRole("link", { name: `KT-${suffix}-2` })).toBeVisible();

  // The VND order shows its USD equivalent.
  await page.getByRole("link", { name: `KT-${suffix}-3` }).click();
  await expect(page.getByText(/≈ \$17,973 \(rate of \d{4}-\d{2}-\d{2}\)/)).toBeVisible();
  await expectAccessible(page);

  // Ship it, then invoice it.
  await page.getByLabel("New status").selectOption("SHIPPED");
  await page.getByRole("button", { name: "Change status" }).click();
  await expect(page.getByText("Marked shipped")).toBeVisible();
  await expect(page.getByText("Shipped", { exact: true }).first()).toBeVisible();
  await page.getByLabel("New status").selectOption("INVOICED");
  await page.getByLabel("Invoice number").fill(`INV-${suffix}`);
  await page.getByLabel("Invoice date").fill("2026-11-20");
  await page.getByRole("button", { name: "Change status" }).click();
  await expect(page.getByText("Marked invoiced")).toBeVisible();
  await expect(page.getByText(`INV-${suffix} of 2026-11-20`)).toBeVisible();

  // Filters narrow the list.
  await page.getByRole("link", { name: "← Export orders" }).click();
  await expect(page).toHaveURL(/\/merchant\/orders$/);
  await page.getByLabel("Status", { exact: true }).selectOption("INVOICED");
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page.getByRole("link", { name: `KT-${suffix}-3` })).toBeVisible();
  await expect(page.getByRole("link", { name: `KT-${suffix}-1` })).toHaveCount(0);
});

test("a merchant connects a bank and sees the revenue chart on Sales & orders", async ({ page }) => {
  await logIn(page, DEMO_ACCOUNTS.cascadePrecision);
  await page.getByRole("link", { name: "Sales & orders" }).click();
  await expect(page.getByText("No sales data yet.")).toBeVisible();
  await page.getByRole("link", { name: "Connect your business bank" }).click();
  await page.getByLabel(/Single big customer/).check();
  await page.getByRole("button", { name: "Connect sandbox bank" }).click();
  await expect(page.getByText(/posted transactions from/)).toBeVisible({ timeout: 20_000 });
  await page.getByRole("link", { name: "Sales & orders" }).click();
  // The chart is a group of periods, each an image named by its figures.
  const chart = page.getByRole("group", { name: /Monthly revenue/ });
  await expect(chart.getByRole("img").first()).toHaveAccessibleName(/: .*\$/);
  await expect(chart).toBeVisible();
  expect(await chart.locator("rect").count()).toBeGreaterThan(10);
  await expect(page.getByRole("cell", { name: "SAIGON ELECTRONICS MANUFACTURING JSC" })).toBeVisible();
  await page.getByText("Show the figures as a table").first().click();
  await expect(page.getByRole("table", { name: "Monthly revenue" })).toBeVisible();
  await expectAccessible(page);

  // The score now rests on that history.
  await page.getByRole("link", { name: "Score", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Trade Readiness Score" })).toBeVisible();
  await expect(page.getByText(/Grade [A-E]/)).toBeVisible();
  // What would raise the score states the payer's actual share (trs-1.1), not a fixed sentence.
  await expect(page.getByText("What would raise your score")).toBeVisible();
  await expect(page.getByText(/One payer accounts for \d+(\.\d)?% of sales deposits/)).toBeVisible();
  await expect(page.getByRole("rowheader", { name: "Top payer's share of revenue" })).toBeVisible();
  await expectAccessible(page);
});
