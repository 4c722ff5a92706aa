import { describe, expect, it } from "vitest";
import { apiIncident, apiManageIncident, apiStatus, incidentEtag, safeJson } from "@/lib/statuspage";

describe("safeJson", () => {
  it("cannot close a script element it is embedded in", () => {
    const json = safeJson({ body: "</script><script>alert(1)</script> & more" });
    expect(json).not.toMatch(/[<>&]/);
    expect(JSON.parse(json)).toEqual({ body: "</script><script>alert(1)</script> & more" });
  });
});

describe("apiStatus", () => {
  const settings = { name: "x", url: "https://x", timeZone: "UTC", description: "", defaultLocale: "en" as const, asOf: null, now: new Date(), version: 0, updatedAt: new Date() };
  const group = (status: "operational" | "major_outage") => ({
    id: null,
    name: null,
    description: "",
    position: 0,
    createdAt: new Date(),
    updatedAt: new Date(),
    services: [{ id: "s", slug: "s", name: "S", description: "", status, groupId: null, groupName: null, position: 0, createdAt: new Date(), updatedAt: new Date() }],
  });

  it("uses Statuspage's indicators and descriptions", () => {
    expect(apiStatus({ settings, groups: [group("operational")] }, [], false)).toEqual({ indicator: "none", description: "All Systems Operational" });
    expect(apiStatus({ settings, groups: [group("major_outage")] }, [], false)).toEqual({ indicator: "critical", description: "Major System Outage" });
    expect(apiStatus({ settings, groups: [group("operational")] }, ["minor"], false)).toEqual({ indicator: "minor", description: "Minor Service Outage" });
    expect(apiStatus({ settings, groups: [group("operational")] }, [], true)).toEqual({ indicator: "maintenance", description: "Service Under Maintenance" });
    // Herald's `?locale=ja`: the same indicator, described in Japanese.
    expect(apiStatus({ settings, groups: [group("major_outage")] }, [], false, "ja")).toEqual({ indicator: "critical", description: "大規模なシステム障害が発生しています" });
    expect(apiStatus({ settings, groups: [group("operational")] }, [], true, "ja")).toEqual({ indicator: "maintenance", description: "メンテナンスを実施しています" });
  });
});

describe("apiManageIncident", () => {
  const settings = { name: "x", url: "https://x", timeZone: "UTC", description: "", defaultLocale: "en" as const, asOf: null, now: new Date(), version: 0, updatedAt: new Date() };
  const at = new Date("2026-12-01T10:00:00Z");
  const service = { id: "s", slug: "s", name: "S", description: "", status: "partial_outage" as const, groupId: null, groupName: null, position: 0, createdAt: at, updatedAt: at };
  const incident = {
    id: "i",
    kind: "maintenance" as const,
    title: "Upgrade",
    impact: "minor" as const,
    status: "scheduled" as const,
    startedAt: at,
    resolvedAt: null,
    scheduledStart: at,
    scheduledEnd: new Date("2026-12-01T11:00:00Z"),
    createdAt: at,
    updatedAt: at,
    services: [{ id: "s", slug: "s", name: "S" }],
    updates: [
      { id: "u2", status: "scheduled" as const, body: "Quietly", displayAt: at, createdAt: at, updatedAt: at, correctedAt: null, changes: [] },
      { id: "u1", status: "scheduled" as const, body: "Planned", displayAt: at, createdAt: at, updatedAt: at, correctedAt: null, changes: [] },
    ],
    draft: true,
    notify: true,
    backfilled: false,
    autoStart: true,
    autoComplete: false,
    remindBeforeMinutes: 60,
    remindedAt: null,
    cancelledAt: null,
    silentUpdateIds: new Set(["u2"]),
  };

  it("adds the manage API's fields to the public object, which keeps its own", () => {
    const managed = apiManageIncident(incident, settings, [service]);
    expect(managed).toMatchObject({
      draft: true,
      impact_override: "minor",
      scheduled_for: "2026-12-01T10:00:00.000+00:00",
      scheduled_remind_prior: true,
      scheduled_auto_in_progress: true,
      scheduled_auto_completed: false,
      deliver_notifications: true,
      backfilled: false,
      postmortem_body: null,
      metadata: {},
      components: [{ id: "s", status: "partial_outage" }],
    });
    expect(managed.incident_updates.map((update) => update.deliver_notifications)).toEqual([false, true]);
    const group = { id: null, name: null, description: "", position: 0, createdAt: at, updatedAt: at, services: [service] };
    const published = apiIncident(incident, { settings, groups: [group] });
    expect(published).not.toHaveProperty("draft");
    expect(published).toMatchObject({ scheduled_remind_prior: false, impact_override: null, incident_updates: [{ deliver_notifications: true }, { deliver_notifications: true }] });
  });

  it("tags each revision with its own weak ETag", () => {
    expect(incidentEtag({ id: "i", revision: 3 })).toBe('W/"i-3"');
  });
});
