import { describe, expect, it } from "vitest";
import { rollUpStatus, worstStatus } from "@/lib/status";

describe("rollUpStatus", () => {
  it("says all is well when it is", () => {
    expect(rollUpStatus([{ name: "Forums", status: "operational" }])).toEqual({
      status: "operational",
      indicator: "none",
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
  });

  it("does not claim all is well while an incident is open", () => {
    const overall = rollUpStatus([{ name: "Forums", status: "operational" }], ["minor"]);
    expect(overall.title).toBe("Investigating an incident");
    expect(overall.indicator).toBe("minor");
  });

  it("ranks maintenance below any outage", () => {
    expect(worstStatus(["under_maintenance", "degraded_performance"])).toBe("degraded_performance");
    expect(rollUpStatus([{ name: "Forums", status: "under_maintenance" }]).title).toBe(
      "Scheduled maintenance in progress",
    );
  });
});
