import { z } from "zod";
import { LOCALES } from "@/lib/i18n/locales";
import { ALERT_OPERATIONS } from "@/lib/schemas/alertmanager";
import { COMPONENT_OPERATIONS } from "@/lib/schemas/manage-api/components";
import { INCIDENT_OPERATIONS } from "@/lib/schemas/manage-api/incidents";
import type { ApiOperation } from "@/lib/schemas/manage-api/operation";
import { POSTMORTEM_OPERATIONS } from "@/lib/schemas/manage-api/postmortems";
import { STATUS_API_OPERATIONS } from "@/lib/schemas/status-api";

// The OpenAPI 3.1 document of Herald's API (GET /api/v1/openapi.json), built from the
// operation lists beside the zod schemas the handlers validate with: OpenAPI 3.1 schemas
// are JSON Schema 2020-12, which zod writes itself, so the document cannot drift from the code.

type Json = Record<string, unknown>;

export const OPENAPI_DOCUMENT_PATH = "/api/v1/openapi.json";

const DOCUMENT_OPERATION: ApiOperation = {
  method: "get",
  path: OPENAPI_DOCUMENT_PATH,
  operationId: "getOpenApiDocument",
  summary: "This OpenAPI document",
  tag: "Meta",
  role: null,
  responses: { 200: { description: "The OpenAPI 3.1 document of this server's API." } },
  heraldExtension: true,
};

/** Every documented operation: the public read API, the write API, integrations and this document. */
export const API_OPERATIONS: ApiOperation[] = [
  ...STATUS_API_OPERATIONS,
  ...INCIDENT_OPERATIONS,
  ...POSTMORTEM_OPERATIONS,
  ...COMPONENT_OPERATIONS,
  ...ALERT_OPERATIONS,
  DOCUMENT_OPERATION,
];

const HERALD_EXTENSION = "Herald's extension: not part of Statuspage's API.";

const DESCRIPTION = `Herald serves Atlassian Statuspage's APIs, so tools written for Statuspage work unchanged.

**Public read API** (\`/api/v2/*\`): no key; answers carry ETag and Last-Modified and are open to any origin.

**Write API** (\`/api/v1/pages/{page_id}/*\`, Statuspage's manage API): send a key made in the console (Settings → API keys) as \`Authorization: OAuth <key>\` (Statuspage's form) or \`Authorization: Bearer <key>\`. A key acts with its role: editor (incidents, component status) or admin (also the catalogue of components and groups, and deletions). \`page_id\` is \`page.id\` in \`GET /api/v2/summary.json\`. Bodies are JSON or Rails-style forms (\`component[name]=API&component_group[components][]=id\`), with the same fields. Every refusal is \`{"error": "<sentence>", "fields": {"<field>": "<message>"}}\`, \`fields\` only when a field is at fault (422).

**Herald's additions**, each marked \`x-herald-extension: true\`: drafts (incidents saved unpublished), \`If-Match\` with an object's \`ETag\` on PATCH, PUT and DELETE (412 when someone changed it since you read it), \`Idempotency-Key\` on POST (a retry answers the first result instead of writing twice), \`hidden\` components (kept off every public surface), and \`?locale=\` on the public read API (its text in another language: \`?locale=ja\`).`;

const errorSchema: Json = {
  type: "object",
  properties: {
    error: { type: "string", description: "What went wrong, for a person to read." },
    fields: { type: "object", additionalProperties: { type: "string" }, description: "One message per field at fault, by its path (e.g. component.name)." },
  },
  required: ["error"],
};

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

const COMMON_REFUSALS: Record<number, string> = {
  401: "No key, or one that is wrong, revoked or expired.",
  403: "The key's role does not allow this.",
  404: "No such page here (or no such object).",
  429: "Too many requests with this key; wait Retry-After seconds.",
  503: "The database cannot be reached right now; nothing was saved. Retry shortly.",
};

const BODY_REFUSALS: Record<number, string> = {
  400: "The body could not be read (not valid JSON, or not an object).",
  413: "The body is too large.",
  415: "The body is neither JSON nor a form.",
  422: "A field is not valid; `fields` says which and why.",
};

/** Turns zod schemas into JSON Schema, hoisting named ones (`.meta({ id })`) into components.schemas. */
class SchemaSet {
  readonly named: Record<string, Json> = { Error: errorSchema };

