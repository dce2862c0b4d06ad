import { test as base, expect } from "@playwright/test";

/**
 * Every browser test fails on a console error or an uncaught exception in the page — which is
 * also how a Content-Security-Policy violation shows itself.
 */
export const test = base.extend<{ consoleGuard: undefined }>({
  consoleGuard: [
    async ({ page }, use) => {
      const problems: string[] = [];
      page.on("console", (message) => {
        // The browser reports every 4xx answer as a failed resource: those are answers the tests
        // expect (a 404 page, a 400 with field errors). Anything else, CSP refusals included, fails.
        if (message.type() !== "error") return;
        if (/^Failed to load resource: the server responded with a status of 4\d\d/.test(message.text()))
          return;
        problems.push(`console.error: ${message.text()}`);
      });
      page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
      await use(undefined);
      expect(problems, "errors in the browser console").toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
