import "server-only";
import type { Impact, ServiceStatus, UpdateStatus } from "@/lib/constants";
import { renderMarkdown } from "@/lib/markdown";
import type { AdminIncident, AdminIncidentDetail, AdminService } from "@/lib/views/admin";
import type { Actor } from "@/lib/views/actor";
import { authorize } from "@/server/auth";
import { db } from "@/server/db";
import { getPageSettings } from "@/server/settings";

// What the admin console reads: everything, drafts and hidden services included.

export async function listAdminServices(actor: Actor | null): Promise<AdminService[]> {
  authorize(actor, "editor");
  const rows = await db().service.findMany({
    orderBy: [{ group: { position: "asc" } }, { position: "asc" }, { name: "asc" }],
    include: { group: { select: { name: true } } },
  });
  return rows.map((row) => ({ id: row.id, name: row.name, slug: row.slug, status: row.status as ServiceStatus, hidden: row.hidden, groupName: row.group?.name ?? null }));
}

function toAdminIncident(row: {
  id: string;
  title: string;
  impact: string;
  status: string;
  kind: string;
  revision: number;
  startedAt: Date;
  resolvedAt: Date | null;
  cancelledAt: Date | null;
  publishedAt: Date | null;
  updates: { id: string; status: string; body: string; displayAt: Date }[];
}): AdminIncident {
  return {
    id: row.id,
    title: row.title,
    impact: row.impact as Impact,
    status: row.status as UpdateStatus,
    kind: row.kind,
    revision: row.revision,
    startedAt: row.startedAt,
    resolvedAt: row.resolvedAt,
    cancelledAt: row.cancelledAt,
    published: row.publishedAt !== null,
    updates: row.updates.map((update) => ({ ...update, status: update.status as UpdateStatus })),
  };
}

const updatesNewestFirst = { orderBy: [{ displayAt: "desc" as const }, { createdAt: "desc" as const }], select: { id: true, status: true, body: true, displayAt: true } };

export async function listAdminIncidents(actor: Actor | null, { open }: { open: boolean }): Promise<AdminIncident[]> {
  authorize(actor, "editor");
  const rows = await db().incident.findMany({
    where: open ? { resolvedAt: null } : { resolvedAt: { not: null } },
    orderBy: { startedAt: "desc" },
    take: 50,
    include: { updates: updatesNewestFirst },
  });
  return rows.map(toAdminIncident);
}

export async function getAdminIncident(actor: Actor | null, id: string): Promise<AdminIncidentDetail | null> {
  authorize(actor, "editor");
  const [row, settings] = await Promise.all([db().incident.findUnique({ where: { id }, include: { updates: updatesNewestFirst } }), getPageSettings()]);
  if (!row) return null;
  const incident = toAdminIncident(row);
  // Rendered as the public page renders it, so the editor sees what readers see.
  return { ...incident, updates: incident.updates.map((update) => ({ ...update, html: renderMarkdown(update.body, { url: settings.url }) })) };
}
