import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/views/actor";
import { decideStatusSuggestion, getUpdateSuggestion, integrationActor, listStatusSuggestions, receiveAlerts, settleUpdateSuggestion, updateAlertRule, updateAlertSettings } from "@/server/alerts";
import { createApiKeyRow } from "@/server/api-keys";
import { db } from "@/server/db";
import { loadDemoStory } from "@/server/demo";
import { postUpdate, publishIncident, setServiceStatus } from "@/server/incident-updates";
import { POST } from "@/app/api/v1/integrations/alertmanager/route";

// The Alertmanager receiver against a real database: statuses change (or are suggested),
// one draft per alert group, resolution offered for a person to post, everything audited.

let key: { key: string; id: string };
let alertmanager: Actor;
let editor: Actor;
let admin: Actor;

const serviceBySlug = (slug: string) => db().service.findUniqueOrThrow({ where: { slug } });

interface AlertInput {
  status?: "firing" | "resolved";
  labels: Record<string, string>;
  fingerprint?: string;
  startsAt?: string;
  endsAt?: string;
}

/** A payload as Alertmanager 0.25 sends it. */
function payload(groupKey: string, alerts: AlertInput[], extra: Record<string, unknown> = {}) {
  const full = alerts.map((alert) => ({
    status: alert.status ?? "firing",
    labels: alert.labels,
    annotations: { summary: `${alert.labels.alertname} is happening` },
    startsAt: alert.startsAt ?? "2026-12-01T09:52:26.739266876+01:00",
    endsAt: alert.endsAt ?? (alert.status === "resolved" ? new Date().toISOString() : "0001-01-01T00:00:00Z"),
    generatorURL: "http://prometheus.example:9090/graph",
    ...(alert.fingerprint ? { fingerprint: alert.fingerprint } : {}),
  }));
  return {
    receiver: "herald",
    status: full.some((alert) => alert.status === "firing") ? "firing" : "resolved",
    alerts: full,
    groupLabels: { alertname: alerts[0].labels.alertname },
    commonLabels: { alertname: alerts[0].labels.alertname },
    commonAnnotations: {},
    externalURL: "http://alertmanager.example:9093",
    version: "4",
    groupKey,
    truncatedAlerts: 0,
    ...extra,
  };
}

const groupIncidents = async (groupKey: string) => {
  const group = await db().alertGroup.findUniqueOrThrow({ where: { key: `${key.id}|${groupKey}` } });
  return group.incidentId;
};

beforeAll(async () => {
  await loadDemoStory(db(), "https://status.example.com");
  // Every service starts operational: the story's outage is history here.
  await db().service.updateMany({ data: { status: "operational" } });
  key = await createApiKeyRow({ name: "alertmanager", role: "editor" });
  alertmanager = integrationActor({ kind: "api_key", id: key.id, name: "alertmanager", role: "editor" });
  const person = await db().user.create({ data: { email: "ops@example.com", role: "editor", passwordHash: "x" } });
  editor = { id: person.id, email: person.email, name: "", role: "editor", sessionId: "s" };
  const boss = await db().user.create({ data: { email: "boss@example.com", role: "admin", passwordHash: "x" } });
  admin = { id: boss.id, email: boss.email, name: "", role: "admin", sessionId: "s" };
});

beforeEach(async () => {
  // Each test starts with nothing firing and every service operational.
  await db().alert.updateMany({ data: { status: "resolved" } });
  await db().service.updateMany({ data: { status: "operational", alertMode: "apply", suggestedStatus: null, suggestedAt: null } });
});

