// Writes the lenders' API's OpenAPI document (generated from its zod schemas) to docs/openapi.json,
// the checked-in copy that tests/integration/api-contract.test.ts compares with the served one, and
// the client types generated from it to tests/support/api-types.ts.
//   npm run api:openapi             rewrite docs/openapi.json
//   npm run api:openapi -- --check  only say whether it is up to date (exit 1 when not)
import { readFileSync, writeFileSync } from "node:fs";
import { apiDocumentJson } from "~/web/api/openapi.server";
import { apiTypesSource } from "../tests/support/api-types-source";

const documentJson = apiDocumentJson();
const files = [
  { file: "docs/openapi.json", fresh: documentJson },
  { file: "tests/support/api-types.ts", fresh: await apiTypesSource(JSON.parse(documentJson)) },
];
const check = process.argv.includes("--check");
let stale = false;
for (const { file, fresh } of files) {
  let current = "";
  try {
    current = readFileSync(file, "utf8");
  } catch {
    // Not written yet.
  }
  if (current === fresh) console.log(`${file} is up to date.`);
  else if (check) {
    console.error(`${file} is out of date: run \`npm run api:openapi\` and commit it.`);
    stale = true;
  } else {
    writeFileSync(file, fresh);
    console.log(`Wrote ${file}.`);
  }
}
if (stale) process.exit(1);
