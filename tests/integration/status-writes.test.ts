// Every `status` column is written by one function, `transition` / `createInStatus`
// (app/domain/workflow/transition.server.ts), which checks the workflow's table and writes the
// audit event. This test reads the source with the TypeScript compiler and fails when any other
// code writes a status: a Prisma create/update/upsert whose data names `status`, or SQL that sets
// or inserts "status".
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(__dirname, "../..");
const SCANNED = ["app", "scripts"];
const SKIPPED_DIRS = new Set(["generated", "plaid-sandbox", "bench", "node_modules"]);
const THE_GUARD = "app/domain/workflow/transition.server.ts";
const WRITE_METHODS = new Set([
  "create",
  "createMany",
  "createManyAndReturn",
  "update",
  "updateMany",
  "updateManyAndReturn",
  "upsert",
]);
const DATA_KEYS = new Set(["data", "create", "update"]);
const SQL_WRITE =
  /\bUPDATE\s+"?\w+"?\s+SET\b[^;]*"?\bstatus"?\s*=|\bINSERT\s+INTO\s+"?\w+"?\s*\([^)]*"status"/is;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return SKIPPED_DIRS.has(name) ? [] : sourceFiles(full);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [full] : [];
  });
}

function propertyName(node: ts.ObjectLiteralElementLike): string | null {
  if (!node.name) return null;
  if (ts.isIdentifier(node.name) || ts.isStringLiteral(node.name)) return node.name.text;
  return null;
}

/** Whether an object literal (or an array of them, or nested relation writes) names `status`. */
function namesStatus(node: ts.Node): boolean {
  if (ts.isObjectLiteralExpression(node)) {
    return node.properties.some((p) => {
      const name = propertyName(p);
      if (name === "status") return true;
      if (name === "where" || name === "select") return false;
      return ts.isPropertyAssignment(p) ? namesStatus(p.initializer) : false;
    });
  }
  if (ts.isArrayLiteralExpression(node)) return node.elements.some(namesStatus);
  if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression))
    return node.arguments.some(namesStatus); // orders.map((o) => ({ status })) and the like
  if (ts.isArrowFunction(node)) return namesStatus(node.body);
  if (ts.isParenthesizedExpression(node)) return namesStatus(node.expression);
  return false;
}

function statusWrites(file: string, text: string): string[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const where = (node: ts.Node) =>
    `${file}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
  const visit = (node: ts.Node) => {
    if (
      ts.isCallExpression(node) &&
      ts.isPropertyAccessExpression(node.expression) &&
      WRITE_METHODS.has(node.expression.name.text)
    ) {
      const [args] = node.arguments;
      if (args && ts.isObjectLiteralExpression(args)) {
        for (const p of args.properties) {
          const name = propertyName(p);
          if (name && DATA_KEYS.has(name) && ts.isPropertyAssignment(p) && namesStatus(p.initializer))
            found.push(where(node));
        }
      }
    }
    if (
      ts.isNoSubstitutionTemplateLiteral(node) ||
      ts.isStringLiteral(node) ||
      ts.isTemplateExpression(node)
    ) {
      if (SQL_WRITE.test(node.getText(source))) found.push(where(node));
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

function writesByFile(): Map<string, string[]> {
  const byFile = new Map<string, string[]>();
  for (const full of SCANNED.flatMap((dir) => sourceFiles(path.join(ROOT, dir)))) {
    const file = path.relative(ROOT, full);
    if (file === THE_GUARD) continue;
    const writes = statusWrites(file, readFileSync(full, "utf8"));
    if (writes.length > 0) byFile.set(file, writes);
  }
  return byFile;
}

describe("status columns are written only by the workflow guard", () => {
  it("finds no other writer", () => {
    expect([...writesByFile()].flatMap(([, writes]) => writes)).toEqual([]);
  });

  it("recognises the ways a status gets written", () => {
    const cases = [
      `tx.offer.updateMany({ where: { id }, data: { status: "DECLINED" } })`,
      `db.referral.create({ data: { applicationId, status: "NEW" } })`,
      `tx.application.create({ data: { orders: { create: orders.map((o) => ({ status: "X" })) } } })`,
      `db.bankConnection.upsert({ where: { id }, create: { id }, update: { "status": "ACTIVE" } })`,
      'db.$executeRaw`UPDATE "Offer" SET "status" = \'EXPIRED\' WHERE id = $" + "{id}`',
      `db.$executeRawUnsafe('INSERT INTO "Referral" ("id", "status") VALUES (?, ?)')`,
    ];
    for (const code of cases) expect(statusWrites("case.ts", code), code).toHaveLength(1);
    const reads = [
      `db.offer.updateMany({ where: { status: "PENDING" }, data: { expiresAt } })`,
      `db.referral.findMany({ where: { status: "NEW" }, select: { status: true } })`,
      'db.$queryRaw`SELECT "status" FROM "Offer" WHERE "status" = \'PENDING\'`',
    ];
    for (const code of reads) expect(statusWrites("case.ts", code), code).toEqual([]);
  });
});
