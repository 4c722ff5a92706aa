import { describe, expect, it } from "vitest";
import { alertEnd, alertSummary, classifyAlert, DEFAULT_ALERT_SEVERITIES, labelFingerprint, parseSeverities, receiverYaml, resolvedSuggestionBody, severitiesByStatus, worstStatus } from "@/lib/alerts";
import { alertmanagerPayloadSchema, alertSettingsSchema } from "@/lib/schemas/alertmanager";

const rules = { serviceLabel: "component", severityLabel: "severity", severities: DEFAULT_ALERT_SEVERITIES };

describe("classifyAlert", () => {
  it("reads the service's slug and the severity's status from the labels", () => {
    expect(classifyAlert({ alertname: "LoginErrors", component: "sega-pass-login", severity: "critical" }, rules)).toEqual({ slug: "sega-pass-login", severity: "critical", status: "major_outage" });
    expect(classifyAlert({ component: "forums", severity: "Warning" }, rules)).toEqual({ slug: "forums", severity: "Warning", status: "degraded_performance" });
  });

  it("names no service or status when the labels are missing or unknown", () => {
    expect(classifyAlert({ severity: "info" }, rules)).toEqual({ slug: null, severity: "info", status: null });
    expect(classifyAlert({ component: "  " }, rules)).toEqual({ slug: null, severity: "", status: null });
    // An inherited property is no severity.
    expect(classifyAlert({ component: "x", severity: "constructor" }, rules).status).toBeNull();
  });

  it("follows the labels the settings name", () => {
    expect(classifyAlert({ service: "forums", level: "p1" }, { serviceLabel: "service", severityLabel: "level", severities: { p1: "partial_outage" } })).toMatchObject({ slug: "forums", status: "partial_outage" });
  });
});

describe("the rules' small parts", () => {
  it("picks the worst status", () => {
    expect(worstStatus(["degraded_performance", "major_outage", "partial_outage"])).toBe("major_outage");
    expect(worstStatus([])).toBeNull();
  });

  it("reads a stored severity map, dropping what it cannot use", () => {
    expect(parseSeverities('{"critical":"major_outage","odd":"on_fire","info":"operational"}')).toEqual({ critical: "major_outage" });
    expect(parseSeverities("not json")).toEqual(DEFAULT_ALERT_SEVERITIES);
    expect(severitiesByStatus({ critical: "major_outage", page: "major_outage", warning: "degraded_performance" })).toEqual({
      major_outage: "critical, page",
      partial_outage: "",
      degraded_performance: "warning",
    });
  });

  it("treats Go's zero time as no end", () => {
    expect(alertEnd("0001-01-01T00:00:00Z")).toBeNull();
    expect(alertEnd(undefined)).toBeNull();
    expect(alertEnd("2024-05-01T12:00:00.123456789+02:00")?.toISOString()).toBe("2024-05-01T10:00:00.123Z");
  });

  it("fingerprints labels whatever their order", () => {
    expect(labelFingerprint({ a: "1", b: "2" })).toBe(labelFingerprint({ b: "2", a: "1" }));
    expect(labelFingerprint({ a: "1", b: "2" })).not.toBe(labelFingerprint({ a: "12" }));
    expect(labelFingerprint({ a: "1" })).toMatch(/^[0-9a-f]{16}$/);
  });

  it("writes the words a person is offered", () => {
    expect(alertSummary([{ labels: { alertname: "LoginErrors" }, annotations: { summary: "Login errors\nabove 5%" }, severity: "critical" }, { labels: {}, annotations: {}, severity: "" }])).toBe(
      "LoginErrors (critical): Login errors above 5%; Alert",
    );
    expect(resolvedSuggestionBody(["Forums", "Website", "Payments"])).toBe("This incident has been resolved: Forums, Website and Payments are working normally again.");
    expect(receiverYaml({ url: "https://status.example.com/api/v1/integrations/alertmanager" })).toContain("credentials: <the API key>");
  });
});

describe("alertmanagerPayloadSchema", () => {
  const alert = { status: "firing", labels: { alertname: "A" }, annotations: {}, startsAt: "2023-02-06T13:08:45.828Z", endsAt: "0001-01-01T00:00:00Z", fingerprint: "1a30ba71cca2921f" };

  it("takes Alertmanager's payload and keeps fields it does not know", () => {
    const parsed = alertmanagerPayloadSchema.parse({ receiver: "sms", status: "firing", alerts: [alert], groupKey: "{}:{alertname=\"A\"}", version: "4", future: 1 });
    expect(parsed).toMatchObject({ groupKey: "{}:{alertname=\"A\"}", truncatedAlerts: 0, commonLabels: {}, future: 1 });
  });

  it("says which field is wrong", () => {
    const result = alertmanagerPayloadSchema.safeParse({ status: "firing", groupKey: "k", alerts: [{ ...alert, labels: { a: 1 } }] });
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((issue) => issue.path.join("."))).toEqual(["alerts.0.labels.a"]);
  });
});

describe("alertSettingsSchema", () => {
  it("turns the per-status lists into one severity map", () => {
    expect(alertSettingsSchema.parse({ serviceLabel: "component", severityLabel: "severity", severity_major_outage: "Critical, page", severity_degraded_performance: "warning" })).toEqual({
      serviceLabel: "component",
      severityLabel: "severity",
      severities: { critical: "major_outage", page: "major_outage", warning: "degraded_performance" },
    });
  });

  it("refuses label names Prometheus would not accept", () => {
    expect(alertSettingsSchema.safeParse({ serviceLabel: "1abc", severityLabel: "severity" }).success).toBe(false);
  });
});
