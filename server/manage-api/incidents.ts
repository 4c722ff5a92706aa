import "server-only";
import { stripBidiControls } from "@/lib/bidi";
import type { Impact, IncidentKind, ServiceStatus, UpdateStatus } from "@/lib/constants";
import {
  createIncidentSchema,
  deleteIncidentSchema,
  listIncidentsQuery,
  updateIncidentSchema,
  updateIncidentUpdateSchema,
} from "@/lib/schemas/manage-api/incidents";
import { databaseProvider, env } from "@/lib/env";
import { apiManageIncident, incidentEtag } from "@/lib/statuspage";
import type { ApiKeyActor } from "@/lib/views/actor";
import type { ServiceView } from "@/lib/views/services";
import { db, writeTransaction } from "@/server/db";
import type { Prisma } from "@/server/generated/sqlite/client";
import { editIncident } from "@/server/incident-edits";
import { correctUpdate, openIncident, planMaintenance, postUpdate, publishIncident } from "@/server/incident-updates";
import { setAdvice } from "@/server/advice";
import { rescheduleMaintenance } from "@/server/maintenance";
import { ApiError, apiJson, requireIfMatch } from "@/server/manage-api/http";
import { mutation, MutationError, parseInput } from "@/server/mutation";
import { getPageSettings } from "@/server/settings";

// The write API's incidents (Statuspage's manage API): reads see everything a console
// editor sees, drafts and hidden components included; writes are the console's own
// mutations run with the key as the actor, so both share one pipeline and one audit log.

const include = {
  services: { select: { serviceId: true } },
  updates: {
    orderBy: [{ displayAt: "desc" }, { createdAt: "desc" }],
    include: { changes: { include: { service: { select: { name: true, slug: true, position: true } } } }, notification: { select: { id: true } } },
  },
} satisfies Prisma.IncidentInclude;

type Row = Prisma.IncidentGetPayload<{ include: typeof include }>;

async function allServices(): Promise<ServiceView[]> {
  const rows = await db().service.findMany({ include: { group: { select: { name: true } } }, orderBy: [{ position: "asc" }, { name: "asc" }] });
  return rows.map((row) => ({
    id: row.id,
    slug: row.slug,
    name: stripBidiControls(row.name),
    description: row.description,
    status: row.status as ServiceStatus,
    groupId: row.groupId,
    groupName: row.group?.name ?? null,
    position: row.position,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  }));
}

function toSource(row: Row, services: Map<string, ServiceView>) {
  return {
    id: row.id,
    kind: row.kind as IncidentKind,
    title: row.title,
    impact: row.impact as Impact,
    status: row.status as UpdateStatus,
    startedAt: row.startedAt,
    resolvedAt: row.resolvedAt,
    scheduledStart: row.scheduledStart,
    scheduledEnd: row.scheduledEnd,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    services: row.services.flatMap((link) => {
      const service = services.get(link.serviceId);
      return service ? [{ id: service.id, slug: service.slug, name: service.name }] : [];
    }),
    updates: row.updates.map((update) => ({
      id: update.id,
      status: update.status as UpdateStatus,
      body: update.body,
      displayAt: update.displayAt,
      createdAt: update.createdAt,
      updatedAt: update.updatedAt,
      correctedAt: update.correctedAt,
      changes: update.changes
        .sort((a, b) => a.service.position - b.service.position)
        .map((change) => ({
          serviceId: change.serviceId,
          serviceName: change.service.name,
          serviceSlug: change.service.slug,
          oldStatus: change.oldStatus as ServiceStatus,
          newStatus: change.newStatus as ServiceStatus,
        })),
    })),
    draft: row.publishedAt === null,
    notify: row.notify,
    backfilled: row.backfilled,
    autoStart: row.autoStart,
    autoComplete: row.autoComplete,
    remindBeforeMinutes: row.remindBeforeMinutes,
    remindedAt: row.remindedAt,
    cancelledAt: row.cancelledAt,
    silentUpdateIds: new Set(row.updates.filter((update) => !update.notification).map((update) => update.id)),
    advice: row.advice ? { body: row.advice } : null,
    // A draft postmortem is the console's; the API object shows a published one only.
    postmortem: row.postmortemBody && row.postmortemPublishedAt ? { body: row.postmortemBody, publishedAt: row.postmortemPublishedAt } : null,
  };
}

/** Rows as incident objects, with what they need read once. */
async function present(rows: Row[]) {
  const [settings, services] = await Promise.all([getPageSettings(), allServices()]);
  const byId = new Map(services.map((service) => [service.id, service]));
  return rows.map((row) => apiManageIncident(toSource(row, byId), settings, services));
}

