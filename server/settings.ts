import "server-only";
import { db, type Tx } from "@/server/db";

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

export async function getPageSettings(): Promise<PageSettingsView> {
  const row = await db().pageSettings.findUnique({ where: { id: 1 } });
  const settings = row ?? { ...DEFAULT_SETTINGS, asOf: null, version: 0, updatedAt: new Date(0) };
  return {
    name: settings.name,
    url: settings.url.replace(/\/+$/, ""),
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
