import { apiRoute } from "@/server/manage-api/http";
import { publishPostmortem } from "@/server/manage-api/postmortems";

type Params = { pageId: string; incidentId: string };

export const PUT = apiRoute<Params>({ role: "editor" }, ({ actor, request, params, body }) => publishPostmortem(actor, request, params.incidentId, body));
