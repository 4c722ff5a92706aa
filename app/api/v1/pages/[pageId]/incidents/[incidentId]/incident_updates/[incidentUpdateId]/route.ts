import { apiRoute } from "@/server/manage-api/http";
import { correctIncidentUpdate } from "@/server/manage-api/incidents";

type Params = { pageId: string; incidentId: string; incidentUpdateId: string };

export const PATCH = apiRoute<Params>({ role: "editor" }, ({ actor, request, params, body }) =>
  correctIncidentUpdate(actor, request, params.incidentId, params.incidentUpdateId, body),
);

// Statuspage accepts PUT for the same partial update.
export const PUT = PATCH;
