import { apiRoute } from "@/server/manage-api/http";
import { getIncidentResponse, removeIncident, updateIncident } from "@/server/manage-api/incidents";

type Params = { pageId: string; incidentId: string };

export const GET = apiRoute<Params>({ role: "editor" }, ({ params }) => getIncidentResponse(params.incidentId));

export const PATCH = apiRoute<Params>({ role: "editor" }, ({ actor, request, params, body }) => updateIncident(actor, request, params.incidentId, body));

// Statuspage accepts PUT for the same partial update.
export const PUT = PATCH;

export const DELETE = apiRoute<Params>({ role: "admin" }, ({ actor, request, params }) => removeIncident(actor, request, params.incidentId));
