import "server-only";
import {
  alertEnd,
  alertSummary,
  classifyAlert,
  labelFingerprint,
  parseSeverities,
  resolvedSuggestionBody,
  severitiesByStatus,
  severityStatus,
  spreadSuggestionBody,
  statusRank,
  worstStatus,
  type AlertMode,
  type AlertRules,
  type AlertStatus,
} from "@/lib/alerts";
import { FINAL_STATUSES, INCIDENT_STATUSES, isServiceStatus, SERVICE_STATUS_LABELS, type IncidentStatus, type ServiceStatus, type UpdateStatus } from "@/lib/constants";
import {
  alertmanagerPayloadSchema,
  alertRuleSchema,
  alertSettingsSchema,
  updateSuggestionSchema,
  NOT_A_WEBHOOK,
  statusSuggestionSchema,
  type AlertDeliveryResult,
  type AlertOutcome,
} from "@/lib/schemas/alertmanager";
import type { Actor, ApiKeyActor, IntegrationActor } from "@/lib/views/actor";
import type { AlertConsoleView, StatusSuggestionView, UpdateSuggestionView } from "@/lib/views/alerts";
import { authorize } from "@/server/auth";
import { db, type Tx } from "@/server/db";
import { mutation, MutationError } from "@/server/mutation";
import { draftFromTemplate } from "@/server/templates";

// Alerts from monitoring (Prometheus Alertmanager, Grafana): a firing alert changes its
// service's status at once (a measured fact) or proposes it, and prepares one draft
// incident per alert group; words for customers are only ever drafted or suggested,
// never published by a machine. lib/alerts.ts holds the rules, this module the writes.

/** A group that fires again this soon after resolving reuses its incident, if still a draft or open. */
export const REUSE_WITHIN_MS = 6 * 60 * 60_000;

/** The key acting as Alertmanager: audited under the key's id, named for what it is. */
export function integrationActor(key: ApiKeyActor): IntegrationActor {
  return { kind: "integration", id: key.id, name: `Alertmanager (key “${key.name}”)`, role: key.role };
}

async function readRules(tx: Tx): Promise<AlertRules & { url: string }> {
  const settings = await tx.pageSettings.findUnique({ where: { id: 1 }, select: { alertServiceLabel: true, alertSeverityLabel: true, alertSeverities: true, url: true } });
  return {
    serviceLabel: settings?.alertServiceLabel ?? "component",
    severityLabel: settings?.alertSeverityLabel ?? "severity",
    severities: parseSeverities(settings?.alertSeverities),
    url: (settings?.url ?? "").replace(/\/+$/, ""),
  };
}

const parseLabels = (stored: string): Record<string, string> => {
  try {
    const value = JSON.parse(stored);
    return value && typeof value === "object" ? value : {};
  } catch {
    return {};
  }
};

/** A service's new status and its history, as incident-updates' setStatus records it; returns the history row's id. */
async function recordStatus(tx: Tx, serviceId: string, status: ServiceStatus, at: Date): Promise<string> {
  const change = await tx.statusChange.create({ data: { serviceId, status, at } });
  await tx.service.update({ where: { id: serviceId }, data: { status } });
  return change.id;
}

const APPLIED = "alert_status_applied";

/**
 * Whether the service's status is still the one an alert set: its latest history entry is
 * the one an alert wrote. A person's later change (a click, an incident update) is newer,
 * and an alert never undoes it.
 */
async function alertOwnsStatus(tx: Tx, service: { id: string; status: string }): Promise<boolean> {
  const latest = await tx.statusChange.findFirst({ where: { serviceId: service.id }, orderBy: [{ at: "desc" }, { id: "desc" }], select: { id: true, status: true } });
  if (!latest || latest.status !== service.status) return false;
  const applied = await tx.auditLog.findFirst({ where: { entityType: "service", entityId: service.id, action: APPLIED }, orderBy: [{ at: "desc" }, { id: "desc" }], select: { after: true } });
  return applied !== null && parseLabels(applied.after ?? "").statusChangeId === latest.id;
}

