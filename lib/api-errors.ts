import { CORS_HEADERS } from "@/lib/http-cache";

/** A JSON error body a person can read, for the API, feeds and badges. */
export function errorJson(status: number, message: string): Response {
  return Response.json(
    { error: { status, message } },
    { status, headers: { ...CORS_HEADERS, "Cache-Control": "public, max-age=0, s-maxage=5" } },
  );
}

export function notFoundJson(message = "Nothing is published at this address."): Response {
  return errorJson(404, message);
}
