import { z } from "zod";
import { IMPACTS, INCIDENT_STATUSES, MAINTENANCE_STATUSES, SERVICE_STATUSES } from "@/lib/constants";
import { LOCALES } from "@/lib/i18n/locales";
import { publicUrlSchema } from "@/lib/public-url";
import { description, id, plainTitle, text } from "@/lib/schemas/forms";
import { isValidTimeZone } from "@/lib/time";
import { parseWallClock } from "@/lib/wall-clock";
import { ALWAYS, announceFields, automationFields, checkAnnounce, checkReminder, checkWindow, windowFields } from "@/lib/schemas/maintenance";

// One schema per admin form, shared by the form (field names, limits) and the server.

export const serviceStatusSchema = z.object({
  serviceId: id,
  status: z.enum(SERVICE_STATUSES, { error: "Choose a status." }),
});

/**
 * "17 June 2011 08:30" as typed (lib/wall-clock.ts), read in the page's time zone; empty
 * means now. Parsed to "2011-06-17T08:30", the wall clock the server places in the zone.
 */
export const displayAt = z
  .string()
  .optional()
  .transform((value, context) => {
    if (!value?.trim()) return undefined;
    const parsed = parseWallClock(value);
    if (parsed.ok) return parsed.value;
    context.addIssue({ code: "custom", message: parsed.error });
    return z.NEVER;
  });

/** `affected.<serviceId>`: the status an update sets for that service, or "" to leave it. */
const affected = z
  .record(id, z.enum([...SERVICE_STATUSES, ""], { error: "Choose a status." }))
  .optional()
  .transform((value) => Object.fromEntries(Object.entries(value ?? {}).filter(([, status]) => status !== "")) as Record<string, (typeof SERVICE_STATUSES)[number]>);

/** Checkbox values: one service arrives as a string, several as an array, none as nothing. */
const serviceIds = z
  .union([id, z.array(id)])
  .optional()
  .transform((value) => (value === undefined ? [] : Array.isArray(value) ? value : [value]));

export const BODY_MAX = 20_000;
export const TITLE_MAX = 200;

/** The write API's display time: an instant with its offset, in place of the form's wall clock. */
const displayAtIso = z.iso.datetime({ offset: true, error: "Enter the time as ISO 8601 with its offset, like 2011-06-17T08:30:00Z." }).optional();

export const updateSchema = z.object({
  status: z.enum(INCIDENT_STATUSES, { error: "Choose the incident's status." }),
  body: text("what is happening", BODY_MAX),
  displayAt,
  displayAtIso,
  affected,
  /** The write API's deliver_notifications: false keeps subscribers from hearing of this update. */
  notify: z.boolean().optional(),
});

export const openIncidentSchema = updateSchema.extend({
  /** "draft" keeps it off every public page until published. */
  publish: z.enum(["now", "draft"]).default("now"),
  title: plainTitle("a title", TITLE_MAX),
  impact: z.enum(IMPACTS, { error: "Choose the impact." }),
  services: serviceIds,
  /** The write API's backfilled: posted after the fact, so never notified. */
  backfilled: z.boolean().optional(),
});

/**
 * The console's "Edit incident" form: its title, impact and the services it concerns (every
 * box sent, so an empty list means none). The server runs the write API's edit schema too.
 */
export const editIncidentFormSchema = z.object({
  incidentId: id,
  revision: z.coerce.number().int().min(1),
  title: plainTitle("a title", TITLE_MAX),
  impact: z.enum(IMPACTS, { error: "Choose the impact." }),
  services: serviceIds,
});

/** Incidents and maintenance share the update form; the server checks the status fits the kind. */
export const postUpdateSchema = updateSchema.extend({
  incidentId: id,
  revision: z.coerce.number().int().min(1),
  status: z.enum([...INCIDENT_STATUSES, ...MAINTENANCE_STATUSES], { error: "Choose the status." }),
});

