import "server-only";
import { publicResponse } from "@/lib/http-cache";
import type { Locale } from "@/lib/i18n/locales";
import { apiComponents, apiIncident, apiPage, apiStatus, safeJson } from "@/lib/statuspage";
import type { IncidentView } from "@/lib/views/incidents";
import { routeLocale } from "@/server/i18n/route-locale";
import { listRecent } from "@/server/incidents";
import { getPublicStatus, isUnderWay, isUpcoming, latestChange } from "@/server/public-status";
import { getPageSettings } from "@/server/settings";

// The Statuspage-compatible API (/api/v2/*): drawn from the public read model, like the
// pages, so nothing the pages hide can leak through the API. Incidents keep the read
// model's newest-first order, as Statuspage lists them (tools written for it may take the
// first as the latest); the pages order open ones by severity (openIncidentsBySeverity).

export type ApiEndpoint =
  | "summary"
  | "status"
  | "components"
  | "incidents"
  | "incidents/unresolved"
  | "scheduled-maintenances"
  | "scheduled-maintenances/upcoming"
  | "scheduled-maintenances/active";

/**
 * One endpoint's answer, in `locale` (Herald's `?locale=`; the page's default language
 * when not given): the same shape and values in every language, but for the words.
 */
export async function statusApi(endpoint: ApiEndpoint, locale?: Locale): Promise<{ body: Record<string, unknown>; lastModified: Date }> {
  const language = locale ?? (await getPageSettings()).defaultLocale;
  // Read for the language: names and texts in it where translated, as written elsewhere.
  const status = await getPublicStatus(language);
  // The two full lists are read only by their own endpoints.
  const recent = endpoint === "incidents" || endpoint === "scheduled-maintenances" ? await listRecent(endpoint === "incidents" ? "incident" : "maintenance", undefined, language) : [];
  const incidentList = (incidents: IncidentView[]) => incidents.map((incident) => apiIncident(incident, status));
  const respond = (incidents: IncidentView[], rest: Record<string, unknown>) => {
    const lastModified = latestChange(status, incidents);
    return { body: { page: apiPage(status.settings, lastModified), ...rest }, lastModified };
  };

  switch (endpoint) {
    case "summary":
    case "status": {
      const { openIncidents: open, maintenance } = status;
      const indicator = apiStatus(status, open.map((incident) => incident.impact), status.activeMaintenance.length > 0, language);
      if (endpoint === "status") return respond([...open, ...maintenance], { status: indicator });
      return respond([...open, ...maintenance], {
        components: apiComponents(status),
        incidents: incidentList(open),
        scheduled_maintenances: incidentList(maintenance.filter((window) => isUpcoming(window) || isUnderWay(window))),
        status: indicator,
      });
    }
    case "components":
      return respond([], { components: apiComponents(status) });
    case "incidents":
      return respond(recent, { incidents: incidentList(recent) });
    case "incidents/unresolved":
      return respond(status.openIncidents, { incidents: incidentList(status.openIncidents) });
    case "scheduled-maintenances":
      return respond(recent, { scheduled_maintenances: incidentList(recent) });
    case "scheduled-maintenances/upcoming":
      return respond(status.upcomingMaintenance, { scheduled_maintenances: incidentList(status.upcomingMaintenance) });
    case "scheduled-maintenances/active":
      return respond(status.activeMaintenance, { scheduled_maintenances: incidentList(status.activeMaintenance) });
  }
}

/** A GET handler for one endpoint: JSON, CORS, ETag and 304, in the language `?locale=` names. */
export function apiRoute(endpoint: ApiEndpoint) {
  return async function GET(request: Request): Promise<Response> {
    const locale = await routeLocale(request, new URL(request.url).searchParams.get("locale"));
    const { body, lastModified } = await statusApi(endpoint, locale);
    return publicResponse(request, safeJson(body), { contentType: "application/json; charset=utf-8", lastModified });
  };
}
