// `npm run sanctions:load -- --sdn path/sdn.csv [--alt path/alt.csv] [--date YYYY-MM-DD]`
// Loads a version of OFAC's SDN list from the files OFAC publishes (legacy CSV format) and
// re-screens every live application and funded deal against it (docs/design/sanctions.md).
// The list date defaults to the sdn.csv file's modification day.
import "./load-env";
import { readFileSync, statSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { loadSdnList } from "~/domain/sanctions/lists.server";
import { rescreenAfterLoad } from "~/domain/sanctions/review.server";
import { prisma } from "~/utils/db.server";

const { values } = parseArgs({
  options: { sdn: { type: "string" }, alt: { type: "string" }, date: { type: "string" } },
});
if (!values.sdn) {
  console.error(
    "Usage: npm run sanctions:load -- --sdn path/sdn.csv [--alt path/alt.csv] [--date YYYY-MM-DD]",
  );
  process.exit(1);
}
const listDay = values.date ?? statSync(values.sdn).mtime.toISOString().slice(0, 10);
if (!/^\d{4}-\d{2}-\d{2}$/.test(listDay)) {
  console.error("--date must be YYYY-MM-DD, the day OFAC published the list.");
  process.exit(1);
}
try {
  const outcome = await loadSdnList(prisma, {
    sdn: readFileSync(values.sdn),
    alt: values.alt ? readFileSync(values.alt) : undefined,
    listDate: new Date(`${listDay}T00:00:00.000Z`),
    fileName: path.basename(values.sdn),
  });
  const { list } = outcome;
  console.info(
    `${outcome.status === "loaded" ? "Loaded" : "Already loaded"}: OFAC SDN of ${listDay}, ${list.entryCount} entries, ${list.aliasCount} aliases, sha256 ${list.sha256}`,
  );
  if (outcome.status === "loaded") {
    const rescreened = await rescreenAfterLoad(prisma, { list, actor: null });
    console.info(
      `Re-screened ${rescreened.applications} live applications and funded deals (${rescreened.names} names): ${rescreened.openHits} new potential matches for review.`,
    );
  }
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await prisma.$disconnect();
}
