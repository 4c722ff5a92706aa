import { preflightResponse, publicResponse } from "@/lib/http-cache";
import { openApiJson } from "@/lib/openapi";
import { getPageSettings } from "@/server/settings";

export const dynamic = "force-dynamic";

/** The API's OpenAPI 3.1 document: no key, cacheable, open to any origin (for API explorers). */
export async function GET(request: Request): Promise<Response> {
  const settings = await getPageSettings();
  return publicResponse(request, openApiJson({ serverUrl: settings.url }), { contentType: "application/json; charset=utf-8", lastModified: settings.updatedAt });
}

export const OPTIONS = preflightResponse;