describe("a firing alert", () => {
  it("sets its service's status, prepares one draft, and audits it with the labels under the key", async () => {
    const labels = { alertname: "LoginErrors", component: "sega-pass-login", severity: "critical" };
    const result = await receiveAlerts.run(alertmanager, payload("{}:{alertname=\"LoginErrors\"}", [{ labels, fingerprint: "aaa1" }]));
    const login = await serviceBySlug("sega-pass-login");
    expect(login.status).toBe("major_outage");
    expect(result.alerts).toEqual([
      { fingerprint: "aaa1", alertname: "LoginErrors", status: "firing", service: "sega-pass-login", severity: "critical", outcome: "applied", serviceStatus: "major_outage" },
    ]);
    expect(result.incident).toMatchObject({ draft: true, suggestion: null, url: `https://status.example.com/admin/incidents/${result.incident!.id}` });

    const incident = await db().incident.findUniqueOrThrow({ where: { id: result.incident!.id }, include: { services: true, updates: { include: { changes: true } } } });
    expect(incident.publishedAt).toBeNull();
    expect(incident.services.map((link) => link.serviceId)).toEqual([login.id]);
    // Drafted from the service's alert template (the demo's "Login degraded (monitoring alert)").
    expect(incident.title).toBe("Signing in to Sega Pass login is slow or failing for some players");
    expect(incident.notify).toBe(false);
    expect(incident.updates[0].changes).toMatchObject([{ serviceId: login.id, oldStatus: "operational", newStatus: "major_outage" }]);
    // History records the change, as a person's click would.
    expect(await db().statusChange.findFirst({ where: { serviceId: login.id }, orderBy: { at: "desc" } })).toMatchObject({ status: "major_outage", incidentId: null });

    const entries = await db().auditLog.findMany({ where: { apiKeyId: key.id }, orderBy: { at: "asc" } });
    expect(entries.map((entry) => entry.action)).toEqual(expect.arrayContaining(["alert_status_applied", "drafted", "alerts_received"]));
    for (const entry of entries) expect(entry.userId).toBeNull();
    const applied = entries.find((entry) => entry.action === "alert_status_applied")!;
    expect(JSON.parse(applied.after!)).toMatchObject({ status: "major_outage", alerts: [labels] });
  });

  it("keeps one draft however often the group repeats, growing it as the group spreads", async () => {
    const groupKey = "{}:{alertname=\"Spread\"}";
    const first = { alertname: "Spread", component: "sega-pass-login", severity: "warning" };
    const second = { alertname: "Spread", component: "forums", severity: "critical" };
    const one = await receiveAlerts.run(alertmanager, payload(groupKey, [{ labels: first }]));
    const again = await receiveAlerts.run(alertmanager, payload(groupKey, [{ labels: first }]));
    expect(again.incident!.id).toBe(one.incident!.id);
    expect(again.alerts[0]).toMatchObject({ outcome: "unchanged", serviceStatus: "degraded_performance" });
    const revision = (await db().incident.findUniqueOrThrow({ where: { id: one.incident!.id } })).revision;

    const spread = await receiveAlerts.run(alertmanager, payload(groupKey, [{ labels: first }, { labels: second }]));
    expect(spread.incident!.id).toBe(one.incident!.id);
    expect(await db().incident.count({ where: { alertGroups: { some: { key: `${key.id}|${groupKey}` } } } })).toBe(1);
    const incident = await db().incident.findUniqueOrThrow({ where: { id: one.incident!.id }, include: { services: true } });
    expect(incident.services).toHaveLength(2);
    // Someone with the draft open is told it changed.
    expect(incident.revision).toBe(revision + 1);
    expect((await serviceBySlug("forums")).status).toBe("major_outage");
    // The fingerprint Alertmanager leaves out before 0.19 is made from the labels, the same each time.
    expect(await db().alert.count({ where: { groupKey: `${key.id}|${groupKey}` } })).toBe(2);
  });

  it("records alerts naming no known service, reports them, and changes nothing", async () => {
    const before = await db().incident.count();
    const result = await receiveAlerts.run(
      alertmanager,
      payload("{}:{alertname=\"Orphans\"}", [{ labels: { alertname: "Orphans", severity: "critical" } }, { labels: { alertname: "Orphans", component: "no-such-thing", severity: "critical" } }]),
    );
    expect(result.alerts.map((alert) => [alert.outcome, alert.reason])).toEqual([
      ["ignored", "The alert has no “component” label naming a service."],
      ["ignored", "No service has the address “no-such-thing”."],
    ]);
    expect(result.incident).toBeNull();
    expect(await db().incident.count()).toBe(before);
    expect(await db().alert.count({ where: { groupKey: `${key.id}|{}:{alertname="Orphans"}`, serviceId: null } })).toBe(2);
  });

  it("leaves a severity the rules do not know unchanged, and never lowers a person's status", async () => {
    const login = await serviceBySlug("sega-pass-login");
    const info = await receiveAlerts.run(alertmanager, payload("{}:{alertname=\"Info\"}", [{ labels: { alertname: "Info", component: "sega-pass-login", severity: "info" } }]));
    expect(info.alerts[0]).toMatchObject({ outcome: "unchanged", serviceStatus: "operational", reason: "The severity “info” stands for no status (see Alerts in the console)." });
    expect(info.incident).toBeNull();
    await setServiceStatus(editor, { serviceId: login.id, status: "major_outage" });
    const warning = await receiveAlerts.run(alertmanager, payload("{}:{alertname=\"Slow\"}", [{ labels: { alertname: "Slow", component: "sega-pass-login", severity: "warning" } }]));
    expect(warning.alerts[0]).toMatchObject({ outcome: "unchanged", serviceStatus: "major_outage" });
    expect((await serviceBySlug("sega-pass-login")).status).toBe("major_outage");
    // Tidy: resolve both, so later tests start from no firing alerts.
    await receiveAlerts.run(alertmanager, payload("{}:{alertname=\"Info\"}", [{ status: "resolved", labels: { alertname: "Info", component: "sega-pass-login", severity: "info" } }]));
    await receiveAlerts.run(alertmanager, payload("{}:{alertname=\"Slow\"}", [{ status: "resolved", labels: { alertname: "Slow", component: "sega-pass-login", severity: "warning" } }]));
  });

  it("accepts Grafana's webhook, with its extra fields", async () => {
    const grafana = payload("{}/{__grafana_autogenerated__=\"true\"}:{alertname=\"High CPU\"}", [{ labels: { alertname: "High CPU", component: "forums", severity: "warning" }, fingerprint: "c6eadffa33fcdf37" }], {
      orgId: 1,
      title: "[FIRING:1] High CPU",
      state: "alerting",
      message: "**Firing**",
      version: "1",
    });
    (grafana.alerts[0] as Record<string, unknown>).values = { B: 44.2, C: 1 };
    (grafana.alerts[0] as Record<string, unknown>).silenceURL = "https://grafana.example/alerting/silence/new";
    const result = await receiveAlerts.run(alertmanager, grafana);
    expect(result.alerts[0]).toMatchObject({ outcome: "applied", serviceStatus: "degraded_performance" });
    await receiveAlerts.run(alertmanager, { ...grafana, status: "resolved", alerts: [{ ...grafana.alerts[0], status: "resolved", endsAt: new Date().toISOString() }] });
    expect((await serviceBySlug("forums")).status).toBe("operational");
  });
});

