import { beforeAll, describe, expect, it } from "vitest";
import { setConsoleLanguage } from "@/server/account";
import { createUser, signIn, validateSession } from "@/server/auth";
import { db } from "@/server/db";

const PASSWORD = "violet-harbour-tractor-seventeen";
const client = { address: "192.0.2.20", userAgent: "test" };

// Each person's console language (the account page): theirs alone, audited, and carried
// by their session so every console page is drawn in it.
describe("the console language", () => {
  let token: string;

  beforeAll(async () => {
    await db().pageSettings.create({ data: { id: 1, name: "Sega Pass", url: "https://status.example.com", timeZone: "Asia/Tokyo" } });
    await createUser({ email: "editor@example.com", password: PASSWORD, role: "editor" }, null);
    await createUser({ email: "other@example.com", password: PASSWORD, role: "editor" }, null);
    const signedIn = await signIn({ email: "editor@example.com", password: PASSWORD }, client);
    if (!signedIn.ok) throw new Error("sign-in failed");
    token = signedIn.token;
  });

  it("is unset at first: the session says null, so the console follows the browser", async () => {
    expect((await validateSession(token))!.locale).toBeNull();
  });

  it("is set by the person for themselves, said back in the language chosen, audited", async () => {
    const actor = (await validateSession(token))!;
    expect(await setConsoleLanguage(actor, { locale: "ja" })).toEqual({ ok: true, message: "管理画面を日本語で表示します。" });
    expect((await validateSession(token))!.locale).toBe("ja");
    // Nobody else's changes.
    expect((await db().user.findUniqueOrThrow({ where: { email: "other@example.com" } })).locale).toBeNull();
    const entry = await db().auditLog.findFirstOrThrow({ where: { action: "language_changed" } });
    expect(entry).toMatchObject({ userId: actor.id, entityType: "user", entityId: actor.id });
    expect(JSON.parse(entry.before!)).toEqual({ locale: null });
    expect(JSON.parse(entry.after!)).toEqual({ locale: "ja" });
  });

  it("goes back to following the browser with the empty choice, said in the browser's language", async () => {
    const actor = (await validateSession(token))!;
    expect(await setConsoleLanguage(actor, { locale: "", browser: "en" })).toMatchObject({ ok: true, message: "The console now follows your browser's language." });
    expect(await setConsoleLanguage(actor, { locale: "ja" })).toMatchObject({ ok: true });
    expect(await setConsoleLanguage(actor, { locale: "", browser: "ja" })).toMatchObject({ ok: true, message: "管理画面をブラウザーの言語に合わせて表示します。" });
    expect((await validateSession(token))!.locale).toBeNull();
  });

  it("refuses a language Herald does not speak, and anyone not signed in", async () => {
    const actor = (await validateSession(token))!;
    expect(await setConsoleLanguage(actor, { locale: "fr" })).toMatchObject({ ok: false, fieldErrors: { locale: "Choose one of the languages in the list." } });
    expect(await setConsoleLanguage(actor, { locale: ["ja", "en"] })).toMatchObject({ ok: false });
    await expect(setConsoleLanguage(null, { locale: "ja" })).rejects.toMatchObject({ code: "unauthenticated" });
    expect((await validateSession(token))!.locale).toBeNull();
    expect(await db().auditLog.count({ where: { action: "language_changed" } })).toBe(4);
  });
});