/** A window, planned: when it runs (lib/schemas/maintenance.ts: console or API times) and whether it runs itself. */
export const planMaintenanceSchema = z
  .object({
    publish: z.enum(["now", "draft"]).default("now"),
    title: plainTitle("a title", TITLE_MAX),
    impact: z.enum(IMPACTS, { error: "Choose the impact." }).default("none"),
    body: text("the announcement", BODY_MAX),
    ...windowFields,
    ...automationFields,
    ...announceFields,
    services: z
      .union([id, z.array(id)])
      .optional()
      .transform((value) => (value === undefined ? [] : Array.isArray(value) ? value : [value])),
  })
  .superRefine(checkWindow, ALWAYS)
  .superRefine(checkReminder, ALWAYS)
  .superRefine(checkAnnounce, ALWAYS);

/** Nested `affected.<id>` form keys into the `affected` record the schemas expect. */
export function nestAffected(values: Record<string, unknown>): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  const nested: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(values)) {
    if (key.startsWith("affected.")) nested[key.slice("affected.".length)] = value;
    else result[key] = value;
  }
  result.affected = nested;
  return result;
}

export const settingsSchema = z.object({
  name: plainTitle("the page's name", 100),
  url: z
    .string()
    .trim()
    .max(300, { error: "Keep the address under 300 characters." })
    .pipe(
      publicUrlSchema({
        invalid: "Enter the page's public address, starting with https:// (or http://).",
        credentials: "Leave out the user name and password: the address is part of every link Herald sends.",
        query: "Leave out the ? and # parts: Herald adds paths to the address to make its links.",
      }),
    ),
  timeZone: z.string().trim().refine(isValidTimeZone, { error: "Choose a time zone from the list, like Europe/London." }),
  description: description(500),
  /** The language of the plain addresses ("/"); the others get a prefix ("/ja"). */
  defaultLocale: z.enum(LOCALES, { error: "Choose one of the languages in the list." }),
  /** Checkbox: stop showing the demo's frozen "now". */
  clearAsOf: z.enum(["on"]).optional(),
});

export const publishSchema = z.object({ incidentId: id, revision: z.coerce.number().int().min(1) });

/** The form corrects the text; the write API may correct the display time instead, or both. */
export const correctUpdateSchema = z
  .object({
    updateId: id,
    revision: z.coerce.number().int().min(1),
    body: text("the corrected text", BODY_MAX).optional(),
    displayAtIso,
  })
  .refine((value) => value.body !== undefined || value.displayAtIso !== undefined, { error: "Enter the corrected text.", path: ["body"] });

const optionalId = z
  .string()
  .max(64)
  .regex(/^[\w-]*$/, { error: "Unknown group." })
  .optional()
  .transform((value) => (value ? value : null));

export const serviceSchema = z.object({
  name: plainTitle("the service's name", 100),
  slug: z
    .string()
    .trim()
    .toLowerCase()
    .max(60, { error: "Keep the address under 60 characters." })
    .regex(/^([a-z0-9]+(-[a-z0-9]+)*)?$/, { error: "Use lowercase letters, digits and single hyphens, like sega-pass-login." })
    .optional(),
  description: description(300),
  groupId: optionalId,
  hidden: z.enum(["on"]).optional(),
});

export const serviceEditSchema = serviceSchema.extend({ serviceId: id });

export const groupSchema = z.object({
  name: plainTitle("the group's name", 100),
  description: description(300),
});

export const groupEditSchema = groupSchema.extend({ groupId: id });

export const moveSchema = z.object({ id, direction: z.enum(["up", "down"]) });

export const deleteSchema = z.object({ id, confirm: z.literal("yes", { error: "Tick the box to confirm the deletion." }) });

/** The services page's forms share one action; `intent` says which change. */
export const CATALOG_INTENTS = ["create-service", "update-service", "move-service", "delete-service", "translate-service", "create-group", "update-group", "move-group", "delete-group", "translate-group"] as const;
export const catalogIntentSchema = z.object({ intent: z.enum(CATALOG_INTENTS) });
export type CatalogIntent = (typeof CATALOG_INTENTS)[number];

/** "Sega Pass login" → "sega-pass-login". */
export function slugify(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60);
}
