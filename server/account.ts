import "server-only";
import { DEFAULT_LOCALE } from "@/lib/i18n/locales";
import { translator } from "@/lib/i18n/translator";
import { consoleLanguageSchema } from "@/lib/schemas/auth";
import { mutation } from "@/server/mutation";

// What a person changes on their own account, beside the password and two-factor
// (server/auth.ts, server/two-factor.ts).

/**
 * The console's language for the person signed in (null: their browser's, `browser`, which
 * the caller reads from the request). Said back in the language the console now shows,
 * the first thing they read in it.
 */
export const setConsoleLanguage = mutation({ role: "self", schema: consoleLanguageSchema, audit: "user" }, async ({ tx, actor, data, audit }) => {
  const before = await tx.user.findUniqueOrThrow({ where: { id: actor.id }, select: { locale: true } });
  await tx.user.update({ where: { id: actor.id }, data: { locale: data.locale } });
  await audit({ action: "language_changed", entityId: actor.id, before: { locale: before.locale }, after: { locale: data.locale } });
  const t = translator(data.locale ?? data.browser ?? DEFAULT_LOCALE);
  return { message: t(data.locale ? "console.account.saved" : "console.account.savedBrowser") };
});
