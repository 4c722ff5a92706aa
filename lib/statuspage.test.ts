import { describe, expect, it } from "vitest";
import { apiStatus, safeJson } from "@/lib/statuspage";

describe("safeJson", () => {
  it("cannot close a script element it is embedded in", () => {
    const json = safeJson({ body: "</script><script>alert(1)</script> & more" });
    expect(json).not.toMatch(/[<>&]/);
    expect(JSON.parse(json)).toEqual({ body: "</script><script>alert(1)</script> & more" });
  });
});

describe("apiStatus", () => {
  const settings = { name: "x", url: "https://x", timeZone: "UTC", description: "", asOf: null, now: new Date(), version: 0, updatedAt: new Date() };
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
  });
});
