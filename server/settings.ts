import "server-only";
import { stripBidiControls } from "@/lib/bidi";
import { normalisePublicUrl } from "@/lib/public-url";
import { settingsSchema } from "@/lib/schemas/admin";
import { fieldErrorsOf, type FormState } from "@/lib/schemas/forms";
import { audit } from "@/server/audit";
import { authorize, type Actor } from "@/server/auth";
import { db, lastKnown, type Tx } from "@/server/db";

export interface PageSettingsView {
  name: string;
  url: string;
  timeZone: string;
  description: string;
  /** Set for the demo story: the page shows the world as of this instant. */
  asOf: Date | null;
  /** What "now" means on the public pages. */
  now: Date;
  version: number;
  updatedAt: Date;
}

export const DEFAULT_SETTINGS = {
  name: "Status",
  url: "http://localhost:3000",
  timeZone: "UTC",
  description: "",
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
    description: settings.description,
    asOf: settings.asOf,
    now: settings.asOf ?? new Date(),
    version: settings.version,
    updatedAt: settings.updatedAt,
  };
}

/**
 * Every write the public can see calls this in its own transaction: the front servers
 * of every instance poll the version and re-render when it moves.
 */
export async function recordPublicChange(tx: Tx): Promise<void> {
  await tx.pageSettings.update({ where: { id: 1 }, data: { version: { increment: 1 } } });
}

/** The owner's page settings: name, public address, time zone, description. */
export async function updateSettings(actor: Actor | null, input: Record<string, unknown>): Promise<FormState> {
  const owner = authorize(actor, "owner");
  const parsed = settingsSchema.safeParse(input);
  if (!parsed.success) return { ok: false, error: "Check the highlighted fields.", fieldErrors: fieldErrorsOf(parsed.error), values: input };
  const { clearAsOf, ...data } = parsed.data;
  const next = { ...data, url: data.url.replace(/\/+$/, "") };
  return db().$transaction(async (tx) => {
    const before = await tx.pageSettings.findUniqueOrThrow({ where: { id: 1 } });
    await tx.pageSettings.update({ where: { id: 1 }, data: { ...next, ...(clearAsOf ? { asOf: null } : {}) } });
    await audit(tx, {
      actorId: owner.id,
      action: "changed",
      entityType: "settings",
      entityId: "1",
      before: { name: before.name, url: before.url, timeZone: before.timeZone, description: before.description, asOf: before.asOf },
      after: { ...next, asOf: clearAsOf ? null : before.asOf },
    });
    await recordPublicChange(tx);
    return { ok: true, message: "Settings saved; the public pages show them within a second." };
  });
}
