import "server-only";
import { INCIDENT_STATUSES, MAINTENANCE_STATUSES, type ServiceStatus } from "@/lib/constants";
import { correctUpdateSchema, openIncidentSchema, planMaintenanceSchema, postUpdateSchema, publishSchema, serviceStatusSchema } from "@/lib/schemas/admin";
import { announceMinutes, reminderMinutes } from "@/lib/schemas/maintenance";
import { zonedTime } from "@/lib/time";
import type { Tx } from "@/server/db";
import { enqueueNotification } from "@/server/delivery/outbox";
import { CHECK_FIELDS, mutation, MutationError } from "@/server/mutation";

// The editors' writes about what is happening: service statuses, incidents, maintenance.
// Each is a pipeline mutation (server/mutation.ts); a draft is audited but not public.

/** A wall clock as the schemas hand it over ("2011-06-17T08:30", from "17 June 2011 08:30" typed), read in the page's time zone. */
async function wallClock(tx: Tx, value: string): Promise<Date> {
  const settings = await tx.pageSettings.findUnique({ where: { id: 1 }, select: { timeZone: true } });
  const [date, time] = value.split("T");
  const [year, month, day] = date.split("-").map(Number);
  const [hour, minute] = time.split(":").map(Number);
  return zonedTime(year, month, day, settings?.timeZone ?? "UTC", hour, minute);
}

/** A display time from the console's wall clock in the page's zone, or the API's ISO instant; neither means now. */
async function resolveDisplayAt(tx: Tx, value: string | undefined, iso?: string): Promise<Date> {
  if (!value && !iso) return new Date();
  const field = iso ? "displayAtIso" : "displayAt";
  const at = iso ? new Date(iso) : await wallClock(tx, value!);
  if (Number.isNaN(at.getTime())) throw new MutationError("invalid", CHECK_FIELDS, { [field]: "Enter a real date and time." });
  if (at.getTime() > Date.now() + 5 * 60_000) throw new MutationError("invalid", CHECK_FIELDS, { [field]: "A display time cannot be in the future." });
  return at;
}

const servicesGone = () => new MutationError("not_found", "One of the services no longer exists. Reload the page.");

/** Refuses when any of `ids` names a service deleted since the form was drawn. */
async function assertServicesExist(tx: Tx, ids: string[]) {
  if ((await tx.service.count({ where: { id: { in: ids } } })) !== ids.length) throw servicesGone();
}

/**
 * Records the per-service statuses an update sets, and applies them unless the
 * incident is a draft: a draft's changes wait for publication (publishIncident).
 */
export async function applyServiceChanges(tx: Tx, updateId: string, incidentId: string, affected: Record<string, ServiceStatus>, at: Date, apply = true) {
  const services = await tx.service.findMany({ where: { id: { in: Object.keys(affected) } } });
  if (services.length !== Object.keys(affected).length) throw servicesGone();
  const changes = [];
  for (const service of services) {
    const newStatus = affected[service.id];
    if (service.status === newStatus) continue;
    changes.push({ serviceId: service.id, oldStatus: service.status, newStatus });
    await tx.updateServiceChange.create({ data: { updateId, serviceId: service.id, oldStatus: service.status, newStatus } });
    if (apply) await setStatus(tx, service.id, newStatus, at, incidentId);
  }
  return changes;
}

async function setStatus(tx: Tx, serviceId: string, status: string, at: Date, incidentId: string | null) {
  await tx.statusChange.create({ data: { serviceId, status, at, incidentId } });
  await tx.service.update({ where: { id: serviceId }, data: { status } });
}

/** Claims the incident at the revision the admin saw, or refuses: someone else changed it. */
export async function claimRevision(tx: Tx, incidentId: string, revision: number) {
  const claimed = await tx.incident.updateMany({ where: { id: incidentId, revision }, data: { revision: { increment: 1 } } });
  if (claimed.count === 0) {
    throw new MutationError(
      "conflict",
      "This incident changed since you opened it (someone else posted or edited). Reload to see the latest, then try again: your text is kept below.",
    );
  }
}

/** One click: a service's new status, recorded in its history. */
export const setServiceStatus = mutation({ role: "editor", schema: serviceStatusSchema, audit: "service", public: true }, async ({ tx, data: { serviceId, status }, audit }) => {
  const service = await tx.service.findUnique({ where: { id: serviceId } });
  if (!service) throw new MutationError("not_found", "That service no longer exists. Reload the page.");
  if (service.status === status) return { message: `${service.name} is already ${status.replace(/_/g, " ")}.` };
  await setStatus(tx, serviceId, status, new Date(), null);
  await audit({ action: "status_changed", entityId: serviceId, before: { status: service.status }, after: { status } });
  return { message: `${service.name} is now ${status.replace(/_/g, " ")}.` };
});

