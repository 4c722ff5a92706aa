import "server-only";
import type { z } from "zod";
import type { ServiceStatus } from "@/lib/constants";
import { fieldErrorsOf, type FormState } from "@/lib/schemas/forms";
import { INCIDENT_STATUSES, MAINTENANCE_STATUSES } from "@/lib/constants";
import { correctUpdateSchema, openIncidentSchema, planMaintenanceSchema, postUpdateSchema, publishSchema, serviceStatusSchema } from "@/lib/schemas/admin";
import { zonedTime } from "@/lib/time";
import { audit } from "@/server/audit";
import { authorize, type Actor } from "@/server/auth";
import { db, type Tx } from "@/server/db";
import { enqueueNotification } from "@/server/outbox";
import { recordPublicChange } from "@/server/settings";

// Every admin write, in one order: authorise, validate with the form's own schema,
// write with its audit entry and the public version bump in one transaction, return
// { ok, error }.

/** A datetime-local value ("2011-06-17T08:30") read in the page's time zone. */
async function wallClock(tx: Tx, value: string): Promise<Date> {
  const settings = await tx.pageSettings.findUnique({ where: { id: 1 }, select: { timeZone: true } });
  const [date, time] = value.split("T");
  const [year, month, day] = date.split("-").map(Number);
  const [hour, minute] = time.split(":").map(Number);
  return zonedTime(year, month, day, settings?.timeZone ?? "UTC", hour, minute);
}

/** A display time from a datetime-local value in the page's zone; undefined means now. */
async function resolveDisplayAt(tx: Tx, value: string | undefined): Promise<Date | { error: string }> {
  if (!value) return new Date();
  const at = await wallClock(tx, value);
  if (Number.isNaN(at.getTime())) return { error: "Enter a real date and time." };
  if (at.getTime() > Date.now() + 5 * 60_000) return { error: "A display time cannot be in the future." };
  return at;
}

/**
 * Records the per-service statuses an update sets, and applies them unless the
 * incident is a draft: a draft's changes wait for publication (publishIncident).
 */
async function applyServiceChanges(tx: Tx, updateId: string, incidentId: string, affected: Record<string, ServiceStatus>, at: Date, apply = true) {
  const services = await tx.service.findMany({ where: { id: { in: Object.keys(affected) } } });
  if (services.length !== Object.keys(affected).length) return { error: "One of the services no longer exists. Reload the page." };
  const changes = [];
  for (const service of services) {
    const newStatus = affected[service.id];
    if (service.status === newStatus) continue;
    changes.push({ serviceId: service.id, oldStatus: service.status, newStatus });
    await tx.updateServiceChange.create({ data: { updateId, serviceId: service.id, oldStatus: service.status, newStatus } });
    if (apply) await setStatus(tx, service.id, newStatus, at, incidentId);
  }
  return { changes };
}

async function setStatus(tx: Tx, serviceId: string, status: string, at: Date, incidentId: string | null) {
  await tx.statusChange.create({ data: { serviceId, status, at, incidentId } });
  await tx.service.update({ where: { id: serviceId }, data: { status } });
}

class Refusal extends Error {
  constructor(readonly state: FormState) {
    super(state.error);
  }
}

function invalid(error: z.ZodError, values: Record<string, unknown>): FormState {
  return { ok: false, error: "Check the highlighted fields.", fieldErrors: fieldErrorsOf(error), values };
}

/** One click: a service's new status, recorded in its history. */
export async function setServiceStatus(actor: Actor | null, input: Record<string, unknown>): Promise<FormState> {
  const who = authorize(actor, "editor");
  const parsed = serviceStatusSchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error, input);
  const { serviceId, status } = parsed.data;
  return db().$transaction(async (tx) => {
    const service = await tx.service.findUnique({ where: { id: serviceId } });
    if (!service) return { ok: false, error: "That service no longer exists. Reload the page." };
    if (service.status === status) return { ok: true, message: `${service.name} is already ${status.replace(/_/g, " ")}.` };
    const now = new Date();
    await setStatus(tx, serviceId, status, now, null);
    await audit(tx, { actorId: who.id, action: "status_changed", entityType: "service", entityId: serviceId, before: { status: service.status }, after: { status } });
    await recordPublicChange(tx);
    return { ok: true, message: `${service.name} is now ${status.replace(/_/g, " ")}.` };
  });
}