describe("resolution", () => {
  it("returns the service to operational, and offers the draft a “resolved” update to post", async () => {
    const groupKey = "{}:{alertname=\"Down\"}";
    const labels = { alertname: "Down", component: "sega-pass-password-reset", severity: "critical" };
    const fired = await receiveAlerts.run(alertmanager, payload(groupKey, [{ labels }]));
    expect((await serviceBySlug("sega-pass-password-reset")).status).toBe("major_outage");
    // No template for this service: the built-in words, naming the alert.
    const body = (await db().incidentUpdate.findFirstOrThrow({ where: { incidentId: fired.incident!.id } })).body;
    expect(body).toContain("our monitoring alerted us to Down (critical): Down is happening.");
    const resolved = await receiveAlerts.run(alertmanager, payload(groupKey, [{ labels, status: "resolved" }]));
    expect(resolved).toMatchObject({ status: "resolved", incident: { id: fired.incident!.id, draft: true, suggestion: "resolved" } });
    expect(resolved.alerts[0]).toMatchObject({ outcome: "applied", serviceStatus: "operational" });
    expect((await serviceBySlug("sega-pass-password-reset")).status).toBe("operational");

    const suggestion = await getUpdateSuggestion(editor, fired.incident!.id);
    expect(suggestion).toMatchObject({ status: "resolved", body: "This incident has been resolved: Sega Pass password reset is working normally again.", affected: [] });
    // Posting it is a person's act, through the ordinary update; then the suggestion goes.
    expect(await postUpdate(editor, { incidentId: fired.incident!.id, revision: suggestion!.revision, status: "resolved", body: suggestion!.body })).toMatchObject({ ok: true });
    expect(await settleUpdateSuggestion(editor, { incidentId: fired.incident!.id, outcome: "posted" })).toMatchObject({ ok: true });
    expect(await getUpdateSuggestion(editor, fired.incident!.id)).toBeNull();
    expect(await db().auditLog.count({ where: { entityId: fired.incident!.id, action: "update_suggestion_posted", userId: editor.id } })).toBe(1);
  });

  it("leaves a status a person changed after the alert, and offers it back in the suggestion", async () => {
    const groupKey = "{}:{alertname=\"Flaky\"}";
    const labels = { alertname: "Flaky", component: "forums", severity: "critical" };
    const fired = await receiveAlerts.run(alertmanager, payload(groupKey, [{ labels }]));
    const forums = await serviceBySlug("forums");
    await setServiceStatus(editor, { serviceId: forums.id, status: "partial_outage" });
    const resolved = await receiveAlerts.run(alertmanager, payload(groupKey, [{ labels, status: "resolved" }]));
    expect(resolved.alerts[0]).toMatchObject({ outcome: "unchanged", serviceStatus: "partial_outage" });
    expect((await serviceBySlug("forums")).status).toBe("partial_outage");
    expect(await getUpdateSuggestion(editor, fired.incident!.id)).toMatchObject({ status: "resolved", affected: [{ serviceId: forums.id, name: "Forums", status: "operational" }] });
  });

  it("keeps a service down while another group's alert on it still fires, stepping down to that alert's status, with one draft", async () => {
    const critical = { alertname: "Errors", component: "sega-pass-login", severity: "critical" };
    const warning = { alertname: "Latency", component: "sega-pass-login", severity: "warning" };
    const errors = await receiveAlerts.run(alertmanager, payload("{}:{alertname=\"Errors\"}", [{ labels: critical }]));
    const latency = await receiveAlerts.run(alertmanager, payload("{}:{alertname=\"Latency\"}", [{ labels: warning }]));
    expect((await serviceBySlug("sega-pass-login")).status).toBe("major_outage");
    // Two groups on one service: one problem, one draft.
    expect(latency.incident!.id).toBe(errors.incident!.id);
    const partly = await receiveAlerts.run(alertmanager, payload("{}:{alertname=\"Errors\"}", [{ labels: critical, status: "resolved" }]));
    expect((await serviceBySlug("sega-pass-login")).status).toBe("degraded_performance");
    // Not over while the other group still fires.
    expect(partly.incident!.suggestion).toBeNull();
    expect(await getUpdateSuggestion(editor, errors.incident!.id)).toBeNull();
    const over = await receiveAlerts.run(alertmanager, payload("{}:{alertname=\"Latency\"}", [{ labels: warning, status: "resolved" }]));
    expect((await serviceBySlug("sega-pass-login")).status).toBe("operational");
    expect(over.incident).toMatchObject({ id: errors.incident!.id, suggestion: "resolved" });
  });

  it("reuses the draft when the group fires again soon, and starts a new one once its incident is resolved", async () => {
    const groupKey = "{}:{alertname=\"Again\"}";
    const labels = { alertname: "Again", component: "forums", severity: "warning" };
    const first = await receiveAlerts.run(alertmanager, payload(groupKey, [{ labels }]));
    await receiveAlerts.run(alertmanager, payload(groupKey, [{ labels, status: "resolved" }]));
    const again = await receiveAlerts.run(alertmanager, payload(groupKey, [{ labels }]));
    expect(again.incident).toMatchObject({ id: first.incident!.id, suggestion: null });
    // Firing again withdraws the stale "resolved" suggestion.
    expect(await getUpdateSuggestion(editor, first.incident!.id)).toBeNull();

    const incident = await db().incident.findUniqueOrThrow({ where: { id: first.incident!.id } });
    await publishIncident(editor, { incidentId: incident.id, revision: incident.revision });
    const published = await db().incident.findUniqueOrThrow({ where: { id: incident.id } });
    await postUpdate(editor, { incidentId: incident.id, revision: published.revision, status: "resolved", body: "Fixed." });
    await receiveAlerts.run(alertmanager, payload(groupKey, [{ labels, status: "resolved" }]));
    const third = await receiveAlerts.run(alertmanager, payload(groupKey, [{ labels }]));
    expect(third.incident!.id).not.toBe(first.incident!.id);
    expect(third.incident!.draft).toBe(true);
    expect(await groupIncidents(groupKey)).toBe(third.incident!.id);
  });
});

