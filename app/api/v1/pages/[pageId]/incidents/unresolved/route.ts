import { apiRoute } from "@/server/manage-api/http";
import { listIncidents } from "@/server/manage-api/incidents";

export const GET = apiRoute<{ pageId: string }>({ role: "editor" }, ({ query }) => listIncidents("unresolved", query));