/** Opens an incident with its first update, published at once unless saved as a draft. */
export const openIncident = mutation({ role: "editor", schema: openIncidentSchema, audit: "incident", public: true }, async ({ tx, data, audit }) => {
  const serviceIds = [...new Set([...data.services, ...Object.keys(data.affected)])];
  const displayAt = await resolveDisplayAt(tx, data.displayAt, data.displayAtIso);
  await assertServicesExist(tx, serviceIds);
  const resolved = data.status === "resolved";
  const draft = data.publish === "draft";
  // Posted after the fact: it tells no one, and the services' statuses today are left alone.
  const backfilled = data.backfilled === true;
  const notify = data.notify !== false && !backfilled;
  const incident = await tx.incident.create({
    data: {
      kind: "incident",
      title: data.title,
      impact: data.impact,
      status: data.status,
      startedAt: displayAt,
      resolvedAt: resolved ? displayAt : null,
      publishedAt: draft ? null : new Date(),
      notify,
      backfilled,
      services: { create: serviceIds.map((serviceId) => ({ serviceId })) },
    },
  });
  const update = await tx.incidentUpdate.create({ data: { incidentId: incident.id, status: data.status, body: data.body, displayAt } });
  const changes = backfilled ? [] : await applyServiceChanges(tx, update.id, incident.id, data.affected, displayAt, !draft);
  await audit({
    action: draft ? "drafted" : "opened",
    entityId: incident.id,
    after: { title: data.title, impact: data.impact, status: data.status, body: data.body, displayAt, services: serviceIds, changes, ...(notify ? {} : { notify }), ...(backfilled ? { backfilled } : {}) },
    public: !draft,
  });
  if (!draft && notify) await enqueueNotification(tx, update.id);
  return { incidentId: incident.id, message: draft ? "Saved as a draft: the public cannot see it yet." : "The incident is published." };
});

/** A further update; refused if someone else changed the incident since the form was opened. */
export const postUpdate = mutation({ role: "editor", schema: postUpdateSchema, audit: "incident", public: true }, async ({ tx, data, audit }) => {
  const incident = await tx.incident.findUnique({ where: { id: data.incidentId }, include: { services: true } });
  if (!incident) throw new MutationError("not_found", "That incident no longer exists.");
  const allowed: readonly string[] = incident.kind === "maintenance" ? MAINTENANCE_STATUSES : INCIDENT_STATUSES;
  if (!allowed.includes(data.status)) throw new MutationError("invalid", CHECK_FIELDS, { status: "Choose one of the statuses offered." });
  // Only the writer whose revision still matches may move it on.
  await claimRevision(tx, incident.id, data.revision);
  const displayAt = await resolveDisplayAt(tx, data.displayAt, data.displayAtIso);
  const published = incident.publishedAt !== null;
  const update = await tx.incidentUpdate.create({ data: { incidentId: incident.id, status: data.status, body: data.body, displayAt } });
  const changes = await applyServiceChanges(tx, update.id, incident.id, data.affected, displayAt, published);
  const linked = new Set(incident.services.map((link) => link.serviceId));
  for (const serviceId of Object.keys(data.affected)) {
    if (!linked.has(serviceId)) await tx.incidentService.create({ data: { incidentId: incident.id, serviceId } });
  }
  const resolved = data.status === "resolved" || data.status === "completed";
  await tx.incident.update({
    where: { id: incident.id },
    data: { status: data.status, resolvedAt: resolved ? (incident.resolvedAt ?? displayAt) : null },
  });
  await audit({
    action: "update_posted",
    entityId: incident.id,
    before: { status: incident.status, resolvedAt: incident.resolvedAt },
    after: { updateId: update.id, status: data.status, body: data.body, displayAt, changes },
    public: published,
  });
  if (!published) return { message: "Added to the draft." };
  // The API may silence one update; otherwise it is told as the incident was.
  if ((data.notify ?? incident.notify) && !incident.backfilled) await enqueueNotification(tx, update.id);
  return { message: resolved ? `${data.status === "completed" ? "Completed" : "Resolved"}, and published.` : "Update published." };
});

/** Publishes a draft: from now the public sees it, and its updates' service statuses apply. */
export const publishIncident = mutation({ role: "editor", schema: publishSchema, audit: "incident", public: true }, async ({ tx, data, audit }) => {
  const incident = await tx.incident.findUnique({
    where: { id: data.incidentId },
    include: { updates: { orderBy: [{ displayAt: "asc" }, { createdAt: "asc" }], include: { changes: true } } },
  });
  if (!incident) throw new MutationError("not_found", "That incident no longer exists.");
  if (incident.publishedAt) return { message: "It is already published." };
  await claimRevision(tx, incident.id, data.revision);
  for (const update of incident.updates) {
    for (const change of update.changes) {
      const service = await tx.service.findUnique({ where: { id: change.serviceId } });
      if (!service || service.status === change.newStatus) continue;
      await tx.updateServiceChange.update({ where: { id: change.id }, data: { oldStatus: service.status } });
      await setStatus(tx, service.id, change.newStatus, update.displayAt, incident.id);
    }
  }
  await tx.incident.update({ where: { id: incident.id }, data: { publishedAt: new Date() } });
  // Subscribers hear the story as it stands: the draft's latest update.
  const latest = incident.updates.at(-1);
  if (latest && incident.notify && !incident.backfilled) await enqueueNotification(tx, latest.id);
  await audit({ action: "published", entityId: incident.id, before: { publishedAt: null }, after: { published: true } });
  return { message: "Published: the public pages, feeds and API show it now." };
});

