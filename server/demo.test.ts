import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { DEMO, isEmpty, loadDemoStory } from "@/server/demo";
import { ADVICE_JA, GROUPS_JA, INCIDENT_TITLE_JA, SERVICES_JA, UPDATES_JA } from "@/server/demo-ja";
import { getIncident, listOpenIncidents, listOpenMaintenance, listRecentlyResolved } from "@/server/incidents";
import { getService, listServiceGroups } from "@/server/services";
import { getPageSettings } from "@/server/settings";
import { listTemplates, templateDraft } from "@/server/templates";
import { getUptimeBars } from "@/server/uptime";

// The demo story, read back through the same queries the public pages use.
describe("the Sega Pass demo story", () => {
  beforeAll(async () => {
    expect(await isEmpty(db())).toBe(true);
    await loadDemoStory(db(), "https://status.example.com/");
  });

  it("is loaded only into an empty database", async () => {
    expect(await isEmpty(db())).toBe(false);
  });

  it("lists the services in their groups and order", async () => {
    const groups = await listServiceGroups();
    expect(groups.map((group) => [group.name, group.services.map((service) => `${service.name}: ${service.status}`)])).toEqual([
      ["Sega Pass", ["Sega Pass login: major_outage", "Sega Pass password reset: major_outage"]],
      ["Community", ["Forums: major_outage"]],
      ["Web and payments", ["Website: operational", "Payments: operational"]],
    ]);
  });

  it("has one open critical incident whose updates run newest first, the UPDATE on top", async () => {
    const [incident, ...others] = await listOpenIncidents();
    expect(others).toHaveLength(0);
    expect(incident.title).toBe(DEMO.incidentTitle);
    expect(incident.impact).toBe("critical");
    expect(incident.services.map((service) => service.name)).toEqual(["Sega Pass login", "Sega Pass password reset", "Forums"]);
    const times = incident.updates.map((update) => update.displayAt.getTime());
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(incident.updates).toHaveLength(6);
    expect(incident.updates[0].body).toMatch(/^\*\*UPDATE:\*\* The hacking group LulzSec/);
    expect(incident.updates.at(-1)!.displayAt.toISOString()).toBe("2011-06-16T09:00:00.000Z");
    expect(incident.updates.at(-1)!.changes.map((change) => `${change.serviceName}: ${change.newStatus}`)).toEqual([
      "Sega Pass login: major_outage",
      "Sega Pass password reset: major_outage",
    ]);
    expect((await getIncident(incident.id))?.updates).toHaveLength(6);
  });

  it("tells what was and was not taken, and what to do", async () => {
    const [incident] = await listOpenIncidents();
    const text = incident.updates.map((update) => update.html).join("\n");
    expect(text).toContain("<li>email addresses</li>");
    expect(text).toContain("<li>dates of birth</li>");
    expect(text).toMatch(/Payment details were <strong>not<\/strong> accessed/);
    expect(text).toMatch(/reset every Sega Pass password/);
    expect(text).toMatch(/change the password there/);
  });

  it("pins what readers should do, so it is not three updates down", async () => {
    const [incident] = await listOpenIncidents();
    expect(incident.advice?.body).toBe(DEMO.advice);
    expect(incident.advice?.html).toContain("<strong>Your Sega Pass password has been reset.</strong>");
    expect(incident.advice?.html).toMatch(/change it there now/);
    // Pinned when the passwords were reset, as the update that first said so.
    expect(incident.advice?.updatedAt.toISOString()).toBe("2011-06-17T08:00:00.000Z");
    expect(incident.postmortem).toBeNull();
  });

  it("has no maintenance and nothing resolved yet", async () => {
    const settings = await getPageSettings();
    expect(await listOpenMaintenance()).toEqual([]);
    expect(await listRecentlyResolved(settings.now)).toEqual([]);
  });

  it("shows the outage in the 90-day bars, as of the story's evening", async () => {
    const settings = await getPageSettings();
    expect(settings.now.toISOString()).toBe(DEMO.asOf.toISOString());
    expect(settings.url).toBe("https://status.example.com");
    const login = (await getService("sega-pass-login"))!;
    expect(login.statusSince?.toISOString()).toBe("2011-06-16T09:00:00.000Z");
    const payments = (await getService("payments"))!;
    const bars = await getUptimeBars([login.id, payments.id], settings.now, settings.timeZone);
    const loginDays = bars.get(login.id)!.days;
    expect(loginDays).toHaveLength(90);
    expect(loginDays.at(-1)!.key).toBe("2011-06-17");
    expect(loginDays.at(-2)!).toMatchObject({ key: "2011-06-16", worst: "major_outage" });
    expect(loginDays.at(-2)!.incidents.map((incident) => incident.title)).toEqual(["Unauthorised access to the Sega Pass database"]);
    expect(loginDays.slice(0, -2).every((day) => day.worst === "operational")).toBe(true);
    expect(bars.get(login.id)!.uptime).toBeLessThan(100);
    expect(bars.get(payments.id)!.uptime).toBe(100);
  });

  it("ships two templates written for the story, the login service's alerts drafting from the second", async () => {
    const editor = { id: "demo-reader", email: "ops@sega.example", name: "", role: "editor" as const, sessionId: "s" };
    const templates = await listTemplates(editor);
    expect(templates.map((template) => [template.name, template.impact, template.notify, template.services.map((service) => `${service.name}: ${service.status}`), template.alertServices.map((service) => service.name)])).toEqual([
      ["Login degraded (monitoring alert)", "minor", false, ["Sega Pass login: degraded_performance"], ["Sega Pass login"]],
      ["Suspected account breach", "critical", true, ["Sega Pass login: major_outage", "Sega Pass password reset: major_outage"], []],
    ]);
    const breach = (await templateDraft(editor, templates[1].id))!;
    expect(breach.title).toBe("Sega Pass login and Sega Pass password reset offline while we check a security problem");
    expect(breach.body).toMatch(/^We have taken Sega Pass login and Sega Pass password reset offline/);
    expect(breach.body).not.toContain("{{");
    // Loading the templates left the login service's story time alone.
    const login = await db().service.findUniqueOrThrow({ where: { slug: "sega-pass-login" } });
    expect(login.updatedAt.toISOString()).toBe("2011-06-16T09:00:00.000Z");
  });

  it("ships in Japanese too: every service, group, the title, the advice and each update but the latest", async () => {
    const groups = await listServiceGroups("ja");
    expect(groups.map((group) => group.name)).toEqual(Object.values(GROUPS_JA).map((group) => group.name));
    const services = groups.flatMap((group) => group.services);
    expect(services.map((service) => [service.name, service.description, service.lang])).toEqual(
      Object.values(SERVICES_JA).map((service) => [service.name, service.description, "ja"]),
    );

    const [incident] = await listOpenIncidents("ja");
    expect(incident.title).toBe(INCIDENT_TITLE_JA);
    expect(incident.titleLanguage).toMatchObject({ lang: "ja", translated: true });
    expect(incident.advice).toMatchObject({ body: ADVICE_JA, language: { lang: "ja", translated: true } });
    expect(incident.services.map((service) => service.name)).toEqual(["Sega Pass ログイン", "Sega Pass パスワード再設定", "フォーラム"]);
    // Newest first: the LulzSec UPDATE is the one left in English on purpose (server/demo-ja.ts).
    const [latest, ...translated] = incident.updates;
    expect(latest.body).toMatch(/^\*\*UPDATE:\*\* The hacking group LulzSec/);
    expect(latest.language).toMatchObject({ lang: "en", translated: false });
    expect(translated.map((update) => update.body)).toEqual(Object.values(UPDATES_JA).reverse());
    expect(translated.every((update) => update.language.lang === "ja" && update.language.translated)).toBe(true);
    expect(Object.values(UPDATES_JA).join("")).not.toMatch(/[\u0000-\u0008]|undefined/);
  });
});