interface Settled {
  outcome: AlertOutcome;
  serviceStatus: ServiceStatus;
  reason?: string;
  /** The status before this delivery changed it, when it did. */
  before?: ServiceStatus;
}

const label = (status: string) => (isServiceStatus(status) ? SERVICE_STATUS_LABELS[status].toLowerCase() : status);

/** The status a service's firing alerts (from every group) call for, or null when none maps to one. */
async function alertTarget(tx: Tx, serviceId: string, rules: AlertRules): Promise<AlertStatus | null> {
  const firing = await tx.alert.findMany({ where: { serviceId, status: "firing" }, select: { severity: true } });
  return worstStatus(firing.flatMap(({ severity }) => severityStatus(rules.severities, severity) ?? []));
}

/** Brings one service in line with its firing alerts, by its rule: apply, or suggest. */
async function settleService(
  tx: Tx,
  service: { id: string; name: string; status: string; alertMode: string; suggestedStatus: string | null },
  target: AlertStatus | null,
  audit: (change: { action: string; entityType: string; entityId: string; before?: unknown; after?: unknown; public: boolean }) => Promise<void>,
  labels: Record<string, string>[],
  now: Date,
): Promise<Settled> {
  const current = service.status as ServiceStatus;
  const mode: AlertMode = service.alertMode === "suggest" ? "suggest" : "apply";
  const wanted: ServiceStatus = target ?? "operational";
  if (current === "under_maintenance") return { outcome: "unchanged", serviceStatus: current, reason: "The service is under maintenance: alerts leave it alone." };

  if (mode === "suggest") {
    if (current === wanted) {
      if (service.suggestedStatus !== null) {
        await tx.service.update({ where: { id: service.id }, data: { suggestedStatus: null, suggestedAt: null } });
        await audit({ action: "alert_suggestion_withdrawn", entityType: "service", entityId: service.id, before: { suggestedStatus: service.suggestedStatus }, after: { alerts: labels }, public: false });
      }
      return { outcome: "unchanged", serviceStatus: current, reason: `It is already ${label(current)}.` };
    }
    if (service.suggestedStatus !== wanted) {
      await tx.service.update({ where: { id: service.id }, data: { suggestedStatus: wanted, suggestedAt: now } });
      await audit({ action: "alert_status_suggested", entityType: "service", entityId: service.id, before: { status: current, suggestedStatus: service.suggestedStatus }, after: { suggestedStatus: wanted, alerts: labels }, public: false });
    }
    return { outcome: "suggested", serviceStatus: wanted, reason: "This service's alerts only suggest its status: a person applies it in the console." };
  }

  if (current === wanted) return { outcome: "unchanged", serviceStatus: current, reason: `It is already ${label(current)}.` };
  const owned = current !== "operational" && (await alertOwnsStatus(tx, service));
  // An alert raises a status, or moves one it set itself; it never lowers a person's.
  if (!owned && !(target && statusRank(target) > statusRank(current))) {
    return {
      outcome: "unchanged",
      serviceStatus: current,
      reason: target ? `A person set it to ${label(current)}; an alert does not lower that.` : `A person set it to ${label(current)} after the alert did, so it is left for them to change.`,
    };
  }
  const statusChangeId = await recordStatus(tx, service.id, wanted, now);
  await audit({ action: APPLIED, entityType: "service", entityId: service.id, before: { status: current }, after: { status: wanted, statusChangeId, alerts: labels }, public: true });
  return { outcome: "applied", serviceStatus: wanted, before: current };
}

type IncidentRow = NonNullable<Awaited<ReturnType<typeof findIncident>>>;

function findIncident(tx: Tx, id: string | null) {
  if (!id) return Promise.resolve(null);
  return tx.incident.findUnique({
    where: { id },
    include: { services: { include: { service: { select: { id: true, name: true, status: true, hidden: true } } } }, updates: { orderBy: [{ displayAt: "desc" }, { createdAt: "desc" }], take: 1, include: { changes: true } } },
  });
}