describe("suggest mode", () => {
  it("proposes the status for a person to apply, and proposes operational once resolved", async () => {
    const login = await serviceBySlug("sega-pass-login");
    expect(await updateAlertRule(admin, { serviceId: login.id, mode: "suggest", templateId: "" })).toMatchObject({ ok: true });
    const groupKey = "{}:{alertname=\"Careful\"}";
    const labels = { alertname: "Careful", component: "sega-pass-login", severity: "critical" };
    const fired = await receiveAlerts.run(alertmanager, payload(groupKey, [{ labels }]));
    expect(fired.alerts[0]).toMatchObject({ outcome: "suggested", serviceStatus: "major_outage" });
    expect((await serviceBySlug("sega-pass-login")).status).toBe("operational");
    expect(await listStatusSuggestions(editor)).toMatchObject([{ serviceId: login.id, status: "operational", suggestedStatus: "major_outage" }]);
    // The draft carries the measured status, applied when a person publishes it.
    const changes = await db().updateServiceChange.findMany({ where: { update: { incidentId: fired.incident!.id } } });
    expect(changes).toMatchObject([{ serviceId: login.id, newStatus: "major_outage" }]);

    expect(await decideStatusSuggestion(editor, { serviceId: login.id, intent: "apply" })).toMatchObject({ ok: true, message: "Sega Pass login is now major outage." });
    expect((await serviceBySlug("sega-pass-login")).status).toBe("major_outage");
    const resolved = await receiveAlerts.run(alertmanager, payload(groupKey, [{ labels, status: "resolved" }]));
    expect(resolved.alerts[0]).toMatchObject({ outcome: "suggested", serviceStatus: "operational" });
    expect((await serviceBySlug("sega-pass-login")).suggestedStatus).toBe("operational");
    expect(await decideStatusSuggestion(editor, { serviceId: login.id, intent: "dismiss" })).toMatchObject({ ok: true });
    expect(await listStatusSuggestions(editor)).toEqual([]);
  });
});