  convert(schema: z.ZodType, io: "input" | "output"): Json {
    const converted = z.toJSONSchema(schema, { target: "draft-2020-12", io, unrepresentable: "any" }) as Json;
    const { $defs, ...rest } = converted;
    delete rest.$schema;
    const renamed = new Map<string, string>();
    // Named schemas refer to one another too; a rename (rare) is followed by this operation's own refs.
    for (const [name, definition] of Object.entries(($defs ?? {}) as Record<string, Json>)) {
      renamed.set(name, this.store(name, rewriteRefs(definition, new Map()) as Json, io));
    }
    return rewriteRefs(rest, renamed) as Json;
  }

  /** Keeps a named schema; the same name with a different input shape gets an "Input" suffix. */
  private store(name: string, definition: Json, io: "input" | "output"): string {
    const existing = this.named[name];
    if (!existing || JSON.stringify(existing) === JSON.stringify(definition)) {
      this.named[name] = definition;
      return name;
    }
    const other = io === "input" ? `${name}Input` : `${name}Output`;
    this.named[other] = definition;
    return other;
  }
}

function rewriteRefs(value: unknown, renamed: Map<string, string>): unknown {
  if (Array.isArray(value)) return value.map((item) => rewriteRefs(item, renamed));
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => {
      if (key === "$ref" && typeof item === "string" && item.startsWith("#/$defs/")) {
        const name = item.slice("#/$defs/".length);
        return [key, `#/components/schemas/${renamed.get(name) ?? name}`];
      }
      return [key, rewriteRefs(item, renamed)];
    }),
  );
}

function pathParameter(name: string): Json {
  const description = name === "page_id" ? "The page's id: `page.id` in GET /api/v2/summary.json." : `The ${name.replace(/_id$/, "").replace(/_/g, " ")}'s id.`;
  return { name, in: "path", required: true, schema: { type: "string" }, description };
}

function queryParameters(operation: ApiOperation, schemas: SchemaSet): Json[] {
  if (!operation.query) return [];
  const object = schemas.convert(operation.query, "input");
  const required = new Set((object.required as string[] | undefined) ?? []);
  return Object.entries((object.properties ?? {}) as Record<string, Json>).map(([name, schema]) => ({
    name,
    in: "query",
    required: required.has(name),
    ...(typeof schema.description === "string" ? { description: schema.description } : {}),
    schema,
  }));
}

const PUBLIC_READ_PREFIX = "/api/v2/";

/** `?locale=` on the public read API: the same answer, its words in another language. */
const localeParameter: Json = {
  name: "locale",
  in: "query",
  required: false,
  description: `${HERALD_EXTENSION} The language of the answer's text: the status description, incident names, update bodies, advice, postmortems and component names, where they have been translated (the original text elsewhere). Fields and values are the same in every language. Without it, or with a language the page does not speak, the page's default language.`,
  schema: { type: "string", enum: [...LOCALES] },
  "x-herald-extension": true,
};

const etagHeader = { description: "Herald's extension: the object's version; send it back in If-Match to refuse a stale change.", schema: { type: "string" }, "x-herald-extension": true };

