import { z } from 'zod';

// Checks real answers against the API's own OpenAPI document (issue #11, item 12). The JSON Schemas of the
// document are turned into zod schemas with zod 4's z.fromJSONSchema (zod is already a dependency; the ajv in
// node_modules is eslint's draft-07 ajv 6, not ours to rely on). OpenAPI 3.1 schemas are JSON Schema 2020-12:
// references to #/components/schemas/X become #/$defs/X of one self-contained schema.

export interface OpenApiOperation {
  operationId?: string;
  parameters?: {
    name: string;
    in: 'path' | 'query' | 'header' | 'cookie';
    required?: boolean;
    schema?: JsonSchema;
  }[];
  requestBody?: { required?: boolean; content: Record<string, { schema?: JsonSchema }> };
  responses: Record<string, { content?: Record<string, { schema?: JsonSchema }> }>;
  security?: Record<string, string[]>[];
}

export type JsonSchema = Record<string, unknown>;

export interface OpenApiDocument {
  openapi: string;
  paths: Record<string, Record<string, OpenApiOperation>>;
  components: { schemas: Record<string, JsonSchema> };
}

const rewriteRefs = <T>(value: T): T =>
  JSON.parse(JSON.stringify(value).replaceAll('"#/components/schemas/', '"#/$defs/')) as T;

/** Every operation of the document, as `METHOD /path` (the path as the document spells it). */
export function operationsOf(doc: OpenApiDocument): string[] {
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`),
  );
}

/** A JSON Schema of the document (with its references) as a zod schema. */
export function schemaValidator(doc: OpenApiDocument) {
  const defs = rewriteRefs(doc.components.schemas);
  const cache = new Map<JsonSchema, z.ZodType>();
  return (schema: JsonSchema): z.ZodType => {
    let zod = cache.get(schema);
    if (!zod) {
      zod = z.fromJSONSchema({ ...rewriteRefs(schema), $defs: defs } as never);
      cache.set(schema, zod);
    }
    return zod;
  };
}

export interface RealResponse {
  status: number;
  headers: Headers;
  body: unknown;
}

/**
 * What is wrong with a real answer to `operation` by the document: an undocumented status, an undocumented
 * content type, or a JSON body outside the response schema. Empty when it conforms.
 */
export function contractProblems(
  doc: OpenApiDocument,
  operation: string,
  res: RealResponse,
  toZod = schemaValidator(doc),
): string[] {
  const [method, path] = operation.split(' ') as [string, string];
  const op = doc.paths[path]?.[method.toLowerCase()];
  if (!op) return [`${operation} is not in the document`];
  const documented = op.responses[String(res.status)] ?? op.responses.default;
  if (!documented) {
    return [
      `${operation}: status ${res.status} is not documented (documented: ${Object.keys(op.responses).join(', ')})` +
        `; body ${JSON.stringify(res.body)?.slice(0, 300)}`,
    ];
  }
  const contentType = res.headers.get('content-type')?.split(';')[0]?.trim().toLowerCase();
  if (!documented.content || Object.keys(documented.content).length === 0) {
    // 204 and 304 carry no body.
    if (res.body !== '' && res.body !== null && res.body !== undefined) {
      return [`${operation}: ${res.status} documents no body but one came (${contentType})`];
    }
    return [];
  }
  const entry = contentType ? documented.content[contentType] : undefined;
  if (!entry) {
    return [
      `${operation}: ${res.status} content type ${contentType} is not documented ` +
        `(documented: ${Object.keys(documented.content).join(', ')})`,
    ];
  }
  if (!entry.schema || !/json/.test(contentType!)) return [];
  const result = toZod(entry.schema).safeParse(res.body);
  if (result.success) return [];
  return result.error.issues
    .slice(0, 5)
    .map(
      (i) =>
        `${operation} ${res.status}: body at ${i.path.join('.') || '(root)'}: ${i.message} ` +
        `(value: ${JSON.stringify(valueAt(res.body, i.path))?.slice(0, 200)})`,
    );
}

function valueAt(value: unknown, path: PropertyKey[]): unknown {
  let v = value;
  for (const key of path) v = (v as Record<PropertyKey, unknown> | undefined)?.[key];
  return v;
}
