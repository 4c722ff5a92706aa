import { apiRoute } from "@/server/manage-api/http";
import { getPostmortemResponse, putPostmortem } from "@/server/manage-api/postmortems";

type Params = { pageId: string; incidentId: string };

export const GET = apiRoute<Params>({ role: "editor" }, ({ params }) => getPostmortemResponse(params.incidentId));

export const PUT = apiRoute<Params>({ role: "editor" }, ({ actor, request, params, body }) => putPostmortem(actor, request, params.incidentId, body));
