import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/views/actor";
import { db, writeTransaction } from "@/server/db";
import { loadDemoStory } from "@/server/demo";
import { getPageSettings } from "@/server/settings";
import { createTemplate, deleteTemplate, draftFromTemplate, getTemplate, listTemplates, templateDraft, updateTemplate } from "@/server/templates";

// Templates against a real database: admins manage them, editors read them, every change
// is audited (and none is public), and drafts fill them in for the services concerned.

let admin: Actor;
let editor: Actor;
const ids: Record<string, string> = {};

beforeAll(async () => {
  await loadDemoStory(db(), "https://status.example.com");
  const a = await db().user.create({ data: { email: "admin@sega.example", role: "admin", passwordHash: "x" } });
  const e = await db().user.create({ data: { email: "editor@sega.example", role: "editor", passwordHash: "x" } });
  admin = { id: a.id, email: a.email, name: "", role: "admin", sessionId: "s" };
  editor = { id: e.id, email: e.email, name: "", role: "editor", sessionId: "s" };
  for (const service of await db().service.findMany()) ids[service.slug] = service.id;
});

const forumsDown = () => ({
  name: "Forums down",
  title: "{{service}} unavailable",
  body: "**{{services}}** cannot be reached. Status: {{status}}, impact: {{impact}}, on {{page}}.",
  status: "identified",
  impact: "major",
  notify: "on",
  affected: { [ids.forums]: "major_outage", [ids.website]: "" },
});

describe("managing templates", () => {
  it("lets an admin create one, audited but not public, and an editor read it", async () => {
    const version = (await getPageSettings()).version;
    const result = await createTemplate(admin, forumsDown());
    expect(result).toMatchObject({ ok: true, message: "Saved the template “Forums down”." });
    const id = result.templateId!;
    expect(await getTemplate(editor, id)).toMatchObject({
      name: "Forums down",
      title: "{{service}} unavailable",
      status: "identified",
      impact: "major",
      notify: true,
      services: [{ id: ids.forums, name: "Forums", status: "major_outage" }],
      alertServices: [],
    });
    expect((await listTemplates(editor)).map((template) => template.name)).toEqual(["Forums down", "Login degraded (monitoring alert)", "Suspected account breach"]);
    const entry = await db().auditLog.findFirstOrThrow({ where: { entityType: "template", entityId: id } });
    expect(entry).toMatchObject({ userId: admin.id, action: "created" });
    expect(JSON.parse(entry.after!)).toMatchObject({ name: "Forums down", services: { [ids.forums]: "major_outage" } });
    expect((await getPageSettings()).version).toBe(version);
  });

  it("refuses editors and strangers, who may use templates but not change them", async () => {
    await expect(createTemplate(editor, { ...forumsDown(), name: "Sneaky" })).rejects.toThrow(/needs the admin role/);
    await expect(createTemplate(null, { ...forumsDown(), name: "Sneaky" })).rejects.toThrow(/session has ended/);
    await expect(listTemplates(null)).rejects.toThrow(/session has ended/);
    expect(await db().incidentTemplate.count({ where: { name: "Sneaky" } })).toBe(0);
  });

  it("refuses a taken name, unknown placeholders and vanished services, saying which", async () => {
    expect(await createTemplate(admin, forumsDown())).toMatchObject({ ok: false, fieldErrors: { name: "Another template is already called “Forums down”. Choose a different name." } });
    expect(await createTemplate(admin, { ...forumsDown(), name: "Typo", title: "{{servce}} down" })).toMatchObject({
      ok: false,
      fieldErrors: { title: expect.stringMatching(/^There is no placeholder \{\{servce\}\}\. Use \{\{services\}\}/) },
      values: expect.objectContaining({ title: "{{servce}} down" }),
    });
    expect(await createTemplate(admin, { ...forumsDown(), name: "Ghost", affected: { "no-such-service": "major_outage" } })).toMatchObject({ ok: false, error: "One of the services no longer exists. Reload the page." });
    expect(await db().incidentTemplate.count({ where: { name: { in: ["Typo", "Ghost"] } } })).toBe(0);
  });

  it("edits a template, replacing its services, and audits before and after", async () => {
    const [template] = await listTemplates(editor);
    const taken = await updateTemplate(admin, { ...forumsDown(), templateId: template.id, name: "Suspected account breach" });
    expect(taken).toMatchObject({ ok: false, fieldErrors: { name: expect.stringContaining("already called") } });
    const result = await updateTemplate(admin, { ...forumsDown(), templateId: template.id, name: "Community down", notify: undefined, affected: { [ids.forums]: "partial_outage", [ids.website]: "degraded_performance" } });
    expect(result).toMatchObject({ ok: true, message: "Saved the template “Community down”." });
    expect(await getTemplate(editor, template.id)).toMatchObject({
      name: "Community down",
      notify: false,
      services: [
        { name: "Forums", status: "partial_outage" },
        { name: "Website", status: "degraded_performance" },
      ],
    });
    const entry = await db().auditLog.findFirstOrThrow({ where: { entityType: "template", entityId: template.id, action: "changed" } });
    expect(JSON.parse(entry.before!)).toMatchObject({ name: "Forums down", notify: true });
    expect(JSON.parse(entry.after!)).toMatchObject({ name: "Community down", notify: false });
    expect(await updateTemplate(admin, { ...forumsDown(), templateId: "gone" })).toMatchObject({ ok: false, error: "That template no longer exists. Reload the page." });
  });

  it("deletes only with confirmation; a service's alerts then fall back to the built-in text", async () => {
    const alertTemplate = (await listTemplates(editor)).find((template) => template.name === "Login degraded (monitoring alert)")!;
    expect(await deleteTemplate(admin, { id: alertTemplate.id })).toMatchObject({ ok: false, fieldErrors: { confirm: "Tick the box to confirm the deletion." } });
    await expect(deleteTemplate(editor, { id: alertTemplate.id, confirm: "yes" })).rejects.toThrow(/needs the admin role/);
    expect(await deleteTemplate(admin, { id: alertTemplate.id, confirm: "yes" })).toMatchObject({
      ok: true,
      message: "Deleted the template “Login degraded (monitoring alert)”. Alerts on Sega Pass login now draft incidents from the built-in text.",
    });
    expect(await getTemplate(editor, alertTemplate.id)).toBeNull();
    expect((await db().service.findUniqueOrThrow({ where: { id: ids["sega-pass-login"] } })).alertTemplateId).toBeNull();
    expect(await db().incidentTemplateService.count({ where: { templateId: alertTemplate.id } })).toBe(0);
    expect(await db().auditLog.count({ where: { entityType: "template", entityId: alertTemplate.id, action: "deleted" } })).toBe(1);
  });
});

