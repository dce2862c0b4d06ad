// The human reference of the lenders' API (/developers/api), read from the same OpenAPI document
// the API serves: each operation with its parameters, body, answers and example, each schema's
// fields, and the kinds of problem. Plain data for the page; nothing is written twice.
import { apiDocument } from "./openapi.server";
import { PROBLEM_TYPES, type ProblemType } from "./problem.server";

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === "object" && value !== null && !Array.isArray(value);

const refName = (ref: string) => ref.split("/").pop() ?? ref;

/** A schema in a few words: "string (date-time) or null", "array of Offer", "one of A, B". */
export function typeInWords(schema: unknown): string {
  if (!isObject(schema)) return "any";
  if (typeof schema.$ref === "string") return refName(schema.$ref);
  if (Array.isArray(schema.anyOf)) return schema.anyOf.map(typeInWords).join(" or ");
  if (Array.isArray(schema.enum)) return `one of ${schema.enum.map(String).join(", ")}`;
  if (schema.type === "array") return `array of ${typeInWords(schema.items)}`;
  if (schema.type === "null") return "null";
  if (schema.type === "object") return "object";
  const format = typeof schema.format === "string" ? ` (${schema.format})` : "";
  return `${String(schema.type ?? "any")}${format}`;
}

export type FieldRow = { name: string; type: string; required: boolean; description: string };

function fieldsOf(schema: unknown): FieldRow[] {
  if (!isObject(schema) || !isObject(schema.properties)) return [];
  const required = new Set(Array.isArray(schema.required) ? schema.required.map(String) : []);
  return Object.entries(schema.properties).map(([name, property]) => ({
    name,
    type: typeInWords(property),
    required: required.has(name),
    description: isObject(property) && typeof property.description === "string" ? property.description : "",
  }));
}

const schemaOfContent = (content: unknown): unknown => {
  if (!isObject(content)) return undefined;
  const first = Object.values(content)[0];
  return isObject(first) ? first.schema : undefined;
};

export function apiReference() {
  const document = apiDocument() as unknown as Json;
  const info = document.info as { title: string; version: string; description: string };
  const components = (
    isObject(document.components) && isObject(document.components.schemas) ? document.components.schemas : {}
  ) as Record<string, Json>;
  const operations = Object.entries(document.paths as Record<string, Record<string, Json>>).flatMap(
    ([path, item]) =>
      Object.entries(item).map(([method, op]) => {
        const parameters = (Array.isArray(op.parameters) ? op.parameters : []) as Json[];
        const body = isObject(op.requestBody) ? schemaOfContent(op.requestBody.content) : undefined;
        const bodyName = isObject(body) && typeof body.$ref === "string" ? refName(body.$ref) : null;
        const bodySchema = bodyName ? components[bodyName] : body;
        return {
          id: String(op.operationId ?? `${method}-${path}`),
          method: method.toUpperCase(),
          path,
          summary: String(op.summary ?? ""),
          description: String(op.description ?? ""),
          tag: Array.isArray(op.tags) ? String(op.tags[0]) : "",
          parameters: parameters.map((p) => ({
            name: String(p.name),
            in: String(p.in),
            type: typeInWords(p.schema),
            required: Boolean(p.required),
            description: String(p.description ?? (isObject(p.schema) ? (p.schema.description ?? "") : "")),
          })),
          body: bodySchema
            ? {
                name: bodyName,
                fields: fieldsOf(bodySchema),
                example:
                  isObject(bodySchema) && bodySchema.example !== undefined
                    ? JSON.stringify(bodySchema.example, null, 2)
                    : null,
              }
            : null,
          responses: Object.entries((op.responses ?? {}) as Record<string, Json>).map(
            ([status, response]) => ({
              status,
              description: String(response.description ?? ""),
              contentType: isObject(response.content) ? Object.keys(response.content).join(", ") : "",
              type: response.content ? typeInWords(schemaOfContent(response.content)) : "",
            }),
          ),
        };
      }),
  );
  const schemas = Object.entries(components).map(([name, schema]) => ({
    name,
    description: typeof schema.description === "string" ? schema.description : "",
    fields: fieldsOf(schema),
    example: schema.example !== undefined ? JSON.stringify(schema.example, null, 2) : null,
  }));
  const problems = (Object.keys(PROBLEM_TYPES) as ProblemType[]).map((type) => ({
    type,
    ...PROBLEM_TYPES[type],
  }));
  return { info, operations, schemas, problems };
}