/** Corrects an update's text. The public sees it marked corrected; the original stays in the audit log. */
export const correctUpdate = mutation({ role: "editor", schema: correctUpdateSchema, audit: "incident_update", public: true }, async ({ tx, data: { updateId, revision, body, displayAtIso }, audit }) => {
  const update = await tx.incidentUpdate.findUnique({ where: { id: updateId }, include: { incident: { select: { id: true, publishedAt: true } } } });
  if (!update) throw new MutationError("not_found", "That update no longer exists.");
  const newBody = body !== undefined && body !== update.body ? body : undefined;
  const displayAt = displayAtIso === undefined ? undefined : await resolveDisplayAt(tx, undefined, displayAtIso);
  const newDisplayAt = displayAt && displayAt.getTime() !== update.displayAt.getTime() ? displayAt : undefined;
  if (newBody === undefined && newDisplayAt === undefined) return { message: "Nothing changed." };
  await claimRevision(tx, update.incident.id, revision);
  // Only a changed text marks the update corrected; a moved time is a date fixed, not words.
  await tx.incidentUpdate.update({ where: { id: updateId }, data: { ...(newBody !== undefined ? { body: newBody, correctedAt: new Date() } : {}), ...(newDisplayAt ? { displayAt: newDisplayAt } : {}) } });
  await audit({
    action: "update_corrected",
    entityId: updateId,
    before: { ...(newBody !== undefined ? { body: update.body } : {}), ...(newDisplayAt ? { displayAt: update.displayAt } : {}) },
    after: { ...(newBody !== undefined ? { body: newBody } : {}), ...(newDisplayAt ? { displayAt: newDisplayAt } : {}) },
    public: update.incident.publishedAt !== null,
  });
  return { message: newBody !== undefined ? "Correction saved; the update is marked as corrected." : "The update's time is corrected." };
});

/** A window's times as instants: the console's wall-clock values (page zone) or the API's ISO instants. */
export async function resolveWindow(tx: Tx, data: { scheduledStart?: string; scheduledEnd?: string; scheduledFor?: string; scheduledUntil?: string }) {
  const start = data.scheduledFor ? new Date(data.scheduledFor) : await wallClock(tx, data.scheduledStart ?? "");
  const end = data.scheduledUntil ? new Date(data.scheduledUntil) : await wallClock(tx, data.scheduledEnd ?? "");
  const startField = data.scheduledFor ? "scheduledFor" : "scheduledStart";
  const endField = data.scheduledUntil ? "scheduledUntil" : "scheduledEnd";
  if (Number.isNaN(start.getTime())) throw new MutationError("invalid", CHECK_FIELDS, { [startField]: "Enter a real date and time." });
  if (Number.isNaN(end.getTime())) throw new MutationError("invalid", CHECK_FIELDS, { [endField]: "Enter a real date and time." });
  // Checked again here: the schema cannot compare a wall-clock time with an instant, nor see a DST jump.
  if (end <= start) throw new MutationError("invalid", CHECK_FIELDS, { [endField]: "The end must come after the start." });
  return { start, end, startField, endField };
}

/** Plans a maintenance window and announces it; it starts, completes and reminds by itself if asked (server/maintenance.ts). */
export const planMaintenance = mutation({ role: "editor", schema: planMaintenanceSchema, audit: "maintenance", public: true }, async ({ tx, data, audit }) => {
  const { start, end } = await resolveWindow(tx, data);
  const reminder = reminderMinutes(data);
  const remindBeforeMinutes = "minutes" in reminder ? reminder.minutes : null;
  const announce = announceMinutes(data);
  const announceBeforeMinutes = "minutes" in announce ? announce.minutes : null;
  await assertServicesExist(tx, data.services);
  const draft = data.publish === "draft";
  const window = await tx.incident.create({
    data: {
      kind: "maintenance",
      title: data.title,
      impact: data.impact,
      status: "scheduled",
      startedAt: start,
      scheduledStart: start,
      scheduledEnd: end,
      autoStart: data.autoStart,
      autoComplete: data.autoComplete,
      remindBeforeMinutes,
      announceBeforeMinutes,
      notify: data.notify,
      publishedAt: draft ? null : new Date(),
      services: { create: data.services.map((serviceId) => ({ serviceId })) },
      updates: { create: { status: "scheduled", body: data.body, displayAt: new Date() } },
    },
    include: { updates: { select: { id: true } } },
  });
  await audit({
    action: draft ? "drafted" : "planned",
    entityId: window.id,
    after: { title: data.title, scheduledStart: start, scheduledEnd: end, services: data.services, autoStart: data.autoStart, autoComplete: data.autoComplete, remindBeforeMinutes, announceBeforeMinutes, notify: data.notify },
    public: !draft,
  });
  if (!draft && data.notify) await enqueueNotification(tx, window.updates[0].id);
  return { incidentId: window.id, message: draft ? "Saved as a draft." : data.notify ? "Maintenance announced." : "Maintenance announced on the page; subscribers are not told." };
});
