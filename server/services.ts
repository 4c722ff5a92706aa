import "server-only";
import type { ServiceStatus } from "@/lib/constants";
import { db } from "@/server/db";

export interface ServiceView {
  id: string;
  slug: string;
  name: string;
  description: string;
  status: ServiceStatus;
  groupName: string | null;
  updatedAt: Date;
}

/** A named group of services, or (name null) one service that stands alone. */
export interface ServiceGroupView {
  id: string | null;
  name: string | null;
  description: string;
  services: ServiceView[];
}

const serviceSelect = {
  id: true,
  slug: true,
  name: true,
  description: true,
  status: true,
  position: true,
  groupId: true,
  updatedAt: true,
  group: { select: { name: true } },
} as const;

type ServiceRow = {
  id: string;
  slug: string;
  name: string;
  description: string;
  status: string;
  updatedAt: Date;
  group: { name: string } | null;
};

function toServiceView(row: ServiceRow): ServiceView {
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    description: row.description,
    status: row.status as ServiceStatus,
    groupName: row.group?.name ?? null,
    updatedAt: row.updatedAt,
  };
}

/** Visible services in page order: groups and standalone services interleaved by position. */
export async function listServiceGroups(): Promise<ServiceGroupView[]> {
  const [groups, services] = await Promise.all([
    db().serviceGroup.findMany({ orderBy: [{ position: "asc" }, { name: "asc" }] }),
    db().service.findMany({
      where: { hidden: false },
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
      view: { id: group.id, name: group.name, description: group.description, services: members },
    });
  }
  for (const service of services.filter((candidate) => candidate.groupId === null)) {
    entries.push({
      position: service.position,
      view: { id: null, name: null, description: "", services: [toServiceView(service)] },
    });
  }
  return entries.sort((a, b) => a.position - b.position).map((entry) => entry.view);
}

export async function getService(slug: string): Promise<ServiceView | null> {
  const row = await db().service.findFirst({ where: { slug, hidden: false }, select: serviceSelect });
  return row ? toServiceView(row) : null;
}
