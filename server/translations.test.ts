import { beforeAll, describe, expect, it } from "vitest";
import type { Locale } from "@/lib/i18n/locales";
import type { Actor } from "@/lib/views/actor";
import { setAdvice } from "@/server/advice";
import { db } from "@/server/db";
import { getIncident } from "@/server/incidents";
import { openIncident, postUpdate } from "@/server/incident-updates";
import { getPublicStatus, latestChange } from "@/server/public-status";
import { listServiceGroups } from "@/server/services";
import { getPageSettings } from "@/server/settings";
import { getIncidentTranslations, listMissingTranslations, setGroupTranslation, setIncidentTranslation, setServiceTranslation, setUpdateTranslation } from "@/server/translations";

// Translations of incident texts and catalog names: audited, refused in the original's
// language and when stale, and written beside the originals so the source language's
// Last-Modified never moves; then read back per language, with the original as fallback.

let editor: Actor;
let admin: Actor;
let incidentId: string;
let firstUpdateId: string;
let laterUpdateId: string;
let serviceId: string;

/**
 * What the incident adds to a page's Last-Modified (latestChange), apart from the settings
 * row, whose updatedAt every public change moves with the public version.
 */
const incidentLastModified = async (locale: Locale | null) => latestChange({ settings: { ...(await getPageSettings()), updatedAt: new Date(0) }, groups: [] }, [(await getIncident(incidentId, locale))!]);
const version = async () => (await getPageSettings()).version;
const revisionOf = async (incident: string) => (await db().incident.findUniqueOrThrow({ where: { id: incident } })).revision;
const actorOf = async (role: "editor" | "admin"): Promise<Actor> => {
  const user = await db().user.create({ data: { email: `${role}@example.com`, role, passwordHash: "x" } });
  return { id: user.id, email: user.email, name: "", role, sessionId: "s" };
};

beforeAll(async () => {
  await db().pageSettings.create({ data: { id: 1, name: "Example status", url: "https://status.example.com", timeZone: "UTC" } });
  const group = await db().serviceGroup.create({ data: { name: "Accounts", position: 0 } });
  serviceId = (await db().service.create({ data: { slug: "login", name: "Login", position: 0, groupId: group.id } })).id;
  [editor, admin] = await Promise.all([actorOf("editor"), actorOf("admin")]);
  const opened = await openIncident(editor, { title: "Accounts breached", impact: "critical", status: "identified", body: "Someone got in.", displayAt: "2024-03-01T10:00", services: serviceId, affected: {} });
  incidentId = opened.incidentId!;
  await postUpdate(editor, { incidentId, revision: await revisionOf(incidentId), status: "identified", body: "We reset every password.", affected: {} });
  await setAdvice(editor, { incidentId, revision: await revisionOf(incidentId), advice: "Change your password." });
  const updates = await db().incidentUpdate.findMany({ where: { incidentId }, orderBy: { createdAt: "asc" } });
  [firstUpdateId, laterUpdateId] = updates.map((update) => update.id);
});

