// `npm start`: set up (first run: secrets, database, demo data), build, start the local Plaid
// sandbox (PLAID_ENV=local), and serve on PORT (3000).
import { execFileSync } from "node:child_process";
import { startChild, startPlaidSandbox, superviseChildren, waitForUrl } from "./services";
import { setup } from "./setup";

await setup();
console.info("Building the app…");
execFileSync("npx", ["remix", "build"], {
  stdio: ["ignore", "ignore", "inherit"],
  env: { ...process.env, NODE_ENV: "production" },
});
if (startPlaidSandbox()) await waitForUrl(`http://127.0.0.1:${process.env.PLAID_SANDBOX_PORT ?? 4010}/`);
superviseChildren(startChild(process.execPath, ["server.js"], { ...process.env, NODE_ENV: "production" }));
