import "server-only";
import { stripBidiControls } from "@/lib/bidi";
import type { Impact, IncidentStatus, ServiceStatus } from "@/lib/constants";
import { BODY_MAX, deleteSchema, TITLE_MAX } from "@/lib/schemas/admin";
import { templateEditSchema, templateSchema } from "@/lib/schemas/templates";
import { renderTemplate } from "@/lib/templates";
import type { Actor } from "@/lib/views/actor";
import type { TemplateDraft, TemplateView } from "@/lib/views/templates";
import { authorize } from "@/server/auth";
import { db, type Tx } from "@/server/db";
import { CHECK_FIELDS, mutation, MutationError } from "@/server/mutation";

// Incident templates: admins write them; editors start incidents and updates from them;
// monitoring alerts draft incidents from a service's alert template. A template is a
// console aid, not something the public sees, so its changes are audited but not public.

/** Services in the order the page lists them, so "{{services}}" reads as the page does. */
const PAGE_ORDER = [{ group: { position: "asc" as const } }, { position: "asc" as const }, { name: "asc" as const }];

const templateInclude = {
  services: { include: { service: { select: { id: true, name: true, position: true, group: { select: { position: true } } } } } },
  alertServices: { select: { id: true, name: true }, orderBy: PAGE_ORDER },
};

type TemplateRow = NonNullable<Awaited<ReturnType<typeof findTemplate>>>;

function findTemplate(tx: Tx, id: string) {
  return tx.incidentTemplate.findUnique({ where: { id }, include: templateInclude });
}

function toView(row: TemplateRow): TemplateView {
  const services = [...row.services].sort(
    (a, b) =>
      (a.service.group?.position ?? Number.MAX_SAFE_INTEGER) - (b.service.group?.position ?? Number.MAX_SAFE_INTEGER) ||
      a.service.position - b.service.position ||
      a.service.name.localeCompare(b.service.name),
  );
  return {
    id: row.id,
    name: row.name,
    title: row.title,
    body: row.body,
    status: row.status as IncidentStatus,
    impact: row.impact as Impact,
    notify: row.notify,
    services: services.map((link) => ({ id: link.service.id, name: link.service.name, status: link.status as ServiceStatus })),
    alertServices: row.alertServices,
    updatedAt: row.updatedAt,
  };
}

/** Every template, by name. Editors read them to start from one; admins manage them. */
export async function listTemplates(actor: Actor | null): Promise<TemplateView[]> {
  authorize(actor, "editor");
  const rows = await db().incidentTemplate.findMany({ orderBy: { name: "asc" }, include: templateInclude });
  return rows.map(toView);
}

export async function getTemplate(actor: Actor | null, id: string): Promise<TemplateView | null> {
  authorize(actor, "editor");
  const row = await findTemplate(db(), id);
  return row ? toView(row) : null;
}

// --- drafts ---------------------------------------------------------------------------

/** The status a service gets when a draft affects it but its template does not say. */
const STATUS_FOR_IMPACT: Record<Impact, ServiceStatus> = {
  none: "degraded_performance",
  minor: "degraded_performance",
  major: "partial_outage",
  critical: "major_outage",
};

/** Used when there is no template: plain words a person edits before publishing. */
export const BUILT_IN_TEMPLATE = {
  title: "Problems with {{services}}",
  body: "We are looking into a problem with {{services}}.\n\nWe will post an update here as soon as we know more.",
  alertBody: "We are looking into a problem with {{services}}: our monitoring alerted us to {{alert}}.\n\nWe will post an update here as soon as we know more.",
  status: "investigating" as IncidentStatus,
  impact: "minor" as Impact,
};

function clip(value: string, max: number) {
  return value.length <= max ? value : `${value.slice(0, max - 1).trimEnd()}…`;
}

interface DraftInput {
  templateId: string | null;
  /** Services the draft affects besides the template's own (an alert's services). */
  serviceIds: string[];
  /** The alert's name or summary, for {{alert}}. */
  alert?: string;
}

async function draftFrom(tx: Tx, template: TemplateRow | null, { serviceIds, alert }: Omit<DraftInput, "templateId">, mention: string[] = []): Promise<TemplateDraft> {
  const status = (template?.status ?? BUILT_IN_TEMPLATE.status) as IncidentStatus;
  const impact = (template?.impact ?? BUILT_IN_TEMPLATE.impact) as Impact;
  const affected: Record<string, ServiceStatus> = {};
  for (const link of template?.services ?? []) affected[link.serviceId] = link.status as ServiceStatus;
  const firstStatus = template ? toView(template).services[0]?.status : undefined;
  for (const serviceId of serviceIds) affected[serviceId] ??= firstStatus ?? STATUS_FOR_IMPACT[impact];

  // Deleted services drop out; the names follow the page's order.
  const named = Object.keys(affected).length > 0 ? Object.keys(affected) : mention;
  const [services, settings] = await Promise.all([
    tx.service.findMany({ where: { id: { in: [...new Set([...Object.keys(affected), ...named])] } }, orderBy: PAGE_ORDER, select: { id: true, name: true, hidden: true } }),
    tx.pageSettings.findUnique({ where: { id: 1 }, select: { name: true } }),
  ]);
  const existing = new Set(services.map((service) => service.id));
  for (const serviceId of Object.keys(affected)) if (!existing.has(serviceId)) delete affected[serviceId];
  const context = {
    // Words a person may publish: a hidden service is never named in them.
    services: services.filter((service) => named.includes(service.id) && !service.hidden).map((service) => service.name),
    page: settings?.name ?? "",
    status,
    impact,
    // Monitoring's text gets the checks typed text gets: no control or bidi characters.
    alert: alert === undefined ? undefined : stripBidiControls(alert).replace(/[\u0000-\u001F\u007F]+/g, " ").replace(/\s+/g, " "),
  };
  const title = template?.title ?? BUILT_IN_TEMPLATE.title;
  const body = template?.body ?? (alert?.trim() ? BUILT_IN_TEMPLATE.alertBody : BUILT_IN_TEMPLATE.body);
  return {
    templateId: template?.id ?? null,
    templateName: template?.name ?? null,
    title: clip(renderTemplate(title, context).replace(/\s+/g, " ").trim(), TITLE_MAX),
    body: clip(renderTemplate(body, context, { markdown: true }).trim(), BODY_MAX),
    status,
    impact,
    notify: template?.notify ?? true,
    affected,
  };
}

