import { beforeAll, describe, expect, it } from "vitest";
import type { UserActor } from "@/lib/views/actor";
import { db } from "@/server/db";
import { getPageSettings, stopDemoClock, updateSettings } from "@/server/settings";

// The console's "use the real time" button, offered while the demo clock is on.
describe("stopDemoClock", () => {
  let owner: UserActor;
  let editor: UserActor;
  const asOf = new Date("2011-06-17T07:00:00Z");

  beforeAll(async () => {
    await db().pageSettings.create({ data: { id: 1, name: "Sega Pass", url: "https://status.example.com", timeZone: "Asia/Tokyo", asOf } });
    const o = await db().user.create({ data: { email: "owner@example.com", role: "owner", passwordHash: "x" } });
    const e = await db().user.create({ data: { email: "editor@example.com", role: "editor", passwordHash: "x" } });
    owner = { kind: "user", id: o.id, email: o.email, name: "", role: "owner", sessionId: "s" };
    editor = { kind: "user", id: e.id, email: e.email, name: "", role: "editor", sessionId: "s" };
  });

  it("is an owner's to turn off; the public pages then use the real time, and the change is audited", async () => {
    await expect(stopDemoClock(editor, {})).rejects.toMatchObject({ code: "forbidden" });
    expect((await getPageSettings()).asOf).toEqual(asOf);

    const before = (await db().pageSettings.findUniqueOrThrow({ where: { id: 1 } })).version;
    expect(await stopDemoClock(owner, {})).toMatchObject({ ok: true, message: expect.stringMatching(/real time/) });
    const settings = await db().pageSettings.findUniqueOrThrow({ where: { id: 1 } });
    expect(settings.asOf).toBeNull();
    expect(settings.version).toBe(before + 1);
    expect(await db().auditLog.findFirstOrThrow({ where: { action: "demo_clock_stopped" } })).toMatchObject({ userId: owner.id, entityType: "settings" });

    expect(await stopDemoClock(owner, {})).toMatchObject({ ok: true, message: "The demo clock is already off." });
    expect(await db().auditLog.count({ where: { action: "demo_clock_stopped" } })).toBe(1);
  });
});

// The owner chooses which language the plain addresses ("/") are in.
describe("the page's default language", () => {
  let owner: UserActor;
  const form = { name: "Sega Pass", url: "https://status.example.com", timeZone: "Asia/Tokyo", description: "" };

  beforeAll(async () => {
    const o = await db().user.findFirstOrThrow({ where: { role: "owner" } });
    owner = { kind: "user", id: o.id, email: o.email, name: "", role: "owner", sessionId: "s" };
  });

  it("is English on a page that never chose, and an owner may make it Japanese, audited and published", async () => {
    expect((await getPageSettings()).defaultLocale).toBe("en");
    const before = (await db().pageSettings.findUniqueOrThrow({ where: { id: 1 } })).version;
    expect(await updateSettings(owner, { ...form, defaultLocale: "ja" })).toMatchObject({ ok: true });
    expect((await getPageSettings()).defaultLocale).toBe("ja");
    expect((await db().pageSettings.findUniqueOrThrow({ where: { id: 1 } })).version).toBe(before + 1);
    const entry = await db().auditLog.findFirstOrThrow({ where: { entityType: "settings", action: "changed" }, orderBy: { at: "desc" } });
    expect(JSON.parse(entry.before!)).toMatchObject({ defaultLocale: "en" });
    expect(JSON.parse(entry.after!)).toMatchObject({ defaultLocale: "ja" });
  });

  it("refuses a language Herald does not speak, naming the field", async () => {
    expect(await updateSettings(owner, { ...form, defaultLocale: "fr" })).toMatchObject({ ok: false, fieldErrors: { defaultLocale: "Choose one of the languages in the list." } });
    expect((await getPageSettings()).defaultLocale).toBe("ja");
  });

  it("reads a language a later version no longer ships as the default one", async () => {
    await db().pageSettings.update({ where: { id: 1 }, data: { defaultLocale: "xx" } });
    expect((await getPageSettings()).defaultLocale).toBe("en");
  });
});
