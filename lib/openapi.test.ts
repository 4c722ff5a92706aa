import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { API_OPERATIONS, buildOpenApiDocument } from "@/lib/openapi";
import { COMPONENT_NAME_MAX, COMPONENT_DESCRIPTION_MAX, createComponentSchema } from "@/lib/schemas/manage-api/components";

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const document = buildOpenApiDocument({ serverUrl: "https://status.example.com" }) as Json;
const METHODS = ["get", "post", "put", "patch", "delete"] as const;

const operations = Object.entries(document.paths as Record<string, Json>).flatMap(([route, item]) =>
  METHODS.filter((method) => item[method]).map((method) => ({ route, method, operation: item[method] as Json })),
);

/** Every value under `value`, with its JSON pointer. */
function* walk(value: unknown, pointer = "#"): Generator<[string, unknown]> {
  yield [pointer, value];
  if (value !== null && typeof value === "object") {
    for (const [key, item] of Object.entries(value)) yield* walk(item, `${pointer}/${key.replace(/~/g, "~0").replace(/\//g, "~1")}`);
  }
}

function resolve(pointer: string): unknown {
  let node: unknown = document;
  for (const raw of pointer.slice(2).split("/")) {
    const key = raw.replace(/~1/g, "/").replace(/~0/g, "~");
    if (node === null || typeof node !== "object" || !(key in node)) return undefined;
    node = (node as Json)[key];
  }
  return node;
}

