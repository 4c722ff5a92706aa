import { describe, expect, it } from "vitest";
import { editIncidentFormSchema, groupEditSchema, groupSchema, nestAffected, openIncidentSchema, planMaintenanceSchema, postUpdateSchema, serviceEditSchema, serviceSchema, settingsSchema } from "@/lib/schemas/admin";

const RLO = "\u202E", PDF = "\u202C", RLI = "\u2067", PDI = "\u2069";
const settings = { name: "Status", url: "https://status.example.com", timeZone: "UTC", defaultLocale: "en" };

describe("titles and names", () => {
  const forms = [
    ["incident title", openIncidentSchema, { status: "investigating", body: "b", impact: "minor" }, "title"],
    ["maintenance title", planMaintenanceSchema, { body: "b", scheduledStart: "2024-01-01T10:00", scheduledEnd: "2024-01-01T11:00" }, "title"],
    ["page name", settingsSchema, settings, "name"],
    ["service name", serviceSchema, {}, "name"],
    ["renamed service", serviceEditSchema, { serviceId: "s1" }, "name"],
    ["group name", groupSchema, {}, "name"],
    ["renamed group", groupEditSchema, { groupId: "g1" }, "name"],
    ["edited incident title", editIncidentFormSchema, { incidentId: "i1", revision: "1", impact: "minor" }, "title"],
  ] as const;

  it("lose bidi embeddings, overrides and isolates as they are saved", () => {
    for (const [what, schema, rest, field] of forms) {
      const parsed = schema.safeParse({ ...rest, [field]: ` Login ${RLO}exe.txt${PDF} ${RLI}\u05E9\u05DC\u05D5\u05DD${PDI}\u200F ` });
      expect(parsed.success, what).toBe(true);
      expect((parsed.data as Record<string, unknown>)[field], what).toBe("Login exe.txt \u05E9\u05DC\u05D5\u05DD\u200F");
    }
  });

  it("stay on one line: a pasted line break becomes a space", () => {
    for (const [what, schema, rest, field] of forms) {
      const parsed = schema.safeParse({ ...rest, [field]: "Sega Pass\r\nlogin down" });
      expect((parsed.data as Record<string, unknown>)[field], what).toBe("Sega Pass login down");
    }
  });

  it("count as empty when nothing else is left", () => {
    for (const [what, schema, rest, field] of forms) {
      const parsed = schema.safeParse({ ...rest, [field]: `${RLO} ${PDF}` });
      expect(parsed.success, what).toBe(false);
      expect(parsed.error?.issues.map((issue) => issue.path.join(".")), what).toContain(field);
    }
  });
});

describe("settingsSchema's public address", () => {
  const url = (value: string) => settingsSchema.safeParse({ ...settings, url: value });

  it("is stored normalised", () => {
    expect(url("HTTPS://Status.Example.com:443/").data?.url).toBe("https://status.example.com");
    expect(url("https://example.com/status/").data?.url).toBe("https://example.com/status");
  });

  it("refuses credentials, queries and fragments, and other schemes", () => {
    expect(url("https://owner:secret@status.example.com").error?.issues[0].message).toMatch(/Leave out the user name and password/);
    expect(url("https://status.example.com/?ref=x").error?.issues[0].message).toMatch(/Leave out the \? and # parts/);
    expect(url("https://status.example.com/#top").error?.issues[0].message).toMatch(/Leave out the \? and # parts/);
    expect(url("mailto:x@example.com").error?.issues[0].message).toMatch(/starting with https:\/\//);
  });
});

describe("descriptions", () => {
  const forms = [
    ["page description", settingsSchema, settings],
    ["service description", serviceSchema, { name: "Forums" }],
    ["group description", groupSchema, { name: "Community" }],
  ] as const;

  it("lose bidi controls and refuse control characters, like titles, and may be empty", () => {
    for (const [what, schema, rest] of forms) {
      expect((schema.safeParse({ ...rest, description: `Our ${RLO}forums${PDF}` }).data as Record<string, unknown>).description, what).toBe("Our forums");
      const refused = schema.safeParse({ ...rest, description: "bell\u0007" });
      expect(refused.error?.issues.map((issue) => issue.message), what).toContain("Remove the invisible control characters from the description.");
      expect((schema.safeParse({ ...rest }).data as Record<string, unknown>).description, what).toBe("");
    }
  });
});

describe("the update forms' display time and services", () => {
  const open = { title: "Sega Pass offline", impact: "critical", status: "investigating", body: "Offline." };

  it("reads the page's style of date into the wall clock the server places in the page's zone", () => {
    expect(openIncidentSchema.parse({ ...open, displayAt: "16 June 2011 10:00" }).displayAt).toBe("2011-06-16T10:00");
    expect(openIncidentSchema.parse({ ...open, displayAt: "2011-06-16T10:00" }).displayAt).toBe("2011-06-16T10:00");
    expect(openIncidentSchema.parse({ ...open, displayAt: "  " }).displayAt).toBeUndefined();
  });

  it("names what is wrong with a date next to the field", () => {
    const parsed = postUpdateSchema.safeParse({ incidentId: "i1", revision: "2", status: "identified", body: "b", displayAt: "06/17/2011 08:30" });
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues[0]).toMatchObject({ path: ["displayAt"], message: "Enter the date and time like 17 June 2011 08:30, or leave it empty for now." });
    const impossible = postUpdateSchema.safeParse({ incidentId: "i1", revision: "2", status: "identified", body: "b", displayAt: "31 June 2011 08:30" });
    expect(impossible.error!.issues[0].message).toBe("June 2011 has 30 days.");
  });

  it("takes the services from the one list: a status means affected, none means left out", () => {
    const parsed = openIncidentSchema.parse(nestAffected({ ...open, "affected.login": "major_outage", "affected.forums": "operational", "affected.payments": "" }));
    expect(parsed.affected).toEqual({ login: "major_outage", forums: "operational" });
    expect(parsed.services).toEqual([]);
    expect(openIncidentSchema.safeParse(nestAffected({ ...open, "affected.login": "on_fire" })).error!.issues[0]).toMatchObject({ path: ["affected", "login"], message: "Choose a status." });
  });

  it("edits take every ticked service, one or many or none", () => {
    const base = { incidentId: "i1", revision: "3", title: "t", impact: "major" };
    expect(editIncidentFormSchema.parse(base).services).toEqual([]);
    expect(editIncidentFormSchema.parse({ ...base, services: "forums" }).services).toEqual(["forums"]);
    expect(editIncidentFormSchema.parse({ ...base, services: ["forums", "website"] })).toMatchObject({ revision: 3, services: ["forums", "website"] });
    expect(editIncidentFormSchema.safeParse({ ...base, impact: "apocalyptic" }).error!.issues[0].message).toBe("Choose the impact.");
  });
});