describe("the rules", () => {
  it("reads the service and severity from the labels the settings name", async () => {
    expect(
      await updateAlertSettings(admin, { serviceLabel: "service", severityLabel: "level", severity_major_outage: "page, P1", severity_partial_outage: "", severity_degraded_performance: "ticket" }),
    ).toMatchObject({ ok: true });
    const result = await receiveAlerts.run(alertmanager, payload("{}:{alertname=\"Custom\"}", [{ labels: { alertname: "Custom", service: "forums", level: "P1" } }]));
    expect(result.alerts[0]).toMatchObject({ service: "forums", severity: "P1", outcome: "applied", serviceStatus: "major_outage" });
    await receiveAlerts.run(alertmanager, payload("{}:{alertname=\"Custom\"}", [{ status: "resolved", labels: { alertname: "Custom", service: "forums", level: "P1" } }]));
    expect(await updateAlertSettings(admin, { serviceLabel: "component", severityLabel: "severity", severity_major_outage: "critical", severity_degraded_performance: "warning, critical" })).toMatchObject({
      ok: false,
      fieldErrors: { severity_major_outage: "“critical” is listed for two statuses: keep it in one." },
    });
    expect(await updateAlertSettings(admin, { serviceLabel: "component", severityLabel: "severity", severity_major_outage: "critical", severity_degraded_performance: "warning" })).toMatchObject({ ok: true });
  });

  it("is the admin's to change; an editor key cannot", async () => {
    await expect(updateAlertSettings(editor, { serviceLabel: "x", severityLabel: "y" })).rejects.toThrow(/admin role/);
  });
});

