import "server-only";
import { editIncidentSchema } from "@/lib/schemas/manage-api/incidents";
import type { Actor } from "@/lib/views/actor";
import { authorize } from "@/server/auth";
import { db } from "@/server/db";
import { mutation, MutationError } from "@/server/mutation";

// Edits of the incident itself, not of its story: its title, impact, the services it
// concerns and a window's automation. One mutation for the console and the write API.

/**
 * Edits an incident's own fields, refused when someone changed it since it was read.
 * Services only join or leave the incident: their statuses change through updates, so an
 * edit never rewrites a service's history or tells subscribers anything.
 */
export const editIncident = mutation({ role: "editor", schema: editIncidentSchema, audit: "incident", public: true }, async ({ tx, data, audit }) => {
  const incident = await tx.incident.findUnique({ where: { id: data.incidentId }, include: { services: { select: { serviceId: true } } } });
  if (!incident) throw new MutationError("not_found", "That incident no longer exists.");
  const before: Record<string, unknown> = {};
  const after: Record<string, unknown> = {};
  const change = (field: "title" | "impact" | "autoStart" | "autoComplete" | "remindBeforeMinutes", value: unknown) => {
    if (value === undefined || incident[field] === value) return;
    before[field] = incident[field];
    after[field] = value;
  };
  change("title", data.title);
  change("impact", data.impact);
  if (incident.kind === "maintenance") {
    change("autoStart", data.autoStart);
    change("autoComplete", data.autoComplete);
    change("remindBeforeMinutes", data.remindBeforeMinutes);
  } else if (data.autoStart !== undefined || data.autoComplete !== undefined || data.remindBeforeMinutes !== undefined) {
    throw new MutationError("invalid", "Only scheduled maintenance starts, completes or reminds by itself.", { scheduled_auto_in_progress: "Only for scheduled maintenance." });
  }
  const linked = incident.services.map((link) => link.serviceId).sort();
  const services = data.services && [...new Set(data.services)].sort();
  const servicesChanged = services !== undefined && services.join() !== linked.join();
  if (servicesChanged) {
    if ((await tx.service.count({ where: { id: { in: services } } })) !== services.length) throw new MutationError("not_found", "One of the services no longer exists. Reload the page.");
    before.services = linked;
    after.services = services;
  }
  if (Object.keys(after).length === 0) return { changed: false, message: "Nothing changed." };
  const fields = Object.fromEntries(Object.entries(after).filter(([field]) => field !== "services"));
  const claimed = await tx.incident.updateMany({ where: { id: incident.id, revision: data.revision }, data: { ...fields, revision: { increment: 1 } } });
  if (claimed.count === 0) {
    throw new MutationError("conflict", "This incident changed since you opened it (someone else posted or edited). Load it again, then retry: your changes are kept below.");
  }
  if (servicesChanged) {
    await tx.incidentService.deleteMany({ where: { incidentId: incident.id } });
    await tx.incidentService.createMany({ data: services.map((serviceId) => ({ incidentId: incident.id, serviceId })) });
  }
  // Feed entries show the title and the services: each of the incident's entries changed now.
  if (after.title !== undefined || servicesChanged) await tx.incidentUpdate.updateMany({ where: { incidentId: incident.id }, data: { updatedAt: new Date() } });
  await audit({ action: "edited", entityId: incident.id, before, after, public: incident.publishedAt !== null });
  return { changed: true, message: incident.publishedAt === null ? "Saved. The public sees it when the draft is published." : "Saved. The public page, feeds and API show the change." };
});

/** The services an incident concerns, for the console's edit form. */
export async function incidentServiceIds(actor: Actor | null, incidentId: string): Promise<string[]> {
  authorize(actor, "editor");
  const links = await db().incidentService.findMany({ where: { incidentId }, select: { serviceId: true } });
  return links.map((link) => link.serviceId);
}