/** Opens an incident with its first update, published at once. */
export async function openIncident(actor: Actor | null, input: Record<string, unknown>): Promise<FormState & { incidentId?: string }> {
  const who = authorize(actor, "editor");
  const parsed = openIncidentSchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error, input);
  const data = parsed.data;
  const serviceIds = [...new Set([...data.services, ...Object.keys(data.affected)])];
  try {
    return await db().$transaction(async (tx) => {
      const displayAt = await resolveDisplayAt(tx, data.displayAt);
      if ("error" in displayAt) throw new Refusal({ ok: false, error: "Check the highlighted fields.", fieldErrors: { displayAt: displayAt.error }, values: input });
      const known = await tx.service.count({ where: { id: { in: serviceIds } } });
      if (known !== serviceIds.length) throw new Refusal({ ok: false, error: "One of the services no longer exists. Reload the page.", values: input });
      const resolved = data.status === "resolved";
      const draft = data.publish === "draft";
      const incident = await tx.incident.create({
        data: {
          kind: "incident",
          title: data.title,
          impact: data.impact,
          status: data.status,
          startedAt: displayAt,
          resolvedAt: resolved ? displayAt : null,
          publishedAt: draft ? null : new Date(),
          services: { create: serviceIds.map((serviceId) => ({ serviceId })) },
        },
      });
      const update = await tx.incidentUpdate.create({ data: { incidentId: incident.id, status: data.status, body: data.body, displayAt } });
      const applied = await applyServiceChanges(tx, update.id, incident.id, data.affected, displayAt, !draft);
      if ("error" in applied) throw new Refusal({ ok: false, error: applied.error, values: input });
      await audit(tx, {
        actorId: who.id,
        action: draft ? "drafted" : "opened",
        entityType: "incident",
        entityId: incident.id,
        after: { title: data.title, impact: data.impact, status: data.status, body: data.body, displayAt, services: serviceIds, changes: applied.changes },
      });
      if (!draft) {
        await enqueueNotification(tx, update.id);
        await recordPublicChange(tx);
      }
      return { ok: true, incidentId: incident.id, message: draft ? "Saved as a draft: the public cannot see it yet." : "The incident is published." };
    });
  } catch (error) {
    if (error instanceof Refusal) return error.state;
    throw error;
  }
}

/** A further update; refused if someone else changed the incident since the form was opened. */
export async function postUpdate(actor: Actor | null, input: Record<string, unknown>): Promise<FormState> {
  const who = authorize(actor, "editor");
  const parsed = postUpdateSchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error, input);
  const data = parsed.data;
  try {
    return await db().$transaction(async (tx) => {
      const incident = await tx.incident.findUnique({ where: { id: data.incidentId }, include: { services: true } });
      if (!incident) throw new Refusal({ ok: false, error: "That incident no longer exists.", values: input });
      const allowed: readonly string[] = incident.kind === "maintenance" ? MAINTENANCE_STATUSES : INCIDENT_STATUSES;
      if (!allowed.includes(data.status)) {
        throw new Refusal({ ok: false, error: "Check the highlighted fields.", fieldErrors: { status: "Choose one of the statuses offered." }, values: input });
      }
      // Only the writer whose revision still matches may move it on.
      await claimRevision(tx, incident.id, data.revision, input);
      const displayAt = await resolveDisplayAt(tx, data.displayAt);
      if ("error" in displayAt) throw new Refusal({ ok: false, error: "Check the highlighted fields.", fieldErrors: { displayAt: displayAt.error }, values: input });
      const update = await tx.incidentUpdate.create({ data: { incidentId: incident.id, status: data.status, body: data.body, displayAt } });
      const applied = await applyServiceChanges(tx, update.id, incident.id, data.affected, displayAt, incident.publishedAt !== null);
      if ("error" in applied) throw new Refusal({ ok: false, error: applied.error, values: input });
      const linked = new Set(incident.services.map((link) => link.serviceId));
      for (const serviceId of Object.keys(data.affected)) {
        if (!linked.has(serviceId)) await tx.incidentService.create({ data: { incidentId: incident.id, serviceId } });
      }
      const resolved = data.status === "resolved" || data.status === "completed";
      await tx.incident.update({
        where: { id: incident.id },
        data: { status: data.status, resolvedAt: resolved ? (incident.resolvedAt ?? displayAt) : null },
      });
      await audit(tx, {
        actorId: who.id,
        action: "update_posted",
        entityType: "incident",
        entityId: incident.id,
        before: { status: incident.status, resolvedAt: incident.resolvedAt },
        after: { updateId: update.id, status: data.status, body: data.body, displayAt, changes: applied.changes },
      });
      if (incident.publishedAt === null) return { ok: true, message: "Added to the draft." };
      await enqueueNotification(tx, update.id);
      await recordPublicChange(tx);
      return { ok: true, message: resolved ? `${data.status === "completed" ? "Completed" : "Resolved"}, and published.` : "Update published." };
    });
  } catch (error) {
    if (error instanceof Refusal) return error.state;
    throw error;
  }
}