const isFinal = (status: string) => FINAL_STATUSES.includes(status as UpdateStatus);

export interface Suggestion {
  status: IncidentStatus;
  body: string;
  affected: Record<string, ServiceStatus>;
}

function readSuggestion(stored: string | null): Suggestion | null {
  if (!stored) return null;
  const value = parseLabels(stored) as Partial<Suggestion>;
  if (!value.status || !(INCIDENT_STATUSES as readonly string[]).includes(value.status) || typeof value.body !== "string") return null;
  const affected = Object.fromEntries(Object.entries(value.affected ?? {}).filter((entry): entry is [string, ServiceStatus] => isServiceStatus(String(entry[1]))));
  return { status: value.status, body: value.body, affected };
}

/** The stored id of a key's alert group: the key's id, then the group's own id. */
function scopedGroupKey(keyId: string, groupKey: string): string {
  return `${keyId}|${groupKey}`;
}

/** The group's own id, as monitoring sent it. */
function sentGroupKey(stored: string): string {
  return stored.slice(stored.indexOf("|") + 1);
}

/**
 * Receives one Alertmanager (or Grafana) webhook delivery: records every alert, brings
 * each named service in line, and keeps the group's one draft incident up to date.
 */
export const receiveAlerts = mutation(
  { role: "editor", schema: alertmanagerPayloadSchema, audit: "alert_group", public: true, invalid: NOT_A_WEBHOOK, values: false },
  async ({ tx, actor, data, audit }): Promise<AlertDeliveryResult> => {
    const now = new Date();
    // Each key's groups are its own: two Alertmanagers (production, staging) routing alike
    // send the same groupKey, and one must not resolve the other's alerts.
    const groupKey = scopedGroupKey(actor.id, data.groupKey);
    const rules = await readRules(tx);
    // Written first: on PostgreSQL a second delivery for this group waits on the row until
    // this one commits, and so never prepares a second draft.
    await tx.alertGroup.upsert({
      where: { key: groupKey },
      create: { key: groupKey, receiver: data.receiver, status: data.status, labels: JSON.stringify(data.commonLabels) },
      update: { receiver: data.receiver, labels: JSON.stringify(data.commonLabels) },
    });
    const group = await tx.alertGroup.findUniqueOrThrow({ where: { key: groupKey }, include: { alerts: { select: { status: true, endsAt: true, updatedAt: true } } } });
    const wasFiring = group.alerts.some((alert) => alert.status === "firing");
    const lastResolved = Math.max(0, ...group.alerts.map((alert) => (alert.endsAt ?? alert.updatedAt).getTime()));

    // One entry per fingerprint: the last one sent wins.
    const alerts = [...new Map(data.alerts.map((alert) => [alert.fingerprint ?? labelFingerprint(alert.labels), alert])).entries()].map(([fingerprint, alert]) => ({
      fingerprint,
      alert,
      ...classifyAlert(alert.labels, rules),
    }));
    const slugs = [...new Set(alerts.flatMap((entry) => entry.slug ?? []))];
    const services = await tx.service.findMany({
      where: { slug: { in: slugs } },
      select: { id: true, slug: true, name: true, status: true, alertMode: true, suggestedStatus: true, alertTemplateId: true, position: true, hidden: true },
    });
    const bySlug = new Map(services.map((service) => [service.slug, service]));

    for (const { fingerprint, alert, slug, severity } of alerts) {
      const fields = {
        serviceId: (slug && bySlug.get(slug)?.id) || null,
        status: alert.status,
        severity,
        labels: JSON.stringify(alert.labels),
        startsAt: new Date(alert.startsAt),
        endsAt: alertEnd(alert.endsAt),
      };
      await tx.alert.upsert({ where: { groupKey_fingerprint: { groupKey, fingerprint } }, create: { groupKey, fingerprint, ...fields }, update: fields });
    }

    // Each named service, in line with every alert firing on it (from any group).
    const settled = new Map<string, Settled>();
    for (const service of services) {
      const labels = alerts.filter((entry) => entry.slug === service.slug).map((entry) => entry.alert.labels);
      settled.set(service.id, await settleService(tx, service, await alertTarget(tx, service.id, rules), audit, labels, now));
    }

    // This group's own firing alerts, per service: what its incident is about.
    const groupFiring = await tx.alert.findMany({ where: { groupKey, status: "firing" }, select: { serviceId: true, severity: true } });
    const firingStatus = new Map<string, AlertStatus>();
    for (const alert of groupFiring) {
      const status = severityStatus(rules.severities, alert.severity);
      if (!alert.serviceId || !status) continue;
      const worst = worstStatus([status, ...(firingStatus.has(alert.serviceId) ? [firingStatus.get(alert.serviceId)!] : [])]);
      firingStatus.set(alert.serviceId, worst!);
    }
    const serviceById = new Map(services.map((service) => [service.id, service]));
    const groupLabels = { groupKey: data.groupKey, receiver: data.receiver, labels: data.commonLabels };

    let incident = await findIncident(tx, group.incidentId);
    let suggestionKind: "resolved" | "spread" | null = null;
    if (firingStatus.size > 0) {
      const reusable = incident !== null && !isFinal(incident.status) && (wasFiring || now.getTime() - lastResolved < REUSE_WITHIN_MS);
      // Another group already firing on one of these services has a draft: one problem, one draft.
      const shared = reusable ? null : await findIncident(tx, (await sharedDraft(tx, groupKey, [...firingStatus.keys()]))?.id ?? null);
      if (reusable || shared) {
        incident = reusable ? incident : shared;
        suggestionKind = await growIncident(tx, incident!, firingStatus, serviceById, settled, audit, groupLabels);
      } else {
        const firingAlerts = alerts.filter((entry) => entry.alert.status === "firing" && entry.status !== null);
        incident = await draftIncident(tx, firingStatus, serviceById, settled, alertSummary(firingAlerts.map((entry) => ({ labels: entry.alert.labels, annotations: entry.alert.annotations, severity: entry.severity }))), audit, groupLabels, now);
      }
    } else if (groupFiring.length === 0 && incident && !isFinal(incident.status) && !(await otherGroupFiring(tx, incident.id, groupKey))) {
      suggestionKind = await suggestResolution(tx, incident, groupKey, audit, groupLabels);
    }

    const status = groupFiring.length > 0 ? "firing" : "resolved";
    await tx.alertGroup.update({ where: { key: groupKey }, data: { status, incidentId: incident?.id ?? null } });

    const results = alerts.map(({ fingerprint, alert, slug, severity, status: mapped }) => {
      const service = slug ? bySlug.get(slug) : undefined;
      const base = { fingerprint, alertname: alert.labels.alertname ?? null, status: alert.status, service: slug, severity };
      if (!slug) return { ...base, outcome: "ignored" as const, serviceStatus: null, reason: `The alert has no “${rules.serviceLabel}” label naming a service.` };
      if (!service) return { ...base, outcome: "ignored" as const, serviceStatus: null, reason: `No service has the address “${slug}”.` };
      const outcome = settled.get(service.id)!;
      if (alert.status === "firing" && mapped === null) {
        const reason = severity ? `The severity “${severity}” stands for no status (see Alerts in the console).` : `The alert has no “${rules.severityLabel}” label.`;
        return { ...base, outcome: outcome.outcome, serviceStatus: outcome.serviceStatus, reason: outcome.outcome === "unchanged" ? reason : outcome.reason };
      }
      return { ...base, outcome: outcome.outcome, serviceStatus: outcome.serviceStatus, ...(outcome.reason ? { reason: outcome.reason } : {}) };
    });

    await audit({
      action: "alerts_received",
      entityId: data.groupKey,
      after: { receiver: data.receiver, status, externalURL: data.externalURL, truncatedAlerts: data.truncatedAlerts, incidentId: incident?.id ?? null, alerts: results.map((result, index) => ({ ...result, labels: alerts[index].alert.labels })) },
      public: false,
    });

    return {
      groupKey: data.groupKey,
      status,
      alerts: results,
      incident: incident ? { id: incident.id, draft: incident.publishedAt === null, url: `${rules.url}/admin/incidents/${incident.id}`, suggestion: suggestionKind } : null,
      truncatedAlerts: data.truncatedAlerts,
    };
  },
);

