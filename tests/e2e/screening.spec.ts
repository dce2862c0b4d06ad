// The compliance review of a potential sanctions match (docs/design/sanctions.md, the review flow),
// in the browser: a merchant whose buyer is on the shipped OFAC SDN list sends two applications;
// both wait at compliance review, and the merchant is told only that TradeLift checks applications
// first. An admin sees each screened name beside the list entry, clears one (it goes on to
// matching) and confirms the other (it ends with TradeLift's own notice), and the audit log holds
// every step.
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

/** Entry 23476 of the list of 2024-05-03, as the list has it. */
const LISTED = "DANDONG JINXIANG TRADE CO., LTD.";
const CLEARED_BUYER = "Dandong Jinxiang Trade Co.";
const CONFIRMED_BUYER = "DANDONG JINXIANG TRADE COMPANY LIMITED";

async function apply(page: Page, po: string, purpose: string): Promise<string> {
  await page.getByRole("link", { name: "Applications" }).click();
  await page.getByRole("link", { name: "Start an application" }).click();
  await page.getByLabel("Amount (USD)").fill("50,000");
  await page.getByLabel("Days until you can repay").fill("90");
  await page.getByLabel("What the money is for").fill(purpose);
  await page.getByLabel(new RegExp(po)).check();
  await page.getByRole("button", { name: "Save and review" }).click();
  await expect(page.getByText("Draft saved")).toBeVisible();
  await page.getByLabel(/The information is accurate/).check();
  await page.getByRole("button", { name: "Send to lenders" }).click();
  await expect(page.getByText("TradeLift checks every application before lenders see it")).toBeVisible();
  return new URL(page.url()).pathname.split("/").pop() ?? "";
}

/** The hit of `screened` found at an application's submission (not the one found at saving). */
const heldHit = (page: Page, screened: string) =>
  page
    .getByRole("region", { name: `${screened} — ${LISTED}` })
    .filter({ has: page.getByRole("link", { name: "Compliance review" }) });

