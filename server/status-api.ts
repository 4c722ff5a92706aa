import "server-only";
import { publicResponse } from "@/lib/http-cache";
import { apiComponents, apiIncident, apiPage, apiStatus, safeJson, type ApiInput } from "@/lib/statuspage";
import { listOpenIncidents, listOpenMaintenance, listRecent, type IncidentView } from "@/server/incidents";
import { listServiceGroups } from "@/server/services";
import { getPageSettings } from "@/server/settings";

// The Statuspage-compatible API (/api/v2/*): the same public queries as the pages,
// so nothing the pages hide can leak through the API.

async function load(): Promise<ApiInput> {
  const [settings, groups] = await Promise.all([getPageSettings(), listServiceGroups()]);
  return { settings, groups };
}

function lastUpdate(input: ApiInput, incidents: IncidentView[]): Date {
  const times = [
    input.settings.updatedAt,
    ...input.groups.flatMap((group) => group.services.map((service) => service.updatedAt)),
    ...incidents.flatMap((incident) => [incident.updatedAt, ...incident.updates.map((update) => update.updatedAt)]),
  ];
  return new Date(Math.max(...times.map((time) => time.getTime())));
}

const isUpcoming = (window: IncidentView) => window.status === "scheduled";
const isActive = (window: IncidentView) => window.status === "in_progress" || window.status === "verifying";

export type ApiEndpoint =
  | "summary"
  | "status"
  | "components"
  | "incidents"
  | "incidents/unresolved"
  | "scheduled-maintenances"
  | "scheduled-maintenances/upcoming"
  | "scheduled-maintenances/active";

export async function statusApi(endpoint: ApiEndpoint): Promise<{ body: Record<string, unknown>; lastModified: Date }> {
  const input = await load();
  const incidentList = (incidents: IncidentView[]) => incidents.map((incident) => apiIncident(incident, input));
  const respond = (incidents: IncidentView[], rest: Record<string, unknown>) => {
    const lastModified = lastUpdate(input, incidents);
    return { body: { page: apiPage(input.settings, lastModified), ...rest }, lastModified };
  };

  switch (endpoint) {
    case "summary":
    case "status": {
      const [open, maintenance] = await Promise.all([listOpenIncidents(), listOpenMaintenance()]);
      const status = apiStatus(input, open.map((incident) => incident.impact), maintenance.some(isActive));
      if (endpoint === "status") return respond([...open, ...maintenance], { status });
      return respond([...open, ...maintenance], {
        components: apiComponents(input),
        incidents: incidentList(open),
        scheduled_maintenances: incidentList(maintenance.filter((window) => isUpcoming(window) || isActive(window))),
        status,
      });
    }
    case "components":
      return respond([], { components: apiComponents(input) });
    case "incidents": {
      const incidents = await listRecent("incident");
      return respond(incidents, { incidents: incidentList(incidents) });
    }
    case "incidents/unresolved": {
      const incidents = await listOpenIncidents();
      return respond(incidents, { incidents: incidentList(incidents) });
    }
    case "scheduled-maintenances":
    case "scheduled-maintenances/upcoming":
    case "scheduled-maintenances/active": {
      const windows =
        endpoint === "scheduled-maintenances"
          ? await listRecent("maintenance")
          : (await listOpenMaintenance()).filter(endpoint.endsWith("upcoming") ? isUpcoming : isActive);
      return respond(windows, { scheduled_maintenances: incidentList(windows) });
    }
  }
}

/** A GET handler for one endpoint: JSON, CORS, ETag and 304. */
export function apiRoute(endpoint: ApiEndpoint) {
  return async function GET(request: Request): Promise<Response> {
    const { body, lastModified } = await statusApi(endpoint);
    return publicResponse(request, safeJson(body), { contentType: "application/json; charset=utf-8", lastModified });
  };
}
