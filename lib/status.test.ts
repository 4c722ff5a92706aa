import { describe, expect, it } from "vitest";
import type { Impact, IncidentKind } from "@/lib/constants";
import { openIncidentsBySeverity, rollUpStatus, worstStatus } from "@/lib/status";
import type { IncidentView } from "@/lib/views/incidents";

describe("rollUpStatus", () => {
  it("says all is well when it is", () => {
    expect(rollUpStatus([{ name: "Forums", status: "operational" }])).toEqual({
      status: "operational",
      indicator: "none",
      headline: "operational",
      affected: [],
      title: "All systems operational",
      detail: "",
    });
  });

  it("names the worst status first and lists who is affected", () => {
    const overall = rollUpStatus(
      [
        { name: "Login", status: "major_outage" },
        { name: "Forums", status: "major_outage" },
        { name: "Website", status: "degraded_performance" },
        { name: "Payments", status: "operational" },
      ],
      ["critical"],
    );
    expect(overall.title).toBe("Major outage");
    expect(overall.indicator).toBe("critical");
    expect(overall.detail).toBe("Login and Forums are down. Website is slower or less reliable than usual.");
    // What the page says in its own language (components/status/status-banner.tsx).
    expect(overall.headline).toBe("major_outage");
    expect(overall.affected).toEqual([
      { status: "major_outage", names: ["Login", "Forums"] },
      { status: "degraded_performance", names: ["Website"] },
    ]);
  });

  it("does not claim all is well while an incident is open", () => {
    const overall = rollUpStatus([{ name: "Forums", status: "operational" }], ["minor"]);
    expect(overall.title).toBe("Investigating an incident");
    expect(overall.headline).toBe("investigating");
    expect(overall.indicator).toBe("minor");
  });

  it("ranks maintenance below any outage", () => {
    expect(worstStatus(["under_maintenance", "degraded_performance"])).toBe("degraded_performance");
    expect(rollUpStatus([{ name: "Forums", status: "under_maintenance" }]).title).toBe(
      "Scheduled maintenance in progress",
    );
  });
});

describe("openIncidentsBySeverity", () => {
  const incident = (title: string, impact: Impact, startedAt: string, more: Partial<Pick<IncidentView, "kind" | "resolvedAt">> = {}) => ({
    title,
    impact,
    kind: "incident" as IncidentKind,
    startedAt: new Date(startedAt),
    resolvedAt: null as Date | null,
    ...more,
  });

  it("lists open incidents by impact, critical first, then the newest first", () => {
    const newestFirst = [
      incident("Website slow", "minor", "2011-06-17T12:00:00Z"),
      incident("Nothing broken", "none", "2011-06-17T11:00:00Z"),
      incident("Forums down", "major", "2011-06-17T10:00:00Z"),
      incident("Login down", "critical", "2011-06-16T09:00:00Z"),
      incident("Payments failing", "major", "2011-06-17T11:30:00Z"),
    ];
    expect(openIncidentsBySeverity(newestFirst).map((open) => open.title)).toEqual([
      "Login down",
      "Payments failing",
      "Forums down",
      "Website slow",
      "Nothing broken",
    ]);
  });

  it("puts open incidents before maintenance and ended incidents, which keep their order", () => {
    const list = [
      incident("Maintenance", "none", "2011-06-18T09:00:00Z", { kind: "maintenance" }),
      incident("Resolved outage", "critical", "2011-06-17T09:00:00Z", { resolvedAt: new Date("2011-06-17T10:00:00Z") }),
      incident("Open and minor", "minor", "2011-06-16T09:00:00Z"),
      incident("Older resolved", "major", "2011-06-01T09:00:00Z", { resolvedAt: new Date("2011-06-02T09:00:00Z") }),
    ];
    expect(openIncidentsBySeverity(list).map((item) => item.title)).toEqual(["Open and minor", "Maintenance", "Resolved outage", "Older resolved"]);
  });
});