/** A draft prepared for another group that is still firing on one of `serviceIds`. */
function sharedDraft(tx: Tx, groupKey: string, serviceIds: string[]) {
  return tx.incident.findFirst({
    where: {
      publishedAt: null,
      status: { notIn: [...FINAL_STATUSES] },
      services: { some: { serviceId: { in: serviceIds } } },
      alertGroups: { some: { key: { not: groupKey }, alerts: { some: { status: "firing" } } } },
    },
    orderBy: { createdAt: "desc" },
    select: { id: true },
  });
}

/** Whether another group sharing the incident still fires: then it is not over yet. */
async function otherGroupFiring(tx: Tx, incidentId: string, groupKey: string): Promise<boolean> {
  return (await tx.alertGroup.count({ where: { incidentId, key: { not: groupKey }, alerts: { some: { status: "firing" } } } })) > 0;
}

type AuditFn = (change: { action: string; entityType?: string; entityId: string; before?: unknown; after?: unknown; public?: boolean }) => Promise<void>;
type ServiceRow = { id: string; name: string; status: string; alertTemplateId: string | null; position: number; hidden: boolean };

/** A new draft from the first service's alert template; the public sees nothing of it. */
async function draftIncident(
  tx: Tx,
  firing: Map<string, AlertStatus>,
  services: Map<string, ServiceRow>,
  settled: Map<string, Settled>,
  summary: string,
  audit: AuditFn,
  source: Record<string, unknown>,
  now: Date,
): Promise<IncidentRow> {
  // The worst-hit service's template speaks for the draft.
  const ids = [...firing.keys()].sort((a, b) => statusRank(firing.get(b)!) - statusRank(firing.get(a)!) || (services.get(a)?.position ?? 0) - (services.get(b)?.position ?? 0));
  const template = services.get(ids[0])?.alertTemplateId ?? null;
  const draft = await draftFromTemplate(tx, { templateId: template, serviceIds: ids, alert: summary });
  // What monitoring measured wins over the template's guess for the alerting services.
  const affected: Record<string, ServiceStatus> = { ...draft.affected, ...Object.fromEntries(firing) };
  const serviceIds = Object.keys(affected);
  const incident = await tx.incident.create({
    data: {
      kind: "incident",
      title: draft.title,
      impact: draft.impact,
      status: draft.status,
      startedAt: now,
      publishedAt: null,
      notify: draft.notify,
      services: { create: serviceIds.map((serviceId) => ({ serviceId })) },
    },
  });
  const update = await tx.incidentUpdate.create({ data: { incidentId: incident.id, status: draft.status, body: draft.body, displayAt: now } });
  const current = await tx.service.findMany({ where: { id: { in: serviceIds } }, select: { id: true, status: true } });
  for (const { id, status } of current) {
    // The status before the alert, so the published timeline reads "operational → major outage".
    const oldStatus = settled.get(id)?.before ?? status;
    if (oldStatus !== affected[id]) await tx.updateServiceChange.create({ data: { updateId: update.id, serviceId: id, oldStatus, newStatus: affected[id] } });
  }
  await audit({
    action: "drafted",
    entityType: "incident",
    entityId: incident.id,
    after: { title: draft.title, impact: draft.impact, status: draft.status, body: draft.body, services: serviceIds, affected, template: draft.templateName, source },
    public: false,
  });
  return (await findIncident(tx, incident.id))!;
}

