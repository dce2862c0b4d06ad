// docs/api.md followed literally: a demo merchant applies, the demo lender admin makes an API key
// on its page (shown once), and a lender's system lists the referral, starts the review and makes
// an offer with an Idempotency-Key through the API, as the quick start's curl commands do.
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
});