const notFound = () => new ApiError(404, "There is no incident with this id. It may have been deleted.");

async function findRow(id: string): Promise<Row> {
  const row = id.length <= 64 ? await db().incident.findUnique({ where: { id }, include }) : null;
  if (!row) throw notFound();
  return row;
}

/** One incident's answer, with its ETag for If-Match. */
async function incidentResponse(id: string, status = 200): Promise<Response> {
  const row = await findRow(id);
  const [incident] = await present([row]);
  return apiJson(incident, status, { ETag: incidentEtag(row) });
}

// --- reads ---------------------------------------------------------------------------

export type IncidentList = "all" | "unresolved" | "scheduled" | "upcoming" | "active_maintenance";

const LISTS: Record<IncidentList, { where: Prisma.IncidentWhereInput; orderBy: Prisma.IncidentOrderByWithRelationInput[] }> = {
  all: { where: {}, orderBy: [{ startedAt: "desc" }, { id: "desc" }] },
  unresolved: { where: { kind: "incident", resolvedAt: null }, orderBy: [{ startedAt: "desc" }, { id: "desc" }] },
  scheduled: { where: { kind: "maintenance", status: "scheduled" }, orderBy: [{ scheduledStart: "asc" }, { id: "asc" }] },
  upcoming: { where: { kind: "maintenance", status: "scheduled" }, orderBy: [{ scheduledStart: "asc" }, { id: "asc" }] },
  active_maintenance: { where: { kind: "maintenance", status: { in: ["in_progress", "verifying"] } }, orderBy: [{ scheduledStart: "asc" }, { id: "asc" }] },
};

/** Case-blind: SQLite's LIKE is already (for ASCII); PostgreSQL needs to be asked. */
function containing(value: string): Prisma.StringFilter {
  if (databaseProvider(env().DATABASE_URL) !== "postgresql") return { contains: value };
  // The SQLite client's types lack `mode`; the PostgreSQL client the code runs with has it.
  return { contains: value, mode: "insensitive" } as unknown as Prisma.StringFilter;
}

/** A list, newest first (maintenance soonest first); `all` takes q, limit and page. */
export async function listIncidents(list: IncidentList, query: URLSearchParams): Promise<Response> {
  const { where, orderBy } = LISTS[list];
  const { q, limit, page } = list === "all" ? parseInput(listIncidentsQuery, Object.fromEntries(query)) : { q: undefined, limit: 100, page: 1 };
  const extra: Prisma.IncidentWhereInput = list === "upcoming" ? { scheduledStart: { gt: new Date() } } : {};
  const search: Prisma.IncidentWhereInput = q ? { OR: [{ title: containing(q) }, { updates: { some: { body: containing(q) } } }] } : {};
  const rows = await db().incident.findMany({ where: { AND: [where, extra, search] }, orderBy, take: limit, skip: (page - 1) * limit, include });
  return apiJson(await present(rows));
}

export function getIncidentResponse(id: string): Promise<Response> {
  return incidentResponse(id);
}

// --- the incident's own fields (edits: server/incident-edits.ts) --------------------------

/** Deletes an incident with its updates; it leaves every public page, feed and the API. */
export const deleteIncident = mutation({ role: "admin", schema: deleteIncidentSchema, audit: "incident", public: true }, async ({ tx, data, audit }) => {
  const incident = await tx.incident.findUnique({ where: { id: data.incidentId }, include: { updates: { select: { status: true, body: true, displayAt: true } } } });
  if (!incident) throw new MutationError("not_found", "That incident no longer exists.");
  await tx.incident.delete({ where: { id: incident.id } });
  await audit({
    action: "deleted",
    entityId: incident.id,
    before: { kind: incident.kind, title: incident.title, impact: incident.impact, status: incident.status, updates: incident.updates },
    public: incident.publishedAt !== null,
  });
  return { message: "Deleted." };
});

// --- writes --------------------------------------------------------------------------

const DEFAULT_BODIES: Record<UpdateStatus, string> = {
  investigating: "We are investigating this issue.",
  identified: "The issue has been identified and a fix is being worked on.",
  monitoring: "A fix has been put in place and we are monitoring the results.",
  resolved: "This incident has been resolved.",
  scheduled: "Scheduled maintenance.",
  in_progress: "Scheduled maintenance is in progress.",
  verifying: "The maintenance is done; we are verifying the results.",
  completed: "The scheduled maintenance has been completed.",
};

