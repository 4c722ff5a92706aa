import { statusBadge } from "@/lib/badge";
import { publicResponse } from "@/lib/http-cache";
import { rollUpStatus } from "@/lib/status";
import { listOpenIncidents } from "@/server/incidents";
import { listServiceGroups } from "@/server/services";
import { getPageSettings } from "@/server/settings";

export const dynamic = "force-dynamic";

export async function GET(request: Request) {
  const [settings, groups, open] = await Promise.all([getPageSettings(), listServiceGroups(), listOpenIncidents()]);
  const services = groups.flatMap((group) => group.services);
  const overall = rollUpStatus(services, open.map((incident) => incident.impact));
  const lastModified = new Date(Math.max(settings.updatedAt.getTime(), ...services.map((service) => service.updatedAt.getTime())));
  return publicResponse(request, statusBadge(settings.name, overall.status, overall.title), {
    contentType: "image/svg+xml; charset=utf-8",
    lastModified,
  });
}
