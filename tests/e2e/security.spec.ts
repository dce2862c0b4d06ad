import { expect, test } from "./fixtures";
import { DEMO_ACCOUNTS, DEMO_PASSWORD, expectAccessible, logIn, logOut } from "./helpers";

test("every page carries an enforced CSP with a nonce and the usual security headers", async ({
  page,
  request,
}) => {
  // Every route of the app (guarded ones answer a redirect or a 404 here: those carry the headers
  // too), static files aside.
  const paths = [
    "/",
    "/login",
    "/signup",
    "/no-such-page",
    "/healthz",
    "/invitations/not-a-token",
    "/merchant",
    "/merchant/profile",
    "/merchant/score",
    "/merchant/bank",
    "/merchant/orders",
    "/merchant/orders/new",
    "/merchant/orders/import",
    "/merchant/sales",
    "/merchant/sales/import",
    "/merchant/applications",
    "/merchant/applications/new",
    "/merchant/demographics",
    "/lender",
    "/lender/products",
    "/lender/products/new",
    "/lender/team",
    "/admin",
    "/admin/partners",
    "/admin/users",
    "/admin/outbox",
    "/admin/audit",
    "/admin/applications",
    "/admin/demographics",
    "/settings/password",
  ];
  for (const path of paths) {
    const response = await request.get(path, { maxRedirects: 0 });
    const headers = response.headers();
    expect(headers["content-security-policy"], path).toMatch(
      /script-src 'self' 'strict-dynamic' 'nonce-[A-Za-z0-9+/=]+'/,
    );
    expect(headers["content-security-policy-report-only"], path).toBeUndefined();
    expect(headers["x-content-type-options"]).toBe("nosniff");
    expect(headers["x-frame-options"]).toBe("SAMEORIGIN");
    expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
    expect(headers["x-powered-by"]).toBeUndefined();
  }
  // The app hydrates under the policy and a form round-trip works: fields are checked on the
  // server (the browser bundle carries no zod), and the message lands at the field.
  await page.goto("/signup");
  await page.getByLabel("Work e-mail").fill("not-an-email");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText("Enter a valid e-mail address, like name@company.com.")).toBeVisible();
});

test("every signed-in page answers 200 under the same enforced CSP", async ({ page }) => {
  const byRole: [string, string[]][] = [
    [
      DEMO_ACCOUNTS.goldenValley,
      [
        "/merchant",
        "/merchant/profile",
        "/merchant/score",
        "/merchant/bank",
        "/merchant/orders",
        "/merchant/orders/new",
        "/merchant/sales",
        "/merchant/applications",
        "/merchant/applications/new",
        "/merchant/demographics",
        "/settings/two-factor",
        "/settings/password",
      ],
    ],
    [DEMO_ACCOUNTS.harborlineAdmin, ["/lender", "/lender/products", "/lender/products/new", "/lender/team"]],
    [
      DEMO_ACCOUNTS.admin,
      [
        "/admin",
        "/admin/partners",
        "/admin/partners/new",
        "/admin/users",
        "/admin/outbox",
        "/admin/audit",
        "/admin/applications",
        "/admin/demographics",
        "/admin/funnel",
      ],
    ],
  ];
  for (const [email, paths] of byRole) {
    await logIn(page, email);
    for (const path of paths) {
      const response = await page.request.get(path, { maxRedirects: 0 });
      expect(response.status(), path).toBe(200);
      expect(response.headers()["content-security-policy"], path).toMatch(/'nonce-[A-Za-z0-9+/=]+'/);
      expect(response.headers()["content-security-policy"], path).toContain("frame-ancestors 'none'");
    }
    await logOut(page);
  }
});

test("the session cookie is httpOnly and SameSite=Lax", async ({ page, context }) => {
  await logIn(page, DEMO_ACCOUNTS.bayou);
  const session = (await context.cookies()).find((cookie) => cookie.name === "__session");
  expect(session?.httpOnly).toBe(true);
  expect(session?.sameSite).toBe("Lax");
  expect(await page.evaluate(() => document.cookie)).not.toContain("__session");
});

test("a cross-origin POST is refused before it reaches the app", async ({ request, baseURL }) => {
  const response = await request.post("/login", {
    form: { email: DEMO_ACCOUNTS.admin, password: DEMO_PASSWORD },
    headers: { Origin: "https://evil.example" },
    maxRedirects: 0,
  });
  expect(response.status()).toBe(403);
  const crossSite = await request.post("/logout", {
    headers: { "Sec-Fetch-Site": "cross-site" },
    maxRedirects: 0,
  });
  expect(crossSite.status()).toBe(403);
  // Without Origin, a foreign Referer is refused, and so is a request with no browser headers at
  // all (anything that is not a signed machine endpoint).
  const foreignReferer = await request.post("/login", {
    form: { email: DEMO_ACCOUNTS.admin, password: DEMO_PASSWORD },
    headers: { Referer: "https://evil.example/page" },
    maxRedirects: 0,
  });
  expect(foreignReferer.status()).toBe(403);
  const bare = await request.post("/logout", { maxRedirects: 0 });
  expect(bare.status()).toBe(403);
  // Our own page as the Referer is a form of ours.
  const ownReferer = await request.post("/login", {
    form: { email: DEMO_ACCOUNTS.admin, password: "not the password" },
    headers: { Referer: `${baseURL}/login` },
    maxRedirects: 0,
  });
  expect(ownReferer.status()).not.toBe(403);
});