/** Statuspage's computed impact: the worst status the update sets. */
function impactOf(components: Record<string, ServiceStatus> | undefined): Impact {
  const statuses = Object.values(components ?? {});
  if (statuses.includes("major_outage")) return "critical";
  if (statuses.includes("partial_outage")) return "major";
  if (statuses.includes("degraded_performance")) return "minor";
  return "none";
}

/** The console's field names, as the API calls them, for refusals from the mutations. */
const API_FIELDS: Record<string, string> = {
  title: "name",
  impact: "impact_override",
  body: "body",
  status: "status",
  displayAt: "display_at",
  displayAtIso: "display_at",
  services: "component_ids",
  scheduledFor: "scheduled_for",
  scheduledStart: "scheduled_for",
  scheduledUntil: "scheduled_until",
  scheduledEnd: "scheduled_until",
  remindBeforeMinutes: "scheduled_remind_prior",
  autoStart: "scheduled_auto_in_progress",
  autoComplete: "scheduled_auto_completed",
  notify: "deliver_notifications",
};

/** Runs a mutation, renaming the fields of its refusals to the API's (`incident.name`, `incident.components.<id>`). */
async function asApi<T>(wrapper: string, work: () => Promise<T>, renames: Record<string, string> = {}): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (!(error instanceof MutationError) || !error.fieldErrors) throw error;
    const fields: Record<string, string> = {};
    for (const [field, message] of Object.entries(error.fieldErrors)) {
      const name = field.startsWith("affected.") ? `components.${field.slice("affected.".length)}` : (renames[field] ?? API_FIELDS[field] ?? field);
      fields[`${wrapper}.${name}`] = message;
    }
    throw new MutationError(error.code, error.message, fields);
  }
}

/** Names the components that do not exist, as a field refusal rather than a bare "not found". */
async function assertComponents(ids: string[]) {
  if (ids.length === 0) return;
  const found = new Set((await db().service.findMany({ where: { id: { in: ids } }, select: { id: true } })).map((service) => service.id));
  const unknown = ids.filter((candidate) => !found.has(candidate));
  if (unknown.length) throw new ApiError(422, "Some fields are not valid; see `fields` for each.", { "incident.component_ids": `No component has the id ${unknown.join(", ")}.` });
}

/** POST incidents: an incident (openIncident) or scheduled maintenance (planMaintenance). */
export async function createIncident(actor: ApiKeyActor, body: Record<string, unknown>): Promise<Response> {
  const { incident: input } = parseInput(createIncidentSchema, body);
  const publish = input.draft ? "draft" : "now";
  const services = input.component_ids ?? [];
  await assertComponents([...new Set([...services, ...Object.keys(input.components ?? {})])]);
  // One transaction: the incident and its advice are written together or not at all.
  const incidentId = await writeTransaction(async (tx) => {
    let incidentId: string;
    if (input.scheduled_for) {
      ({ incidentId } = await asApi("incident", () =>
        planMaintenance.within(tx, actor, {
          publish,
          title: input.name,
          impact: input.impact_override ?? "none",
          body: input.body ?? DEFAULT_BODIES.scheduled,
          scheduledFor: input.scheduled_for,
          scheduledUntil: input.scheduled_until,
          services: [...new Set([...services, ...Object.keys(input.components ?? {})])],
          autoStart: input.scheduled_auto_in_progress ?? false,
          autoComplete: input.scheduled_auto_completed ?? false,
          remindBeforeMinutes: input.scheduled_remind_prior ?? null,
          announceBeforeMinutes: input.scheduled_announce_prior ?? null,
          notify: input.deliver_notifications ?? true,
        }),
      ));
    } else {
      const status = input.status ?? (input.backfilled ? "resolved" : "investigating");
      const backfillAt = input.backfill_date && (input.backfill_date.includes("T") ? input.backfill_date : `${input.backfill_date}T00:00:00Z`);
      ({ incidentId } = await asApi(
        "incident",
        () =>
          openIncident.within(tx, actor, {
            publish,
            title: input.name,
            impact: input.impact_override ?? impactOf(input.components),
            status,
            body: input.body ?? DEFAULT_BODIES[status],
            displayAtIso: backfillAt,
            affected: input.components ?? {},
            services,
            notify: input.deliver_notifications,
            backfilled: input.backfilled,
          }),
        { displayAtIso: input.backfilled ? "backfill_date" : "display_at" },
      ));
    }
    if (input.advice) {
      const { revision } = await tx.incident.findUniqueOrThrow({ where: { id: incidentId }, select: { revision: true } });
      await asApi("incident", () => setAdvice.within(tx, actor, { incidentId, revision, advice: input.advice }));
    }
    return incidentId;
  });
  return incidentResponse(incidentId, 201);
}