describe("setIncidentTranslation and setUpdateTranslation", () => {
  it("write the translation with its audit entry and make it public, leaving the incident and update rows alone", async () => {
    const incidentBefore = await db().incident.findUniqueOrThrow({ where: { id: incidentId } });
    const updateBefore = await db().incidentUpdate.findUniqueOrThrow({ where: { id: firstUpdateId } });
    const lastModified = await incidentLastModified(null);
    const publicVersion = await version();

    expect(await setIncidentTranslation(editor, { incidentId, locale: "ja", field: "title", revision: 0, text: "アカウントへの不正アクセス" })).toMatchObject({ ok: true });
    expect(await setUpdateTranslation(editor, { updateId: firstUpdateId, locale: "ja", revision: 0, text: "何者かが侵入しました。" })).toMatchObject({ ok: true });

    expect(await version()).toBe(publicVersion + 2);
    const incidentAfter = await db().incident.findUniqueOrThrow({ where: { id: incidentId } });
    expect(incidentAfter.updatedAt).toEqual(incidentBefore.updatedAt);
    expect(incidentAfter.revision).toBe(incidentBefore.revision);
    expect((await db().incidentUpdate.findUniqueOrThrow({ where: { id: firstUpdateId } })).updatedAt).toEqual(updateBefore.updatedAt);
    // The incident's time in its own language stays; the Japanese page's moves with its translation.
    expect(await incidentLastModified("en")).toEqual(lastModified);
    expect((await incidentLastModified("ja")).getTime()).toBeGreaterThan(lastModified.getTime());
    expect((await getPublicStatus("ja")).openIncidents[0].title).toBe("アカウントへの不正アクセス");

    const entry = await db().auditLog.findFirstOrThrow({ where: { entityType: "incident_translation", entityId: incidentId, action: "title_translated" } });
    expect(entry.userId).toBe(editor.id);
    expect(JSON.parse(entry.before!)).toEqual({ locale: "ja", title: null });
    expect(JSON.parse(entry.after!)).toEqual({ locale: "ja", title: "アカウントへの不正アクセス" });
    expect(await db().auditLog.count({ where: { entityType: "incident_update_translation", entityId: firstUpdateId, action: "translated" } })).toBe(1);
  });

  it("show readers their language where it exists and the original, in its language, where not", async () => {
    const ja = (await getIncident(incidentId, "ja"))!;
    expect(ja.title).toBe("アカウントへの不正アクセス");
    expect(ja.titleLanguage).toMatchObject({ lang: "ja", translated: true });
    const [later, first] = ja.updates;
    expect(first.html).toContain("何者かが侵入しました。");
    expect(first.language).toMatchObject({ lang: "ja", translated: true });
    expect(later.html).toContain("We reset every password.");
    expect(later.language).toEqual({ lang: "en", translated: false, translatedAt: null });
    expect(ja.advice?.language).toMatchObject({ lang: "en", translated: false });

    const en = (await getIncident(incidentId, "en"))!;
    expect(en.title).toBe("Accounts breached");
    expect(en.titleLanguage).toEqual({ lang: "en", translated: true, translatedAt: null });
    // Callers that name no language get the original, as before.
    expect((await getIncident(incidentId))!.updates[1].body).toBe("Someone got in.");
  });

  it("refuses a translation into the incident's own language, writing nothing", async () => {
    const audits = await db().auditLog.count();
    const refused = await setIncidentTranslation(editor, { incidentId, locale: "en", field: "title", revision: 0, text: "Accounts breached!" });
    expect(refused).toMatchObject({ ok: false, fieldErrors: { locale: expect.any(String) }, values: { text: "Accounts breached!" } });
    expect(await setUpdateTranslation(editor, { updateId: laterUpdateId, locale: "en", revision: 0, text: "Reset." })).toMatchObject({ ok: false });
    expect(await db().auditLog.count()).toBe(audits);
    expect(await db().incidentTranslation.count({ where: { locale: "en" } })).toBe(0);
  });

  it("refuses a stale translation on its own revision, keeping what was typed", async () => {
    const row = await db().incidentTranslation.findUniqueOrThrow({ where: { incidentId_locale: { incidentId, locale: "ja" } } });
    expect(await setIncidentTranslation(editor, { incidentId, locale: "ja", field: "advice", revision: row.revision, text: "パスワードを変更してください。" })).toMatchObject({ ok: true });
    const stale = await setIncidentTranslation(editor, { incidentId, locale: "ja", field: "title", revision: row.revision, text: "別のタイトル" });
    expect(stale).toMatchObject({ ok: false, error: expect.stringMatching(/changed since you opened it/), values: { text: "別のタイトル" } });
    // Someone else added an update translation meanwhile: a form opened before it (revision 0) is stale too.
    expect(await setUpdateTranslation(editor, { updateId: firstUpdateId, locale: "ja", revision: 0, text: "上書き" })).toMatchObject({ ok: false, error: expect.stringMatching(/changed since/) });
    expect((await getIncident(incidentId, "ja"))!.title).toBe("アカウントへの不正アクセス");
  });

  it("lists the texts that still lack a language, and removes a translation on request", async () => {
    expect(await listMissingTranslations(editor, incidentId)).toEqual([{ locale: "ja", keys: [laterUpdateId] }]);
    const revision = (await db().incidentUpdateTranslation.findUniqueOrThrow({ where: { updateId_locale: { updateId: firstUpdateId, locale: "ja" } } })).revision;
    expect(await setUpdateTranslation(editor, { updateId: firstUpdateId, locale: "ja", revision, intent: "clear", text: "ignored" })).toMatchObject({ ok: true, message: expect.stringMatching(/removed/) });
    expect(await listMissingTranslations(editor, incidentId)).toEqual([{ locale: "ja", keys: [laterUpdateId, firstUpdateId] }]);
    const panel = (await getIncidentTranslations(editor, incidentId))!;
    expect(panel.sourceLocale).toBe("en");
    expect(panel.languages.map((language) => language.locale)).toEqual(["ja"]);
    expect(panel.languages[0].texts.map((text) => text.kind)).toEqual(["title", "advice", "update", "update"]);
  });

  it("refuses callers without a session and unknown records, writing nothing", async () => {
    await expect(setIncidentTranslation(null, { incidentId, locale: "ja", field: "title", revision: 0, text: "x" })).rejects.toThrow(/session has ended/);
    await expect(listMissingTranslations(null, incidentId)).rejects.toThrow(/session has ended/);
    await expect(setUpdateTranslation(null, { updateId: firstUpdateId, locale: "ja", revision: 0, text: "x" })).rejects.toThrow(/session has ended/);
    expect(await setIncidentTranslation(editor, { incidentId: "nope", locale: "ja", field: "title", revision: 0, text: "x" })).toMatchObject({ ok: false, error: "That incident no longer exists." });
    expect(await setIncidentTranslation(editor, { incidentId, locale: "ja", field: "postmortem", revision: 9, text: "なし" })).toMatchObject({ ok: false, error: expect.stringMatching(/no postmortem/) });
  });
});

