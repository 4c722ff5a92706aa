import { apiRoute } from "@/server/manage-api/http";
import { revertPublishedPostmortem } from "@/server/manage-api/postmortems";

type Params = { pageId: string; incidentId: string };

export const PUT = apiRoute<Params>({ role: "editor" }, ({ actor, request, params }) => revertPublishedPostmortem(actor, request, params.incidentId));