describe("POST /api/v1/integrations/alertmanager", () => {
  const post = (body: unknown, authorization: string | null = `Bearer ${key.key}`) =>
    POST(
      new Request("http://127.0.0.1/api/v1/integrations/alertmanager", {
        method: "POST",
        headers: { "content-type": "application/json", ...(authorization ? { authorization } : {}) },
        body: typeof body === "string" ? body : JSON.stringify(body),
      }),
      { params: Promise.resolve({}) },
    );

  it("answers 200 with what was done per alert", async () => {
    const answer = await post(payload("{}:{alertname=\"Route\"}", [{ labels: { alertname: "Route", component: "forums", severity: "warning" }, fingerprint: "r1" }]));
    expect(answer.status).toBe(200);
    expect(await answer.json()).toMatchObject({ status: "firing", alerts: [{ fingerprint: "r1", outcome: "applied", serviceStatus: "degraded_performance" }], incident: { draft: true } });
    await post(payload("{}:{alertname=\"Route\"}", [{ status: "resolved", labels: { alertname: "Route", component: "forums", severity: "warning" }, fingerprint: "r1" }]));
  });

  it("answers 422 naming the field for a payload that is not Alertmanager's, writing nothing", async () => {
    const groups = await db().alertGroup.count();
    const wrong = await post({ groupKey: "x", status: "firing", alerts: [{ status: "on fire", labels: {}, startsAt: "yesterday" }] });
    expect(wrong.status).toBe(422);
    const body = await wrong.json();
    expect(body.error).toMatch(/not a Prometheus Alertmanager or Grafana alerting webhook payload/);
    expect(body.fields).toMatchObject({ "alerts.0.status": 'Expected "firing" or "resolved".', "alerts.0.startsAt": expect.stringContaining("RFC 3339") });
    const empty = await post({ hello: "world" });
    expect(empty.status).toBe(422);
    expect((await empty.json()).fields).toMatchObject({ groupKey: expect.stringContaining("Missing groupKey"), alerts: expect.stringContaining("Missing alerts") });
    expect(await db().alertGroup.count()).toBe(groups);
  });

  it("refuses what no database stores with a 422, never a 500: NUL, years past 9999, a groupKey of kilobytes", async () => {
    const labels = { alertname: "Odd", component: "forums", severity: "warning" };
    for (const [wrong, field] of [
      [payload("{}:{alertname=\"Odd\u0000\"}", [{ labels }]), "groupKey"],
      [payload("{}:{alertname=\"Odd\"}", [{ labels: { ...labels, alertname: "a\u0000b" } }]), "alerts.0.labels.alertname"],
      [payload("{}:{alertname=\"Odd\"}", [{ labels, endsAt: "+275760-09-13T00:00:00Z", status: "resolved" }]), "alerts.0.endsAt"],
      [payload("界".repeat(2_000), [{ labels }]), "groupKey"],
    ] as const) {
      const answer = await post(wrong);
      expect(answer.status, field).toBe(422);
      expect(Object.keys((await answer.json()).fields ?? {}), field).toContain(field);
    }
  });

  it("keeps each key's groups apart: another key's \"resolved\" for the same groupKey resolves nothing of this one's", async () => {
    const other = await createApiKeyRow({ name: "staging alertmanager", role: "editor" });
    const labels = { alertname: "ApiDown", component: "forums", severity: "critical" };
    const group = "{}:{alertname=\"ApiDown\"}";
    await post(payload(group, [{ labels, fingerprint: "f1" }]));
    expect((await serviceBySlug("forums")).status).toBe("major_outage");
    await post(payload(group, [{ labels, fingerprint: "f1", status: "resolved" }]), `Bearer ${other.key}`);
    expect((await serviceBySlug("forums")).status).toBe("major_outage");
    await post(payload(group, [{ labels, fingerprint: "f1", status: "resolved" }]));
    expect((await serviceBySlug("forums")).status).toBe("operational");
  });

  it("never names a hidden service in words a person may publish, and drops monitoring's control characters", async () => {
    await db().service.update({ where: { slug: "website" }, data: { hidden: true } });
    try {
      const answer = await post(
        payload("{}:{alertname=\"Secret\"}", [{ labels: { alertname: "Secret", component: "website", severity: "critical", summary: "x" }, fingerprint: "s1" }], {
          commonAnnotations: { summary: "Errors \u0007rising \u202Enow" },
        }),
      );
      expect(answer.status).toBe(200);
      const incidentId = (await answer.json()).incident.id as string;
      const draft = await db().incident.findUniqueOrThrow({ where: { id: incidentId }, include: { updates: true } });
      const words = `${draft.title}\n${draft.updates.map((update) => update.body).join("\n")}`;
      expect(words).not.toMatch(/Website/i);
      expect(words).not.toMatch(/[\u0007\u202E]/);
      await post(payload("{}:{alertname=\"Secret\"}", [{ labels: { alertname: "Secret", component: "website", severity: "critical" }, fingerprint: "s1", status: "resolved" }]));
      const suggestion = (await db().incident.findUniqueOrThrow({ where: { id: incidentId } })).suggestion ?? "";
      expect(suggestion).not.toMatch(/Website/i);
    } finally {
      await db().service.update({ where: { slug: "website" }, data: { hidden: false } });
    }
  });

  it("refuses a missing key with 401", async () => {
    expect((await post(payload("k", [{ labels: { alertname: "A" } }]), null)).status).toBe(401);
  });
});