test("an admin clears one potential SDN match and confirms another; the merchant is told only what the law allows", async ({
  page,
}) => {
  test.setTimeout(240_000);
  const suffix = Date.now().toString(36).toUpperCase();
  const legalName = `Osprey Bay Fasteners ${suffix} LLC`;
  const email = uniqueEmail("wren");
  const password = "bolts to dalian 2026";
  await signUpWithProfile(page, { legalName, email, password, owner: "Wren Halvorsen" });
  await connectSandboxBank(page, /Steady exporter/);
  const [po1, po2] = [`OB-${suffix}-1`, `OB-${suffix}-2`];
  await importOrders(page, [
    `${po1},${CLEARED_BUYER},CN,65000,USD,2026-11-10,2026-12-05,OPEN_ACCOUNT,60,FOB`,
    `${po2},${CONFIRMED_BUYER},CN,62000,USD,2026-11-12,2026-12-08,OPEN_ACCOUNT,60,FOB`,
  ]);

  // Both applications wait; the merchant sees the state and no word of why.
  const cleared = await apply(page, po1, "Stainless fasteners and freight for the first Dandong order");
  await expect(page.getByText("Compliance review").first()).toBeVisible();
  await expect(page.getByRole("main")).not.toContainText(/sanction|SDN|OFAC/i);
  await page.getByRole("link", { name: /The application as lenders read it/ }).click();
  await expect(page.getByRole("heading", { name: "Your application as sent" })).toBeVisible();
  await expect(page.getByRole("main")).not.toContainText(/sanction|SDN|OFAC|screen/i);
  await expectAccessible(page);
  const confirmed = await apply(page, po2, "Stainless fasteners and freight for the second Dandong order");
  await expect(page.getByRole("main")).not.toContainText(/sanction|SDN|OFAC/i);
  await logOut(page);

  await logIn(page, DEMO_ACCOUNTS.admin);
  await page.goto("/admin/screening");
  await expect(page.getByRole("heading", { name: "Sanctions screening" })).toBeVisible();
  await expect(page.getByText(/Screening against the OFAC SDN list of 2024-05-03/)).toBeVisible();

  // Both names side by side with the list entry: program, type, remarks, list version.
  const first = heldHit(page, CLEARED_BUYER);
  await expect(first).toHaveCount(1);
  await expect(first).toContainText(`Screened name${CLEARED_BUYER}`);
  await expect(first).toContainText(`Buyer of ${legalName}`);
  await expect(first).toContainText(`List entry${LISTED} (ent_num 23476)`);
  await expect(first).toContainText("ProgramDPRK4");
  await expect(first).toContainText("Typeentity");
  await expect(first).toContainText("Nationality of Registration China");
  await expect(first).toContainText(/OFAC SDN of 2024-05-03, SHA-256 [0-9a-f]{12}…/);
  await expectAccessible(page);

  // Cleared with a reason: the application goes on to matching.
  await first
    .getByLabel("Why this is not the listed party")
    .fill("Different company: a retailer in Dandong's Zhenxing district, other owners and registration.");
  await first.getByRole("button", { name: "Clear: not the listed party" }).click();
  await expect(page.getByText("Hit cleared")).toBeVisible();
  await expect(page.getByText("The application is now submitted.")).toBeVisible();
  await expect(heldHit(page, CLEARED_BUYER)).toHaveCount(0);

  // Confirmed, behind its confirmation step: the application ends.
  const second = heldHit(page, CONFIRMED_BUYER);
  await expect(second).toHaveCount(1);
  await second.getByText("Confirm the match…").click();
  await second
    .getByLabel("Why this is the listed party")
    .fill("Same registered address in Dandong and the same director as the listed entry.");
  await second.getByRole("button", { name: "Yes, it is the listed party" }).click();
  await expect(page.getByText("Match confirmed")).toBeVisible();
  await expect(page.getByText("The application is now declined.")).toBeVisible();

  await page.getByLabel("Hits", { exact: true }).selectOption("CLEARED");
  await page.getByRole("button", { name: "Show" }).click();
  await expect(
    page.getByText(/Cleared .* UTC: Different company: a retailer in Dandong/).first(),
  ).toBeVisible();

  // The audit log: the merchant's submissions and screenings, the admin's decisions and the moves.
  await page.goto(`/admin/audit?entityType=Application`);
  const rows = page.getByRole("region", { name: "Audit events" }).getByRole("row");
  const row = (action: string, applicationId: string) =>
    rows.filter({ hasText: action }).filter({ hasText: applicationId });
  for (const applicationId of [cleared, confirmed]) {
    await expect(row("application.submitted", applicationId)).toContainText('"to":"COMPLIANCE_REVIEW"');
    await expect(row("sanctions.screened", applicationId).first()).toContainText('"trigger":"SUBMISSION"');
  }
  await expect(row("application.cleared_compliance", cleared)).toContainText("Alex Rivera (admin)");
  await expect(row("application.cleared_compliance", cleared)).toContainText('"to":"SUBMITTED"');
  await expect(row("application.sanctions_declined", confirmed)).toContainText('"to":"DECLINED"');
  await page.goto(`/admin/audit?actor=${encodeURIComponent(DEMO_ACCOUNTS.admin)}`);
  await expect(rows.filter({ hasText: "sanctions.hit_cleared" }).first()).toContainText(
    "Different company: a retailer in Dandong",
  );
  await expect(rows.filter({ hasText: "sanctions.hit_confirmed" }).first()).toContainText(
    "Same registered address in Dandong",
  );
  await logOut(page);

  // The merchant: the cleared application moved on; the confirmed one ended with TradeLift's own
  // notice, which names neither the list nor the match.
  await logIn(page, email, password);
  await page.goto(`/merchant/applications/${cleared}`);
  await expect(page.getByText(/^Submitted · 90 days/)).toBeVisible();
  await page.goto(`/merchant/applications/${confirmed}`);
  await expect(page.getByText(/^Declined · 90 days/)).toBeVisible();
  const notice = page.getByRole("listitem").filter({ hasText: "Declined at compliance review" });
  await notice.getByRole("link", { name: "Read the notice" }).click();
  await expect(page.getByRole("main")).toContainText(
    "TradeLift could not complete the compliance checks the law requires",
  );
  await expect(page.getByRole("main")).not.toContainText(/sanction|SDN|OFAC|Dandong|listed/i);
  await expectAccessible(page);
});
