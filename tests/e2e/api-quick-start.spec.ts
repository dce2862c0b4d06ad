// docs/api.md followed literally: a demo merchant applies, the demo lender admin makes an API key
// on its page (shown once), and a lender's system lists the referral, starts the review and makes
// an offer with an Idempotency-Key through the API, as the quick start's curl commands do; then a
// webhook endpoint on this machine receives the merchant's acceptance, signed.
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { promisify } from "node:util";
import { e2eDatabaseUrlFile, TEST_ENV } from "../setup/test-env";
import { startWebhookReceiver } from "../support/webhook-receiver";
import { expect, test } from "./fixtures";
import { connectSandboxBank, DEMO_ACCOUNTS, expectAccessible, logIn, logOut } from "./helpers";

test("the API quick start: a key from /lender/api-keys lists referrals and makes an offer", async ({
  page,
  request,
}) => {
  test.setTimeout(180_000);
  // A referral to decide: Erin of Pacific Rim Outdoor Gear applies against her Osaka order.
  await logIn(page, DEMO_ACCOUNTS.pacificRim);
  await connectSandboxBank(page, /Steady exporter/);
  await page.getByRole("link", { name: "Applications" }).click();
  await page.getByRole("link", { name: "Start an application" }).click();
  await page.getByLabel("Amount (USD)").fill("80,000");
  await page.getByLabel("Days until you can repay").fill("90");
  await page.getByLabel("What the money is for").fill("Tents and freight for the Osaka order");
  await page.getByLabel(/YOS-2026-0412/).check();
  await page.getByRole("button", { name: "Save and review" }).click();
  await expect(page.getByText("Draft saved")).toBeVisible();
  await page.getByLabel(/The information is accurate/).check();
  await page.getByRole("button", { name: "Send to lenders" }).click();
  await expect(page.getByText("Application sent")).toBeVisible();
  const applicationUrl = page.url();
  await logOut(page);

  // The lender admin makes a key: Team → Connect your systems → Manage API keys.
  await logIn(page, DEMO_ACCOUNTS.meridianAdmin);
  await page.goto("/lender/team");
  await page.getByRole("link", { name: "Manage API keys" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("API keys");
  await page.getByLabel("Name", { exact: true }).fill("Quick start");
  await page.getByLabel(/^Decide/).check();
  await page.getByRole("button", { name: "Create key" }).click();
  const key = (await page.getByTestId("new-api-key").textContent()) ?? "";
  expect(key).toMatch(/^tl_live_[a-z0-9]{10}_[A-Za-z0-9_-]{43}$/);
  await expect(page).toHaveURL(/\/lender\/api-keys\?key=[a-z0-9]+&reveal=[a-z0-9]+$/);
  // The form starts afresh (its name is not sent twice), and a field error answered in place keeps
  // the new key on the page (its reveal is already taken).
  await expect(page.getByLabel("Name", { exact: true })).toHaveValue("");
  await page.getByRole("button", { name: "Create key" }).click();
  await expect(page.getByText("Enter a name for the key")).toBeVisible();
  await expect(page.getByTestId("new-api-key")).toHaveText(key);
  // A reload shows it no more, and creates no second key.
  await page.reload();
  await expect(page.getByText(key)).toHaveCount(0);
  await expect(page.getByText("The key was shown once")).toBeVisible();
  await expect(page.getByRole("cell", { name: "Quick start" })).toHaveCount(1);
  await expect(page.getByRole("cell", { name: "Quick start" })).toBeVisible();
  await expectAccessible(page);
  // The reference it links to, rendered from the OpenAPI document.
  await page.getByRole("link", { name: "API reference" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("TradeLift lender API 1.0.0");
  await expect(
    page.getByRole("heading", { name: "POST /api/v1/referrals/{referralId}/offers", exact: true }),
  ).toBeVisible();
  await expectAccessible(page);

  // curl -H "Authorization: Bearer $KEY" http://localhost:3000/api/v1/referrals?status=NEW
  const auth = { Authorization: `Bearer ${key}` };
  const list = await request.get("/api/v1/referrals?status=NEW", { headers: auth });
  expect(list.status()).toBe(200);
  const referral = ((await list.json()) as { data: { id: string; merchantName: string }[] }).data.find((r) =>
    r.merchantName.startsWith("Pacific Rim Outdoor Gear"),
  );
  expect(referral).toBeTruthy();
  const id = referral?.id ?? "";
  const started = await request.post(`/api/v1/referrals/${id}/review`, {
    headers: { ...auth, "Idempotency-Key": "quick-start-review-1" },
  });
  expect(started.status()).toBe(200);
  const offer = {
    productType: "PO_FINANCING",
    amount: "60000",
    advanceRate: "80",
    feePer30Days: "2.5",
    termDays: 90,
    expiresInDays: 14,
  };
  const made = await request.post(`/api/v1/referrals/${id}/offers`, {
    headers: { ...auth, "Idempotency-Key": "quick-start-offer-1" },
    data: offer,
  });
  expect(made.status(), await made.text()).toBe(201);
  const body = (await made.json()) as { offer: { id: string; disclosure: { fundsProvidedCents: number } } };
  expect(body.offer.disclosure.fundsProvidedCents).toBe(4_800_000);
  // Sent again (a retry after a lost answer): the same offer, not a second one.
  const again = await request.post(`/api/v1/referrals/${id}/offers`, {
    headers: { ...auth, "Idempotency-Key": "quick-start-offer-1" },
    data: offer,
  });
  expect(again.status()).toBe(201);
  expect(again.headers()["idempotent-replayed"]).toBe("true");
  expect(((await again.json()) as { offer: { id: string } }).offer.id).toBe(body.offer.id);

  // 5. Verify a webhook: a receiver on this machine, checking signatures with the documented code.
  const receiver = await startWebhookReceiver();
  try {
    await page.goto("/lender/team");
    await page.getByRole("link", { name: "set up webhooks" }).click();
    await page.getByLabel("Endpoint address").fill(receiver.url("/hooks"));
    await expect(page.getByRole("checkbox", { name: /Offer accepted/ })).toBeChecked();
    await page.getByRole("button", { name: "Register endpoint" }).click();
    const secret = (await page.getByTestId("webhook-secret").textContent()) ?? "";
    receiver.secrets.set("/hooks", secret);
    const endpointPage = page.url().replace(/\?.*$/, "");
    await logOut(page);

    // Erin accepts the offer made through the API.
    await logIn(page, DEMO_ACCOUNTS.pacificRim);
    await page.goto(applicationUrl);
    const card = page
      .getByRole("region", { name: "Offers, cheapest first" })
      .getByRole("article")
      .filter({ has: page.getByRole("heading", { name: /^Meridian Trade Capital/ }) });
    await card.getByLabel("Type your full name to sign").fill("Erin Matsuda");
    await card.getByLabel(/I agree to this offer/).check();
    await card.getByRole("button", { name: "Accept this offer" }).click();
    await expect(page.getByText("Offer accepted").first()).toBeVisible();
    await logOut(page);

    // The jobs run (every minute on the server; once here, now) and deliver it, signed.
    await runJobsOnce();
    // Other tests' merchants accept Meridian's offers meanwhile: this one is found by its offer.
    const ours = () =>
      receiver
        .at("/hooks")
        .filter((r) => r.body.type === "offer.accepted" && r.body.data.offerId === body.offer.id);
    await expect.poll(() => ours().map((r) => r.verdict)).toEqual(["ok"]);
    const delivered = ours()[0];
    await logIn(page, DEMO_ACCOUNTS.meridianAdmin);
    await page.goto(endpointPage);
    // Other tests' merchants apply to and accept Meridian's offers meanwhile, and their events
    // reach this endpoint too: this event's row is found by its id.
    const eventId = String(delivered?.headers["tradelift-webhook-id"]);
    const row = page.getByRole("row").filter({ has: page.locator("code", { hasText: eventId }) });
    await expect(row).toContainText("Delivered");
    // Resent from the endpoint's page: the same id, which the receiver has already processed.
    await row.getByRole("button", { name: "Resend" }).click();
    await expect(page.getByText("Delivery queued again")).toBeVisible();
    await runJobsOnce();
    await expect
      .poll(() =>
        receiver
          .at("/hooks")
          .filter((r) => r.headers["tradelift-webhook-id"] === eventId)
          .map((r) => r.verdict),
      )
      .toEqual(["ok", "duplicate"]);
  } finally {
    await receiver.close();
  }
});

/**
 * `npm run jobs:once` against this run's database, without blocking this process: the receiver
 * listens in it, and must answer while the jobs send.
 */
async function runJobsOnce() {
  const port = process.env.E2E_PORT ?? "3100";
  const databaseUrl = readFileSync(e2eDatabaseUrlFile(port), "utf8").trim();
  await promisify(execFile)(process.execPath, ["--import", "tsx", "scripts/jobs-once.ts"], {
    env: { ...process.env, ...TEST_ENV, DATABASE_URL: databaseUrl },
  });
}
