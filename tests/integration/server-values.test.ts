// A `.server` module is replaced by an empty one in the browser bundle: a route may call one in
// its loader and action, but a value of one read while rendering is `undefined` in the browser, so
// the page hydrates with other text than the server sent (React errors 418/425, a page that
// re-renders from scratch). This test reads every route with the TypeScript compiler, follows what
// the browser keeps (every export but loader, action and headers, and the module's declarations
// they reach) and fails when any of it reads a value imported from a `.server` module. Components
// run in the browser whole: they may import types only from `.server` modules.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(__dirname, "../..");
const SERVER_ONLY_EXPORTS = new Set(["loader", "action", "headers"]);

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return files(full);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [full] : [];
  });
}

/** The names a file imports as values from `.server` modules. */
function serverValues(source: ts.SourceFile): Set<string> {
  const names = new Set<string>();
  for (const statement of source.statements) {
    if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier)) continue;
    if (!/\.server$/.test(statement.moduleSpecifier.text)) continue;
    const clause = statement.importClause;
    if (!clause || clause.isTypeOnly) continue;
    if (clause.name) names.add(clause.name.text);
    const bindings = clause.namedBindings;
    if (bindings && ts.isNamedImports(bindings))
      for (const element of bindings.elements) if (!element.isTypeOnly) names.add(element.name.text);
    if (bindings && ts.isNamespaceImport(bindings)) names.add(bindings.name.text);
  }
  return names;
}

/** A name that is not a reference: `x.name`, `{ name: … }`, `<Form name=…>`. */
function isNameOnly(n: ts.Identifier): boolean {
  const parent = n.parent;
  return (
    ((ts.isPropertyAccessExpression(parent) ||
      ts.isPropertyAssignment(parent) ||
      ts.isJsxAttribute(parent) ||
      ts.isMethodDeclaration(parent) ||
      ts.isPropertyDeclaration(parent)) &&
      parent.name === n) ||
    (ts.isBindingElement(parent) && parent.propertyName === n)
  );
}

/** The identifiers a node reads, outside type positions. */
function identifiersIn(node: ts.Node): Set<string> {
  const found = new Set<string>();
  const visit = (n: ts.Node) => {
    if (ts.isTypeNode(n) || ts.isTypeAliasDeclaration(n) || ts.isInterfaceDeclaration(n)) return;
    if (ts.isIdentifier(n) && !isNameOnly(n)) found.add(n.text);
    ts.forEachChild(n, visit);
  };
  visit(node);
  return found;
}

function declaredNames(statement: ts.Statement): string[] {
  if (ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement))
    return statement.name ? [statement.name.text] : [];
  if (ts.isVariableStatement(statement))
    return statement.declarationList.declarations.flatMap((d) =>
      ts.isIdentifier(d.name) ? [d.name.text] : [],
    );
  return [];
}

const isExported = (statement: ts.Statement) =>
  ts.canHaveModifiers(statement) &&
  (ts.getModifiers(statement) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);

/** What of the file the browser keeps that reads a `.server` value: "name (in what)" each. */
function browserReadsOfServerValues(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true);
  const server = serverValues(source);
  if (server.size === 0) return [];
  const declarations = new Map<string, ts.Statement>();
  const roots: ts.Statement[] = [];
  for (const statement of source.statements) {
    if (ts.isImportDeclaration(statement)) continue;
    const names = declaredNames(statement);
    for (const name of names) declarations.set(name, statement);
    const serverOnly = names.length > 0 && names.every((n) => SERVER_ONLY_EXPORTS.has(n));
    if ((isExported(statement) || ts.isExportAssignment(statement)) && !serverOnly) roots.push(statement);
  }
  const kept = new Set<ts.Statement>();
  const queue = [...roots];
  while (queue.length > 0) {
    const statement = queue.pop() as ts.Statement;
    if (kept.has(statement)) continue;
    kept.add(statement);
    for (const name of identifiersIn(statement)) {
      const declaration = declarations.get(name);
      if (declaration && !kept.has(declaration)) queue.push(declaration);
    }
  }
  return [...kept].flatMap((statement) => {
    const where = declaredNames(statement)[0] ?? "default export";
    return [...identifiersIn(statement)]
      .filter((name) => server.has(name))
      .map((name) => `${name} (in ${where})`);
  });
}

describe("values of .server modules", () => {
  it("are never read by what a route keeps for the browser", () => {
    const found = files(path.join(ROOT, "app/routes")).flatMap((file) =>
      browserReadsOfServerValues(file).map((read) => `${path.relative(ROOT, file)}: ${read}`),
    );
    expect(found).toEqual([]);
  });

  it("are never imported by a component", () => {
    const found = files(path.join(ROOT, "app/components")).flatMap((file) => {
      const source = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true);
      return [...serverValues(source)].map((name) => `${path.relative(ROOT, file)}: ${name}`);
    });
    expect(found).toEqual([]);
  });
});
