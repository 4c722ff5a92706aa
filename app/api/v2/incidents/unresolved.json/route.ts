import { preflightResponse } from "@/lib/http-cache";
import { apiRoute } from "@/server/status-api";

export const dynamic = "force-dynamic";
export const GET = apiRoute("incidents/unresolved");
export const OPTIONS = preflightResponse;