describe("drafts from templates", () => {
  it("fills in the template for its own services, in the page's order, Markdown kept", async () => {
    const community = (await listTemplates(editor)).find((template) => template.name === "Community down")!;
    const draft = await writeTransaction((tx) => draftFromTemplate(tx, { templateId: community.id, serviceIds: [] }));
    expect(draft).toEqual({
      templateId: community.id,
      templateName: "Community down",
      title: "Forums unavailable",
      body: "**Forums and Website** cannot be reached. Status: Identified, impact: Major, on Sega Pass status.",
      status: "identified",
      impact: "major",
      notify: false,
      affected: { [ids.forums]: "partial_outage", [ids.website]: "degraded_performance" },
    });
  });

  it("adds an alert's services with the template's first status, and names the alert", async () => {
    const breach = await db().incidentTemplate.create({ data: { name: "Alerting", title: "{{alert}} on {{services}}", body: "Seen: {{alert}}", impact: "critical" } });
    const draft = await writeTransaction((tx) => draftFromTemplate(tx, { templateId: breach.id, serviceIds: [ids.payments, ids["sega-pass-login"]], alert: "High error rate\non login" }));
    expect(draft).toMatchObject({
      title: "High error rate on login on Sega Pass login and Payments",
      body: "Seen: High error rate on login",
      // The template names no services, so its impact chooses their status.
      affected: { [ids.payments]: "major_outage", [ids["sega-pass-login"]]: "major_outage" },
    });
    const community = (await listTemplates(editor)).find((template) => template.name === "Community down")!;
    const withPayments = await writeTransaction((tx) => draftFromTemplate(tx, { templateId: community.id, serviceIds: [ids.payments] }));
    expect(withPayments.affected).toEqual({ [ids.forums]: "partial_outage", [ids.website]: "degraded_performance", [ids.payments]: "partial_outage" });
    expect(withPayments.body).toMatch(/^\*\*Forums, Website and Payments\*\*/);
  });

  it("uses the built-in text without a template, or when it was deleted", async () => {
    const plain = await writeTransaction((tx) => draftFromTemplate(tx, { templateId: null, serviceIds: [ids.forums] }));
    expect(plain).toEqual({
      templateId: null,
      templateName: null,
      title: "Problems with Forums",
      body: "We are looking into a problem with Forums.\n\nWe will post an update here as soon as we know more.",
      status: "investigating",
      impact: "minor",
      notify: true,
      affected: { [ids.forums]: "degraded_performance" },
    });
    const alerted = await writeTransaction((tx) => draftFromTemplate(tx, { templateId: "deleted-meanwhile", serviceIds: [ids["sega-pass-login"], "gone-service"], alert: "LoginLatencyHigh" }));
    expect(alerted).toMatchObject({
      templateId: null,
      title: "Problems with Sega Pass login",
      body: "We are looking into a problem with Sega Pass login: our monitoring alerted us to LoginLatencyHigh.\n\nWe will post an update here as soon as we know more.",
      affected: { [ids["sega-pass-login"]]: "degraded_performance" },
    });
  });

  it("pre-fills a console form for editors, naming an incident's services when the template has none", async () => {
    const alerting = (await listTemplates(editor)).find((template) => template.name === "Alerting")!;
    const breach = await db().incident.findFirstOrThrow({ where: { title: "Unauthorised access to the Sega Pass database" } });
    expect(await templateDraft(editor, alerting.id, { incidentId: breach.id })).toMatchObject({ title: "on Sega Pass login, Sega Pass password reset and Forums", affected: {} });
    expect(await templateDraft(editor, alerting.id)).toMatchObject({ title: "on our services", affected: {} });
    expect(await templateDraft(editor, "no-such-template")).toBeNull();
    await expect(templateDraft(null, alerting.id)).rejects.toThrow(/session has ended/);
  });
});