/** The group fired again, or spread to more services: the same incident, never another. */
async function growIncident(
  tx: Tx,
  incident: IncidentRow,
  firing: Map<string, AlertStatus>,
  services: Map<string, ServiceRow>,
  settled: Map<string, Settled>,
  audit: AuditFn,
  source: Record<string, unknown>,
): Promise<"spread" | null> {
  const linked = new Set(incident.services.map((link) => link.serviceId));
  const added = [...firing.keys()].filter((id) => !linked.has(id));
  const stale = readSuggestion(incident.suggestion)?.status === "resolved";
  if (incident.publishedAt === null) {
    // A draft grows; a stale "resolved" suggestion goes, since the alert is back.
    if (added.length === 0 && !stale) return null;
    const latest = incident.updates[0];
    for (const serviceId of added) {
      await tx.incidentService.create({ data: { incidentId: incident.id, serviceId } });
      const oldStatus = settled.get(serviceId)?.before ?? (services.get(serviceId)?.status as ServiceStatus);
      if (latest && oldStatus !== firing.get(serviceId)) await tx.updateServiceChange.create({ data: { updateId: latest.id, serviceId, oldStatus, newStatus: firing.get(serviceId)! } });
    }
    // A person's open form on the draft must notice it changed.
    await tx.incident.update({ where: { id: incident.id }, data: { revision: { increment: 1 }, ...(stale ? { suggestion: null } : {}) } });
    await audit({ action: "draft_updated_by_alert", entityType: "incident", entityId: incident.id, after: { added, affected: Object.fromEntries(firing), suggestionWithdrawn: stale, source }, public: false });
    return null;
  }
  // Published: the public hears only what a person posts, so new services become a suggestion.
  if (added.length === 0) {
    if (stale) {
      await tx.incident.update({ where: { id: incident.id }, data: { suggestion: null } });
      await audit({ action: "update_suggestion_withdrawn", entityType: "incident", entityId: incident.id, after: { reason: "firing again", source }, public: false });
    }
    return null;
  }
  // Text a person may publish never names a hidden service.
  const names = added.filter((id) => services.get(id) && !services.get(id)!.hidden).map((id) => services.get(id)!.name);
  const suggestion: Suggestion = {
    status: incident.status as IncidentStatus,
    body: spreadSuggestionBody(names, added.map((id) => firing.get(id)!)),
    affected: Object.fromEntries(added.map((id) => [id, firing.get(id)!])),
  };
  await tx.incident.update({ where: { id: incident.id }, data: { suggestion: JSON.stringify(suggestion) } });
  await audit({ action: "update_suggested", entityType: "incident", entityId: incident.id, after: { ...suggestion, source }, public: false });
  return "spread";
}

