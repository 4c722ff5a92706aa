import type { z } from "zod";
import type { Role } from "@/lib/constants";

// One endpoint of the write API as the OpenAPI document describes it. Each resource's
// schema module (incidents.ts, components.ts, …) lists its operations with the very zod
// schemas its route handlers validate with, so the document cannot drift from the code.

export type HttpMethod = "get" | "post" | "patch" | "put" | "delete";

export interface ApiOperation {
  method: HttpMethod;
  /** OpenAPI path template, e.g. "/api/v1/pages/{page_id}/incidents/{incident_id}". */
  path: string;
  operationId: string;
  summary: string;
  description?: string;
  tag: string;
  /** The least role a key needs; null for endpoints that need no key. */
  role: Role | null;
  /** Query parameters, as a zod object. */
  query?: z.ZodObject;
  /** The request body, as the handler validates it (JSON; form-encoded bodies decode to the same). */
  body?: z.ZodType;
  /** Status code → description and, when there is one, the zod schema of the answer. */
  responses: Record<number, { description: string; schema?: z.ZodType }>;
  /** Herald's own addition rather than Statuspage's, said so in the document. */
  heraldExtension?: boolean;
}
