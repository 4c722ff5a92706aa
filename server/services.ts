import "server-only";
import { stripBidiControls } from "@/lib/bidi";
import type { ServiceStatus } from "@/lib/constants";
import type { ServiceDetailView, ServiceGroupView, ServiceOption, ServiceView } from "@/lib/views/services";
import type { PageSettingsView } from "@/lib/views/settings";
import { db, lastKnown } from "@/server/db";
import { visibleService } from "@/server/public-visibility";
import { getPageSettings } from "@/server/settings";

const serviceSelect = {
  id: true,
  slug: true,
  name: true,
  description: true,
  status: true,
  position: true,
  groupId: true,
  createdAt: true,
  updatedAt: true,
  group: { select: { name: true } },
} as const;

type ServiceRow = {
  id: string;
  slug: string;
  name: string;
  description: string;
  status: string;
  position: number;
  groupId: string | null;
  createdAt: Date;
  updatedAt: Date;
  group: { name: string } | null;
};

function toServiceView(row: ServiceRow): ServiceView {
  return {
    id: row.id,
    slug: row.slug,
    name: stripBidiControls(row.name),
    description: stripBidiControls(row.description),
    status: row.status as ServiceStatus,
    groupId: row.groupId,
    groupName: row.group ? stripBidiControls(row.group.name) : null,
    position: row.position,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

/** Visible services in page order: groups and standalone services interleaved by position. */
export async function listServiceGroups(): Promise<ServiceGroupView[]> {
  const [groups, services] = await Promise.all([
    db().serviceGroup.findMany({ orderBy: [{ position: "asc" }, { name: "asc" }] }),
    db().service.findMany({
      where: visibleService,
      orderBy: [{ position: "asc" }, { name: "asc" }],
      select: serviceSelect,
    }),
  ]);
  const entries: { position: number; view: ServiceGroupView }[] = [];
  for (const group of groups) {
    const members = services.filter((service) => service.groupId === group.id).map(toServiceView);
    if (members.length === 0) continue;
    entries.push({
      position: group.position,
      view: { ...group, name: stripBidiControls(group.name), description: stripBidiControls(group.description), services: members },
    });
  }
  for (const service of services.filter((candidate) => candidate.groupId === null)) {
    entries.push({
      position: service.position,
      view: {
        id: null,
        name: null,
        description: "",
        position: service.position,
        createdAt: service.createdAt,
        updatedAt: service.updatedAt,
        services: [toServiceView(service)],
      },
    });
  }
  return entries.sort((a, b) => a.position - b.position).map((entry) => entry.view);
}

export async function getService(slug: string): Promise<ServiceDetailView | null> {
  const row = await db().service.findFirst({
    where: { slug, ...visibleService },
    select: { ...serviceSelect, statusChanges: { orderBy: [{ at: "desc" }, { id: "desc" }], take: 1, select: { at: true } } },
  });
  return row ? { ...toServiceView(row), statusSince: row.statusChanges[0]?.at ?? null } : null;
}

/** The services a reader may choose to hear about, in the status page's order. */
export async function serviceOptions(): Promise<ServiceOption[]> {
  const groups = await listServiceGroups();
  return groups.flatMap((group) => group.services.map((service) => ({ id: service.id, name: service.name, group: group.name })));
}

/**
 * What the subscribe page shows. The choices come from the last known services while the
 * database is down, so that sending the form then answers with its message rather than an error page.
 */
export async function subscribeFormData(): Promise<{ settings: PageSettingsView; services: ServiceOption[] }> {
  const [settings, services] = await Promise.all([getPageSettings(), lastKnown("subscribe:services", serviceOptions, [])]);
  return { settings, services };
}
