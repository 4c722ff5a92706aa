import "server-only";
import { stripBidiControls } from "@/lib/bidi";
import { DEFAULT_LOCALE, localeOr } from "@/lib/i18n/locales";
import { normalisePublicUrl } from "@/lib/public-url";
import type { PageSettingsView } from "@/lib/views/settings";
import { z } from "zod";
import { settingsSchema } from "@/lib/schemas/admin";
import { db, lastKnown } from "@/server/db";
import { mutation } from "@/server/mutation";

// Kept for server modules that still import the view from here; new code imports lib/views/settings.

export const DEFAULT_SETTINGS = {
  name: "Status",
  url: "http://localhost:3000",
  timeZone: "UTC",
  description: "",
  defaultLocale: DEFAULT_LOCALE,
} as const;

function storedUrl(url: string): string {
  const normalised = normalisePublicUrl(url);
  return "url" in normalised ? normalised.url : DEFAULT_SETTINGS.url;
}

/** The page's settings; while the database cannot be reached, the last ones this process read. */
export async function getPageSettings(): Promise<PageSettingsView> {
  const row = await lastKnown("page-settings", () => db().pageSettings.findUnique({ where: { id: 1 } }));
  const settings = row ?? { ...DEFAULT_SETTINGS, asOf: null, version: 0, updatedAt: new Date(0) };
  return {
    name: stripBidiControls(settings.name),
    // Stored before addresses were normalised on save: normalise on the way out too.
    url: storedUrl(settings.url),
    timeZone: settings.timeZone,
    description: stripBidiControls(settings.description),
    // A language a later version no longer ships falls back to the default one.
    defaultLocale: localeOr(settings.defaultLocale),
    asOf: settings.asOf,
    now: settings.asOf ?? new Date(),
    version: settings.version,
    updatedAt: settings.updatedAt,
  };
}

/** The owner's page settings: name, public address, time zone, description, default language. */
export const updateSettings = mutation({ role: "owner", schema: settingsSchema, audit: "settings", public: true }, async ({ tx, data: { clearAsOf, ...data }, audit }) => {
  const next = { ...data, url: data.url.replace(/\/+$/, "") };
  const before = await tx.pageSettings.findUniqueOrThrow({ where: { id: 1 } });
  await tx.pageSettings.update({ where: { id: 1 }, data: { ...next, ...(clearAsOf ? { asOf: null } : {}) } });
  await audit({
    action: "changed",
    entityId: "1",
    before: { name: before.name, url: before.url, timeZone: before.timeZone, description: before.description, defaultLocale: before.defaultLocale, asOf: before.asOf },
    after: { ...next, asOf: clearAsOf ? null : before.asOf },
  });
  return { message: "Settings saved; the public pages show them within a second." };
});

/**
 * Turns the demo clock off: the public pages use the real time from now on. Offered on
 * every console page while it is on, since a real post under a frozen 2011 "now" reads
 * as a mistake to every customer.
 */
export const stopDemoClock = mutation({ role: "owner", schema: z.object({}), audit: "settings", public: true }, async ({ tx, audit }) => {
  const before = await tx.pageSettings.findUniqueOrThrow({ where: { id: 1 }, select: { asOf: true } });
  if (!before.asOf) return { message: "The demo clock is already off." };
  await tx.pageSettings.update({ where: { id: 1 }, data: { asOf: null } });
  await audit({ action: "demo_clock_stopped", entityId: "1", before: { asOf: before.asOf }, after: { asOf: null } });
  return { message: "The demo clock is off: the public pages use the real time now." };
});