/** Every alert of the group resolved: offer the "resolved" update for a person to post. */
async function suggestResolution(tx: Tx, incident: IncidentRow, groupKey: string, audit: AuditFn, source: Record<string, unknown>): Promise<"resolved"> {
  const groupServiceIds = new Set((await tx.alert.findMany({ where: { groupKey, serviceId: { not: null } }, select: { serviceId: true } })).map((alert) => alert.serviceId!));
  const stillFiring = new Set((await tx.alert.findMany({ where: { status: "firing", serviceId: { in: incident.services.map((link) => link.serviceId) } }, select: { serviceId: true } })).map((alert) => alert.serviceId!));
  const affected: Record<string, ServiceStatus> = {};
  for (const { service } of incident.services) if (!stillFiring.has(service.id) && service.status !== "operational" && service.status !== "under_maintenance") affected[service.id] = "operational";
  const names = incident.services.filter((link) => groupServiceIds.has(link.serviceId) && !link.service.hidden).map((link) => link.service.name);
  const suggestion: Suggestion = { status: "resolved", body: resolvedSuggestionBody(names), affected };
  if (incident.suggestion !== JSON.stringify(suggestion)) {
    await tx.incident.update({ where: { id: incident.id }, data: { suggestion: JSON.stringify(suggestion) } });
    await audit({ action: "update_suggested", entityType: "incident", entityId: incident.id, after: { ...suggestion, source }, public: false });
  }
  return "resolved";
}

// --- the console --------------------------------------------------------------------

