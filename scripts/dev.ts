// `npm run dev`: the local Plaid sandbox (PLAID_ENV=local) and Remix's dev server with rebuilds.
import { startChild, startPlaidSandbox, superviseChildren } from "./services";

startPlaidSandbox();
superviseChildren(
  startChild("npx", ["remix", "dev", "--manual", "-c", "node --watch-path=./build server.js"]),
);