/**
 * An incident drafted from a template for some services, inside the caller's transaction
 * (the Alertmanager receiver's). The services are the template's, with its statuses, plus
 * `serviceIds` (the alert's): those it does not name get the status it sets for its first
 * service, or one fitting its impact. Without a template, or when it was deleted
 * meanwhile, the built-in text stands in.
 */
export async function draftFromTemplate(tx: Tx, { templateId, serviceIds, alert }: DraftInput): Promise<TemplateDraft> {
  const template = templateId ? await findTemplate(tx, templateId) : null;
  return draftFrom(tx, template, { serviceIds, alert });
}

/**
 * A template filled in for a console form to pre-fill, or null when it no longer exists.
 * For an update on `incidentId`, {{services}} names the incident's own services when
 * the template affects none (a "resolved" template, say).
 */
export async function templateDraft(actor: Actor | null, templateId: string, { incidentId }: { incidentId?: string } = {}): Promise<TemplateDraft | null> {
  authorize(actor, "editor");
  const [template, links] = await Promise.all([findTemplate(db(), templateId), incidentId ? db().incidentService.findMany({ where: { incidentId }, select: { serviceId: true } }) : []]);
  if (!template) return null;
  return draftFrom(db(), template, { serviceIds: [] }, links.map((link) => link.serviceId));
}

// --- management -------------------------------------------------------------------------

const templateGone = () => new MutationError("not_found", "That template no longer exists. Reload the page.");

async function assertNameFree(tx: Tx, name: string, exceptId?: string) {
  const found = await tx.incidentTemplate.findUnique({ where: { name }, select: { id: true } });
  if (found && found.id !== exceptId) throw new MutationError("invalid", CHECK_FIELDS, { name: `Another template is already called “${name}”. Choose a different name.` });
}

async function assertServicesExist(tx: Tx, ids: string[]) {
  if ((await tx.service.count({ where: { id: { in: ids } } })) !== ids.length) throw new MutationError("not_found", "One of the services no longer exists. Reload the page.");
}

/** What the audit log keeps of a template. */
function audited(data: { name: string; title: string; body: string; status: string; impact: string; notify: boolean; affected: Record<string, string> }) {
  return { name: data.name, title: data.title, body: data.body, status: data.status, impact: data.impact, notify: data.notify, services: data.affected };
}

export const createTemplate = mutation({ role: "admin", schema: templateSchema, audit: "template" }, async ({ tx, data, audit }) => {
  await assertNameFree(tx, data.name);
  await assertServicesExist(tx, Object.keys(data.affected));
  const { affected, ...fields } = data;
  const template = await tx.incidentTemplate.create({
    data: { ...fields, services: { create: Object.entries(affected).map(([serviceId, status]) => ({ serviceId, status })) } },
  });
  await audit({ action: "created", entityId: template.id, after: audited(data) });
  return { templateId: template.id, message: `Saved the template “${data.name}”.` };
});

export const updateTemplate = mutation({ role: "admin", schema: templateEditSchema, audit: "template" }, async ({ tx, data: { templateId, ...data }, audit }) => {
  const before = await tx.incidentTemplate.findUnique({ where: { id: templateId }, include: { services: true } });
  if (!before) throw templateGone();
  await assertNameFree(tx, data.name, templateId);
  await assertServicesExist(tx, Object.keys(data.affected));
  const { affected, ...fields } = data;
  await tx.incidentTemplateService.deleteMany({ where: { templateId } });
  await tx.incidentTemplate.update({
    where: { id: templateId },
    data: { ...fields, services: { create: Object.entries(affected).map(([serviceId, status]) => ({ serviceId, status })) } },
  });
  await audit({
    action: "changed",
    entityId: templateId,
    before: audited({ ...before, affected: Object.fromEntries(before.services.map((link) => [link.serviceId, link.status])) }),
    after: audited(data),
  });
  return { templateId, message: `Saved the template “${data.name}”.` };
});

/** Deletes a template; services that drafted their alerts from it fall back to the built-in text. */
export const deleteTemplate = mutation({ role: "admin", schema: deleteSchema, audit: "template" }, async ({ tx, data: { id }, audit }) => {
  const template = await tx.incidentTemplate.findUnique({ where: { id }, include: { services: true, alertServices: { select: { name: true }, orderBy: PAGE_ORDER } } });
  if (!template) throw templateGone();
  await tx.incidentTemplate.delete({ where: { id } });
  await audit({
    action: "deleted",
    entityId: id,
    before: audited({ ...template, affected: Object.fromEntries(template.services.map((link) => [link.serviceId, link.status])) }),
  });
  const alerts = template.alertServices.map((service) => service.name);
  const fallback = alerts.length ? ` Alerts on ${alerts.join(", ")} now draft incidents from the built-in text.` : "";
  return { message: `Deleted the template “${template.name}”.${fallback}` };
});