/** Everything the Alerts page shows: the label rules, each service's rule, recent groups. */
export async function getAlertConsole(actor: Actor | null, { take = 30 }: { take?: number } = {}): Promise<AlertConsoleView> {
  authorize(actor, "admin");
  const [rules, services, templates, groups, firing] = await Promise.all([
    readRules(db()),
    db().service.findMany({ orderBy: [{ group: { position: "asc" } }, { position: "asc" }, { name: "asc" }] }),
    db().incidentTemplate.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true } }),
    db().alertGroup.findMany({
      orderBy: { updatedAt: "desc" },
      take,
      include: { alerts: { orderBy: { startsAt: "desc" }, include: { service: { select: { name: true, slug: true } } } }, incident: { select: { id: true, title: true, publishedAt: true, status: true } } },
    }),
    db().alert.groupBy({ by: ["serviceId"], where: { status: "firing", serviceId: { not: null } }, _count: { _all: true } }),
  ]);
  const firingCount = new Map(firing.map((row) => [row.serviceId, row._count._all]));
  return {
    rules: { serviceLabel: rules.serviceLabel, severityLabel: rules.severityLabel, severitiesByStatus: severitiesByStatus(rules.severities) },
    services: services.map((service) => ({
      id: service.id,
      name: service.name,
      slug: service.slug,
      status: service.status as ServiceStatus,
      mode: service.alertMode === "suggest" ? "suggest" : "apply",
      templateId: service.alertTemplateId,
      suggestedStatus: service.suggestedStatus && isServiceStatus(service.suggestedStatus) ? service.suggestedStatus : null,
      firing: firingCount.get(service.id) ?? 0,
    })),
    templates,
    groups: groups.map((group) => ({
      key: sentGroupKey(group.key),
      receiver: group.receiver,
      status: group.status === "firing" ? "firing" : "resolved",
      updatedAt: group.updatedAt,
      alerts: group.alerts.map((alert) => {
        const labels = parseLabels(alert.labels);
        return {
          fingerprint: alert.fingerprint,
          status: alert.status === "firing" ? "firing" : "resolved",
          alertname: labels.alertname ?? "Alert",
          serviceLabel: labels[rules.serviceLabel] ?? null,
          service: alert.service,
          severity: alert.severity,
          startsAt: alert.startsAt,
          endsAt: alert.endsAt,
        };
      }),
      incident: group.incident ? { id: group.incident.id, title: group.incident.title, draft: group.incident.publishedAt === null, status: group.incident.status as UpdateStatus } : null,
    })),
  };
}

/** Which labels name the service and the severity, and what each severity means. */
export const updateAlertSettings = mutation({ role: "admin", schema: alertSettingsSchema, audit: "settings" }, async ({ tx, data, audit }) => {
  const before = await readRules(tx);
  await tx.pageSettings.update({
    where: { id: 1 },
    data: { alertServiceLabel: data.serviceLabel, alertSeverityLabel: data.severityLabel, alertSeverities: JSON.stringify(data.severities) },
  });
  await audit({
    action: "alert_rules_changed",
    entityId: "1",
    before: { serviceLabel: before.serviceLabel, severityLabel: before.severityLabel, severities: before.severities },
    after: data,
  });
  return { message: "Saved: the next alerts are read with these rules." };
});

/** One service's rule: whether its alerts apply the status or only suggest it, and its draft's template. */
export const updateAlertRule = mutation({ role: "admin", schema: alertRuleSchema, audit: "service" }, async ({ tx, data, audit }) => {
  const service = await tx.service.findUnique({ where: { id: data.serviceId } });
  if (!service) throw new MutationError("not_found", "That service no longer exists. Reload the page.");
  if (data.templateId && !(await tx.incidentTemplate.findUnique({ where: { id: data.templateId }, select: { id: true } }))) {
    throw new MutationError("not_found", "That template no longer exists. Reload the page.");
  }
  await tx.service.update({ where: { id: service.id }, data: { alertMode: data.mode, alertTemplateId: data.templateId, ...(data.mode === "apply" ? { suggestedStatus: null, suggestedAt: null } : {}) } });
  await audit({
    action: "alert_rule_changed",
    entityId: service.id,
    before: { mode: service.alertMode, templateId: service.alertTemplateId },
    after: { mode: data.mode, templateId: data.templateId },
  });
  return { message: `Saved the alert rule for ${service.name}.` };
});