function operationObject(operation: ApiOperation, schemas: SchemaSet): Json {
  const keyed = operation.role !== null;
  const writes = operation.method !== "get";
  const conditional = keyed && (operation.method === "patch" || operation.method === "put" || operation.method === "delete");
  const idempotent = keyed && operation.method === "post";
  // One object's answer carries its ETag; lists and deletions do not.
  const single = operation.method !== "delete" && (/\}$/.test(operation.path) || operation.method === "post");

  const parameters: Json[] = [...[...operation.path.matchAll(/\{(\w+)\}/g)].map((match) => pathParameter(match[1])), ...queryParameters(operation, schemas)];
  if (conditional) {
    parameters.push({
      name: "If-Match",
      in: "header",
      required: false,
      description: `${HERALD_EXTENSION} The ETag you read; if the object changed since, the request is refused with 412 and nothing changes.`,
      schema: { type: "string" },
      "x-herald-extension": true,
    });
  }
  if (operation.path.startsWith(PUBLIC_READ_PREFIX)) parameters.push(localeParameter);
  if (idempotent) {
    parameters.push({
      name: "Idempotency-Key",
      in: "header",
      required: false,
      description: `${HERALD_EXTENSION} Any unique string (up to 255 printable characters). A retry with the same key and body within 24 hours answers the first result again instead of writing twice.`,
      schema: { type: "string", minLength: 1, maxLength: 255, pattern: "^[\\x21-\\x7e]+$" },
      "x-herald-extension": true,
    });
  }

  const responses: Record<string, Json> = {};
  for (const [code, { description, schema }] of Object.entries(operation.responses)) {
    const status = Number(code);
    const body = status >= 400 ? ref("Error") : schema ? schemas.convert(schema, "output") : undefined;
    const headers = keyed && single && status >= 200 && status < 300 && schema ? { ETag: etagHeader } : undefined;
    responses[code] = { description, ...(headers ? { headers } : {}), ...(body ? { content: { "application/json": { schema: body } } } : {}) };
  }
  const refuse = (code: number, description: string, extension = false) => {
    responses[code] ??= { description, content: { "application/json": { schema: ref("Error") } }, ...(extension ? { "x-herald-extension": true } : {}) };
  };
  if (keyed) for (const [code, description] of Object.entries(COMMON_REFUSALS)) refuse(Number(code), description);
  if (keyed && writes && operation.body) for (const [code, description] of Object.entries(BODY_REFUSALS)) refuse(Number(code), description);
  if (conditional) refuse(412, `${HERALD_EXTENSION} If-Match does not match the object's ETag: it changed since you read it.`, true);
  if (idempotent) refuse(409, `${HERALD_EXTENSION} A request with this Idempotency-Key is still being processed.`, true);
  if (!keyed && operation.method === "get") responses["304"] ??= { description: "Not modified since the ETag or date you sent." };

  const notes = [
    operation.description,
    keyed ? `Needs a key with the ${operation.role} role or higher.` : "Needs no key.",
    operation.heraldExtension ? HERALD_EXTENSION : undefined,
  ].filter(Boolean);

  const body = operation.body ? schemas.convert(operation.body, "input") : undefined;
  return {
    operationId: operation.operationId,
    summary: operation.summary,
    description: notes.join(" "),
    tags: [operation.tag],
    ...(parameters.length ? { parameters } : {}),
    ...(body
      ? {
          requestBody: {
            required: true,
            description: "JSON, or a form with the same fields in Rails style (`component[name]=API`, `component_group[components][]=<id>`).",
            content: { "application/json": { schema: body }, "application/x-www-form-urlencoded": { schema: body } },
          },
        }
      : {}),
    responses,
    security: keyed ? [{ OAuth: [] }, { bearer: [] }] : [],
    ...(keyed ? { "x-herald-role": operation.role } : {}),
    ...(operation.heraldExtension ? { "x-herald-extension": true } : {}),
  };
}

export interface OpenApiOptions {
  /** The page's public address, where the API is served. */
  serverUrl: string;
}

export function buildOpenApiDocument({ serverUrl }: OpenApiOptions, operations: ApiOperation[] = API_OPERATIONS): Json {
  const schemas = new SchemaSet();
  const paths: Record<string, Record<string, Json>> = {};
  for (const operation of operations) {
    (paths[operation.path] ??= {})[operation.method] = operationObject(operation, schemas);
  }
  const tags = [...new Set(operations.map((operation) => operation.tag))].map((name) => ({ name }));
  return {
    openapi: "3.1.0",
    jsonSchemaDialect: "https://json-schema.org/draft/2020-12/schema",
    info: { title: "Herald API", version: "1.0.0", description: DESCRIPTION },
    servers: [{ url: serverUrl }],
    tags,
    paths,
    components: {
      schemas: schemas.named,
      securitySchemes: {
        OAuth: { type: "apiKey", in: "header", name: "Authorization", description: "`Authorization: OAuth <key>`, as Statuspage's API takes it." },
        bearer: { type: "http", scheme: "bearer", description: "`Authorization: Bearer <key>`: the same key." },
      },
    },
  };
}

const built = new Map<string, string>();

/** The document as JSON text, built once per server address. */
export function openApiJson(options: OpenApiOptions): string {
  let json = built.get(options.serverUrl);
  if (json === undefined) {
    json = JSON.stringify(buildOpenApiDocument(options));
    built.set(options.serverUrl, json);
  }
  return json;
}