describe("setServiceTranslation and setGroupTranslation", () => {
  it("name services and groups in the reader's language, audited, and only admins may", async () => {
    // The catalog is the admins' (as renaming a service is): an editor is refused.
    await expect(setServiceTranslation(editor, { serviceId, locale: "ja", name: "ログイン" })).rejects.toMatchObject({ code: "forbidden" });
    expect(await db().serviceTranslation.count()).toBe(0);
    expect(await setServiceTranslation(admin, { serviceId, locale: "en", name: "Login" })).toMatchObject({ ok: false, fieldErrors: { locale: expect.any(String) } });
    expect(await setServiceTranslation(admin, { serviceId, locale: "ja", name: "ログイン", description: "サインイン" })).toMatchObject({ ok: true });
    const group = await db().serviceGroup.findFirstOrThrow();
    expect(await setGroupTranslation(admin, { groupId: group.id, locale: "ja", name: "アカウント" })).toMatchObject({ ok: true });
    expect(await db().auditLog.count({ where: { entityType: { in: ["service_translation", "group_translation"] }, action: "translated" } })).toBe(2);

    const [ja] = await listServiceGroups("ja");
    expect(ja).toMatchObject({ name: "アカウント", lang: "ja" });
    expect(ja.services[0]).toMatchObject({ name: "ログイン", description: "サインイン", lang: "ja" });
    expect((await getIncident(incidentId, "ja"))!.services[0].name).toBe("ログイン");
    const [en] = await listServiceGroups("en");
    expect(en).toMatchObject({ name: "Accounts", lang: "en" });
    expect(en.services[0]).toMatchObject({ name: "Login", lang: "en" });

    expect(await setServiceTranslation(admin, { serviceId, locale: "ja", remove: "yes", name: "ログイン" })).toMatchObject({ ok: true });
    expect((await listServiceGroups("ja"))[0].services[0]).toMatchObject({ name: "Login", lang: "en" });
  });
});