/** Statuses alerts proposed (services in "suggest" mode), for the console's dashboard. */
export async function listStatusSuggestions(actor: Actor | null): Promise<StatusSuggestionView[]> {
  authorize(actor, "editor");
  const rows = await db().service.findMany({ where: { suggestedStatus: { not: null } }, orderBy: [{ group: { position: "asc" } }, { position: "asc" }, { name: "asc" }] });
  return rows
    .filter((row) => isServiceStatus(row.suggestedStatus ?? ""))
    .map((row) => ({ serviceId: row.id, name: row.name, status: row.status as ServiceStatus, suggestedStatus: row.suggestedStatus as ServiceStatus, suggestedAt: row.suggestedAt }));
}

/** A person applies (or dismisses) the status an alert proposed. */
export const decideStatusSuggestion = mutation({ role: "editor", schema: statusSuggestionSchema, audit: "service", public: true }, async ({ tx, data, audit }) => {
  const service = await tx.service.findUnique({ where: { id: data.serviceId } });
  if (!service) throw new MutationError("not_found", "That service no longer exists. Reload the page.");
  const suggested = service.suggestedStatus;
  if (!suggested || !isServiceStatus(suggested)) return { message: "There is no suggestion for it any more." };
  await tx.service.update({ where: { id: service.id }, data: { suggestedStatus: null, suggestedAt: null } });
  if (data.intent === "dismiss") {
    await audit({ action: "alert_suggestion_dismissed", entityId: service.id, before: { suggestedStatus: suggested }, public: false });
    return { message: `Dismissed the suggestion for ${service.name}.` };
  }
  if (service.status !== suggested) await recordStatus(tx, service.id, suggested, new Date());
  await audit({ action: "status_changed", entityId: service.id, before: { status: service.status }, after: { status: suggested, suggestedByAlert: true } });
  return { message: `${service.name} is now ${label(suggested)}.` };
});

/** The update monitoring proposed for an incident, while it is not over. */
export async function getUpdateSuggestion(actor: Actor | null, incidentId: string): Promise<UpdateSuggestionView | null> {
  authorize(actor, "editor");
  const incident = await db().incident.findUnique({ where: { id: incidentId }, select: { id: true, revision: true, status: true, suggestion: true } });
  const suggestion = readSuggestion(incident?.suggestion ?? null);
  if (!incident || !suggestion || isFinal(incident.status)) return null;
  const services = await db().service.findMany({ where: { id: { in: Object.keys(suggestion.affected) } }, select: { id: true, name: true } });
  return {
    incidentId: incident.id,
    revision: incident.revision,
    status: suggestion.status,
    body: suggestion.body,
    affected: services.map((service) => ({ serviceId: service.id, name: service.name, status: suggestion.affected[service.id] })),
  };
}

/** Takes the suggestion away: posted by a person (`posted`) or dismissed. */
export const settleUpdateSuggestion = mutation({ role: "editor", schema: updateSuggestionSchema, audit: "incident" }, async ({ tx, data, audit }) => {
  const incident = await tx.incident.findUnique({ where: { id: data.incidentId }, select: { id: true, suggestion: true } });
  if (!incident) throw new MutationError("not_found", "That incident no longer exists.");
  if (!incident.suggestion) return { message: "There is no suggestion any more." };
  await tx.incident.update({ where: { id: incident.id }, data: { suggestion: null } });
  await audit({ action: data.outcome === "posted" ? "update_suggestion_posted" : "update_suggestion_dismissed", entityId: incident.id, before: { suggestion: readSuggestion(incident.suggestion) }, public: false });
  return { message: data.outcome === "posted" ? "Posted the suggested update." : "Dismissed the suggested update." };
});