test("pages and scripts are sent compressed", async ({ page, request }) => {
  const home = await request.get("/", { headers: { "Accept-Encoding": "gzip" } });
  expect(home.headers()["content-encoding"]).toBe("gzip");
  const scripts: string[] = [];
  page.on("response", (response) => {
    if (response.url().includes("/build/") && response.url().endsWith(".js")) scripts.push(response.url());
  });
  await page.goto("/login");
  expect(scripts.length).toBeGreaterThan(0);
  // Every script but the smallest (under 1 KB, not worth it) arrives gzipped.
  let compressed = 0;
  for (const url of scripts) {
    const script = await request.get(new URL(url).pathname, { headers: { "Accept-Encoding": "gzip" } });
    if (script.headers()["content-encoding"] === "gzip") compressed += 1;
    else expect((await script.body()).length, url).toBeLessThan(1024);
  }
  expect(compressed).toBeGreaterThan(0);
});

test("a malformed address and an unknown method are refused, not errors; the API says so as problem details", async ({
  request,
}) => {
  const bad = await request.get("/%", { maxRedirects: 0 });
  expect(bad.status()).toBe(400);
  // The lenders' API says so as it says every error: as a problem document.
  const badApi = await request.get("/api/v1/referrals/%E0%A4%A", { maxRedirects: 0 });
  expect(badApi.status()).toBe(400);
  expect(badApi.headers()["content-type"]).toContain("application/problem+json");
  expect(((await badApi.json()) as { status: number }).status).toBe(400);
  const trace = await request.fetch("/", { method: "TRACE" });
  expect(trace.status()).toBe(405);
  expect(trace.headers().allow).toContain("POST");
});

test("an open redirect after log-in is refused", async ({ page }) => {
  await page.goto("/login?redirectTo=//evil.example/steal");
  await page.getByLabel("E-mail").fill(DEMO_ACCOUNTS.cascadePrecision);
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page).toHaveURL(/localhost:\d+\/merchant$/);
});

test("the public pages and the admin pages pass an accessibility check", async ({ page }) => {
  for (const path of ["/", "/login", "/forgot-password"]) {
    await page.goto(path);
    await expectAccessible(page);
  }
  await logIn(page, DEMO_ACCOUNTS.admin);
  for (const path of [
    "/admin",
    "/admin/partners",
    "/admin/funnel",
    "/admin/users",
    "/admin/outbox",
    "/admin/audit",
    "/settings/password",
  ]) {
    await page.goto(path);
    await expectAccessible(page);
  }
});

test("the main pages hydrate without a single CSP violation", async ({ page }) => {
  // A refused eval is swallowed by the code that tried it (zod probes `new Function`), so the
  // console guard alone could miss it: listen for the violation events themselves.
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { cspViolations: string[] }).cspViolations = seen;
    document.addEventListener("securitypolicyviolation", (event) =>
      seen.push(`${event.violatedDirective} ${event.blockedURI}`),
    );
  });
  const violationsOn = async (path: string) => {
    await page.goto(path);
    await page.waitForLoadState("networkidle");
    return page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations);
  };
  for (const path of ["/", "/login", "/signup", "/forgot-password"]) {
    expect(await violationsOn(path), path).toEqual([]);
  }
  const byRole: [string, string[]][] = [
    [
      DEMO_ACCOUNTS.goldenValley,
      [
        "/merchant",
        "/merchant/profile",
        "/merchant/orders",
        "/merchant/orders/new",
        "/merchant/applications",
        "/merchant/applications/new",
        "/merchant/demographics",
        "/merchant/options",
        "/settings/password",
      ],
    ],
    [DEMO_ACCOUNTS.harborlineAdmin, ["/lender", "/lender/products/new", "/lender/team"]],
    [DEMO_ACCOUNTS.admin, ["/admin", "/admin/partners/new", "/admin/users", "/admin/audit"]],
  ];
  for (const [email, paths] of byRole) {
    await logIn(page, email);
    expect(await violationsOn("/settings/password"), "after log-in").toEqual([]);
    for (const path of paths) expect(await violationsOn(path), path).toEqual([]);
    await logOut(page);
  }
});
