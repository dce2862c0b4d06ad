// `npm start`: set up (first run: secrets, database, demo data), build, and serve on PORT (3000).
import { execFileSync, spawn } from "node:child_process";
import { setup } from "./setup";

await setup();
console.info("Building the app…");
execFileSync("npx", ["remix", "build"], {
  stdio: ["ignore", "ignore", "inherit"],
  env: { ...process.env, NODE_ENV: "production" },
});
const server = spawn(process.execPath, ["server.js"], {
  stdio: "inherit",
  env: { ...process.env, NODE_ENV: "production" },
});
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));