// The API's routes on disk, as "METHOD /path/{param}", like lib/front.test.ts walks app/.
const root = path.join(import.meta.dirname, "..", "app");
function routesOnDisk(dir: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(path.join(root, dir), { withFileTypes: true })) {
    const here = path.join(dir, entry.name);
    if (entry.isDirectory()) found.push(...routesOnDisk(here));
    else if (/^route\.tsx?$/.test(entry.name)) {
      // [pageId] → {page_id}, as Statuspage names its parameters.
      const template = `/${dir.split(path.sep).map((segment) => segment.replace(/^\[(\w+)\]$/, (_, name: string) => `{${name.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`)}}`)).join("/")}`;
      const source = readFileSync(path.join(root, here), "utf8");
      for (const [, method] of source.matchAll(/export\s+(?:const|(?:async\s+)?function)\s+(GET|POST|PUT|PATCH|DELETE)\b/g)) found.push(`${method} ${template}`);
    }
  }
  return found;
}

describe("the OpenAPI document", () => {
  it("is OpenAPI 3.1 with JSON Schema 2020-12, a server and both ways to send a key", () => {
    expect(document.openapi).toBe("3.1.0");
    expect(document.jsonSchemaDialect).toBe("https://json-schema.org/draft/2020-12/schema");
    expect(document.servers).toEqual([{ url: "https://status.example.com" }]);
    expect(document.components.securitySchemes.OAuth).toMatchObject({ type: "apiKey", in: "header", name: "Authorization" });
    expect(document.components.securitySchemes.bearer).toMatchObject({ type: "http", scheme: "bearer" });
    expect(operations.length).toBe(API_OPERATIONS.length);
  });

  it("documents every route under app/api/v1 and app/api/v2, and nothing that is not one", () => {
    const onDisk = [...routesOnDisk(path.join("api", "v1")), ...routesOnDisk(path.join("api", "v2"))].sort();
    const documented = operations.map(({ route, method }) => `${method.toUpperCase()} ${route}`).sort();
    expect(onDisk.length).toBeGreaterThan(15);
    expect(documented).toEqual(onDisk);
  });

  it("gives every operation a unique operationId, a summary, a tag and a success answer, each answer described", () => {
    const ids = operations.map(({ operation }) => operation.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    for (const { route, method, operation } of operations) {
      const where = `${method} ${route}`;
      expect(operation.operationId, where).toMatch(/^[A-Za-z]+$/);
      expect(operation.summary, where).toBeTruthy();
      expect(operation.tags, where).toHaveLength(1);
      const codes = Object.keys(operation.responses);
      expect(codes.some((code) => code.startsWith("2")), where).toBe(true);
      for (const code of codes) {
        expect(code, where).toMatch(/^[1-5]\d\d$/);
        expect(operation.responses[code].description, `${where} ${code}`).toBeTruthy();
      }
    }
  });

  it("declares each path parameter of each template, and no other", () => {
    for (const { route, method, operation } of operations) {
      const inTemplate = [...route.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();
      const declared = ((operation.parameters ?? []) as Json[]).filter((parameter) => parameter.in === "path");
      expect(declared.map((parameter) => parameter.name).sort(), `${method} ${route}`).toEqual(inTemplate);
      for (const parameter of declared) expect(parameter.required).toBe(true);
    }
  });

  it("resolves every $ref, and keeps no $defs or $schema inside operations", () => {
    let refs = 0;
    for (const [pointer, value] of walk(document)) {
      if (value === null || typeof value !== "object") continue;
      const node = value as Json;
      if (typeof node.$ref === "string") {
        refs++;
        expect(node.$ref, pointer).toMatch(/^#\//);
        expect(resolve(node.$ref), `${pointer} → ${node.$ref}`).toBeDefined();
      }
      if (pointer.startsWith("#/paths")) {
        expect(node.$defs, pointer).toBeUndefined();
        expect(node.$schema, pointer).toBeUndefined();
      }
    }
    expect(refs).toBeGreaterThan(10);
  });

  it("asks keyed operations for a key and public ones for none; every refusal is the error shape", () => {
    for (const { route, method, operation } of operations) {
      const where = `${method} ${route}`;
      if (route.startsWith("/api/v1/pages/")) {
        expect(operation.security, where).toEqual([{ OAuth: [] }, { bearer: [] }]);
        expect(operation.responses["401"], where).toBeDefined();
      }
      if (route.startsWith("/api/v2/") || route === "/api/v1/openapi.json") expect(operation.security, where).toEqual([]);
      for (const [code, answer] of Object.entries(operation.responses as Record<string, Json>)) {
        if (Number(code) >= 400) expect(answer.content?.["application/json"]?.schema, `${where} ${code}`).toEqual({ $ref: "#/components/schemas/Error" });
      }
    }
    expect(document.components.schemas.Error).toMatchObject({ required: ["error"], properties: { error: { type: "string" }, fields: { type: "object" } } });
  });

  it("offers `?locale=` on every public read, marked as Herald's extension, and nowhere else", () => {
    for (const { route, method, operation } of operations) {
      const locale = (operation.parameters as Json[] | undefined)?.find((parameter) => parameter.name === "locale");
      if (!route.startsWith("/api/v2/")) {
        expect(locale, `${method} ${route}`).toBeUndefined();
        continue;
      }
      expect(locale, `${method} ${route}`).toMatchObject({ in: "query", required: false, schema: { type: "string", enum: ["en", "ja"] }, "x-herald-extension": true });
      expect(locale!.description).toMatch(/^Herald's extension/);
    }
    expect(document.info.description).toContain("`?locale=`");
  });

  it("takes request bodies from the zod schemas the handlers validate with, as JSON and as forms", () => {
    const create = document.paths["/api/v1/pages/{page_id}/components"].post;
    const json = create.requestBody.content["application/json"].schema;
    expect(create.requestBody.content["application/x-www-form-urlencoded"].schema).toEqual(json);
    const expected: Json = z.toJSONSchema(createComponentSchema, { target: "draft-2020-12", io: "input" });
    delete expected.$schema;
    expect(json).toEqual(expected);
    // A limit in the schema is a limit in the document.
    expect(json.properties.component.properties.name.maxLength).toBe(COMPONENT_NAME_MAX);
    expect(json.properties.component.properties.description.anyOf).toContainEqual({ type: "string", maxLength: COMPONENT_DESCRIPTION_MAX });
    expect(json.properties.component.required).toEqual(["name"]);
    expect(json.properties.component.properties.status.enum).toContain("major_outage");
  });

  it("answers with the objects' schemas, shared in components.schemas", () => {
    const get = document.paths["/api/v1/pages/{page_id}/components/{component_id}"].get;
    expect(get.responses["200"].content["application/json"].schema).toEqual({ $ref: "#/components/schemas/Component" });
    expect(get.responses["200"].headers.ETag).toBeDefined();
    const component = document.components.schemas.Component;
    for (const field of ["id", "page_id", "group_id", "created_at", "updated_at", "group", "name", "description", "position", "status", "showcase", "only_show_if_degraded", "automation_email", "start_date"]) {
      expect(component.properties, field).toHaveProperty(field);
    }
    expect(document.paths["/api/v1/pages/{page_id}/components/{component_id}"].delete.responses["204"]).toBeDefined();
    expect(document.paths["/api/v2/summary.json"].get.responses["200"].content["application/json"].schema.properties.components).toEqual({
      type: "array",
      items: { $ref: "#/components/schemas/PublicComponent" },
    });
  });

  it("marks Herald's additions: If-Match and 412, Idempotency-Key, hidden", () => {
    const component = document.paths["/api/v1/pages/{page_id}/components/{component_id}"];
    for (const method of ["patch", "put", "delete"]) {
      expect(component[method].parameters.find((parameter: Json) => parameter.name === "If-Match"), method).toMatchObject({ in: "header", "x-herald-extension": true });
      expect(component[method].responses["412"], method).toMatchObject({ "x-herald-extension": true });
    }
    expect(component.get.parameters.find((parameter: Json) => parameter.name === "If-Match")).toBeUndefined();
    const create = document.paths["/api/v1/pages/{page_id}/components"].post;
    expect(create.parameters.find((parameter: Json) => parameter.name === "Idempotency-Key")).toMatchObject({ in: "header", "x-herald-extension": true });
    expect(create.requestBody.content["application/json"].schema.properties.component.properties.hidden).toMatchObject({ "x-herald-extension": true });
    expect(document.components.schemas.Component.properties.hidden).toMatchObject({ "x-herald-extension": true });
    expect(document.info.description).toMatch(/drafts/);
  });
});
