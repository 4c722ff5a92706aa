import { apiRoute } from "@/server/manage-api/http";
import { createIncident, listIncidents } from "@/server/manage-api/incidents";

// Statuspage's manage API: /api/v1/pages/{page_id}/incidents.
export const GET = apiRoute<{ pageId: string }>({ role: "editor" }, ({ query }) => listIncidents("all", query));

export const POST = apiRoute<{ pageId: string }>({ role: "editor", idempotent: true }, ({ actor, body }) => createIncident(actor, body));
