import { notFoundJson } from "@/lib/api-errors";

// Any other path under /api, whatever the method: a JSON answer, never an HTML page.
const notFound = () => notFoundJson("There is no API endpoint at this address. See /api/v2/summary.json.");

export const GET = notFound;
export const HEAD = notFound;
export const POST = notFound;
export const PUT = notFound;
export const PATCH = notFound;
export const DELETE = notFound;