/** Claims the incident at the revision the admin saw, or refuses: someone else changed it. */
async function claimRevision(tx: Tx, incidentId: string, revision: number, values: Record<string, unknown>) {
  const claimed = await tx.incident.updateMany({ where: { id: incidentId, revision }, data: { revision: { increment: 1 } } });
  if (claimed.count === 0) {
    throw new Refusal({
      ok: false,
      error: "This incident changed since you opened it (someone else posted or edited). Reload to see the latest, then try again: your text is kept below.",
      values,
    });
  }
}

/** Publishes a draft: from now the public sees it, and its updates' service statuses apply. */
export async function publishIncident(actor: Actor | null, input: Record<string, unknown>): Promise<FormState> {
  const who = authorize(actor, "editor");
  const parsed = publishSchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error, input);
  try {
    return await db().$transaction(async (tx) => {
      const incident = await tx.incident.findUnique({
        where: { id: parsed.data.incidentId },
        include: { updates: { orderBy: [{ displayAt: "asc" }, { createdAt: "asc" }], include: { changes: true } } },
      });
      if (!incident) throw new Refusal({ ok: false, error: "That incident no longer exists." });
      if (incident.publishedAt) return { ok: true, message: "It is already published." };
      await claimRevision(tx, incident.id, parsed.data.revision, input);
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
      if (latest) await enqueueNotification(tx, latest.id);
      await audit(tx, { actorId: who.id, action: "published", entityType: "incident", entityId: incident.id, before: { publishedAt: null }, after: { published: true } });
      await recordPublicChange(tx);
      return { ok: true, message: "Published: the public pages, feeds and API show it now." };
    });
  } catch (error) {
    if (error instanceof Refusal) return error.state;
    throw error;
  }
}

/** Corrects an update's text. The public sees it marked corrected; the original stays in the audit log. */
export async function correctUpdate(actor: Actor | null, input: Record<string, unknown>): Promise<FormState> {
  const who = authorize(actor, "editor");
  const parsed = correctUpdateSchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error, input);
  const { updateId, revision, body } = parsed.data;
  try {
    return await db().$transaction(async (tx) => {
      const update = await tx.incidentUpdate.findUnique({ where: { id: updateId }, include: { incident: { select: { id: true, publishedAt: true } } } });
      if (!update) throw new Refusal({ ok: false, error: "That update no longer exists.", values: input });
      if (update.body === body) return { ok: true, message: "Nothing changed." };
      await claimRevision(tx, update.incident.id, revision, input);
      await tx.incidentUpdate.update({ where: { id: updateId }, data: { body, correctedAt: new Date() } });
      await audit(tx, { actorId: who.id, action: "update_corrected", entityType: "incident_update", entityId: updateId, before: { body: update.body }, after: { body } });
      if (update.incident.publishedAt) await recordPublicChange(tx);
      return { ok: true, message: "Correction saved; the update is marked as corrected." };
    });
  } catch (error) {
    if (error instanceof Refusal) return error.state;
    throw error;
  }
}

/** Plans a maintenance window and announces it; statuses change when it starts. */
export async function planMaintenance(actor: Actor | null, input: Record<string, unknown>): Promise<FormState & { incidentId?: string }> {
  const who = authorize(actor, "editor");
  const parsed = planMaintenanceSchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error, input);
  const data = parsed.data;
  try {
    return await db().$transaction(async (tx) => {
      const start = await wallClock(tx, data.scheduledStart);
      const end = await wallClock(tx, data.scheduledEnd);
      const known = await tx.service.count({ where: { id: { in: data.services } } });
      if (known !== data.services.length) throw new Refusal({ ok: false, error: "One of the services no longer exists. Reload the page.", values: input });
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
          publishedAt: draft ? null : new Date(),
          services: { create: data.services.map((serviceId) => ({ serviceId })) },
          updates: { create: { status: "scheduled", body: data.body, displayAt: new Date() } },
        },
        include: { updates: { select: { id: true } } },
      });
      await audit(tx, {
        actorId: who.id,
        action: draft ? "drafted" : "planned",
        entityType: "maintenance",
        entityId: window.id,
        after: { title: data.title, scheduledStart: start, scheduledEnd: end, services: data.services },
      });
      if (!draft) {
        await enqueueNotification(tx, window.updates[0].id);
        await recordPublicChange(tx);
      }
      return { ok: true, incidentId: window.id, message: draft ? "Saved as a draft." : "Maintenance announced." };
    });
  } catch (error) {
    if (error instanceof Refusal) return error.state;
    throw error;
  }
}