/**
 * PATCH/PUT incidents/{id}: edits, moves the window, posts the next update, publishes:
 * each step a mutation, all in one transaction, so a step refused leaves nothing of the
 * others behind (a 422 on the status once kept the new name).
 */
export async function updateIncident(actor: ApiKeyActor, request: Request, id: string, body: Record<string, unknown>): Promise<Response> {
  const row = await findRow(id);
  requireIfMatch(request, incidentEtag(row));
  const { incident: input } = parseInput(updateIncidentSchema, body);
  const maintenance = row.kind === "maintenance";
  if (!maintenance && (input.scheduled_for || input.scheduled_until)) {
    throw new ApiError(422, "Only scheduled maintenance has a schedule to move.", { "incident.scheduled_for": "Only for scheduled maintenance." });
  }
  const components = input.components ?? {};
  const services = input.component_ids ? [...new Set([...input.component_ids, ...Object.keys(components)])] : undefined;
  await assertComponents(services ?? Object.keys(components));
  const ifMatch = request.headers.has("if-match");

  await writeTransaction(async (tx) => {
    // The first step claims the revision If-Match named (or the one just read); a change in between is a 412.
    let revision = row.revision;
    const step = async (work: () => Promise<unknown>, renames?: Record<string, string>) => {
      try {
        await asApi("incident", work, renames);
      } catch (error) {
        if (error instanceof MutationError && error.code === "conflict" && ifMatch) {
          throw new ApiError(412, "This incident was changed since you read it (If-Match does not match). Fetch it again, then retry your change.");
        }
        throw error;
      }
      revision = (await tx.incident.findUnique({ where: { id }, select: { revision: true } }))?.revision ?? revision;
    };

    await step(() =>
      editIncident.within(tx, actor, {
        incidentId: id,
        revision,
        title: input.name,
        impact: input.impact_override,
        services,
        autoStart: input.scheduled_auto_in_progress,
        autoComplete: input.scheduled_auto_completed,
        remindBeforeMinutes: input.scheduled_remind_prior,
      }),
    );
    if (input.scheduled_for || input.scheduled_until) {
      await step(() =>
        rescheduleMaintenance.within(tx, actor, {
          incidentId: id,
          revision,
          scheduledFor: input.scheduled_for ?? row.scheduledStart!.toISOString(),
          scheduledUntil: input.scheduled_until ?? row.scheduledEnd!.toISOString(),
        }),
      );
    }
    if (input.status !== undefined || input.body !== undefined || Object.keys(components).length > 0) {
      const status = input.status ?? (row.status as UpdateStatus);
      await step(() =>
        postUpdate.within(tx, actor, { incidentId: id, revision, status, body: input.body ?? DEFAULT_BODIES[status], affected: components, notify: input.deliver_notifications }),
      );
    }
    if (input.advice !== undefined) await step(() => setAdvice.within(tx, actor, { incidentId: id, revision, advice: input.advice }));
    if (input.draft === false && row.publishedAt === null) await step(() => publishIncident.within(tx, actor, { incidentId: id, revision }));
  });
  return incidentResponse(id);
}

/** DELETE incidents/{id}: answers with the incident as it was, as Statuspage does. */
export async function removeIncident(actor: ApiKeyActor, request: Request, id: string): Promise<Response> {
  const row = await findRow(id);
  requireIfMatch(request, incidentEtag(row));
  const [incident] = await present([row]);
  await deleteIncident.run(actor, { incidentId: id });
  return apiJson(incident);
}

/** PATCH incidents/{id}/incident_updates/{updateId}: corrects an update's text or display time. */
export async function correctIncidentUpdate(actor: ApiKeyActor, request: Request, incidentId: string, updateId: string, body: Record<string, unknown>): Promise<Response> {
  const row = await findRow(incidentId);
  if (!row.updates.some((update) => update.id === updateId)) throw new ApiError(404, "This incident has no update with this id.");
  requireIfMatch(request, incidentEtag(row));
  const { incident_update: input } = parseInput(updateIncidentUpdateSchema, body);
  await asApi("incident_update", () => correctUpdate.run(actor, { updateId, revision: row.revision, body: input.body, displayAtIso: input.display_at }), { displayAtIso: "display_at" });
  const fresh = await findRow(incidentId);
  const [incident] = await present([fresh]);
  const update = incident.incident_updates.find((candidate) => candidate.id === updateId);
  if (!update) throw notFound();
  return apiJson(update, 200, { ETag: incidentEtag(fresh) });
}
