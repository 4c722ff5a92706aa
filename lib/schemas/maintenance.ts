import { z } from "zod";
import { id, text } from "@/lib/schemas/forms";

// The pieces of a maintenance window's forms: when it runs, whether it runs itself,
// when subscribers are reminded. The console sends datetime-local values read in the
// page's zone; the write API sends absolute ISO 8601 instants. Both shapes are accepted,
// each under its own names, so neither has to pretend to be the other.

/** The longest reminder offered: a week ahead. */
export const REMIND_MAX_MINUTES = 7 * 24 * 60;

/** The console's reminder choices, in minutes before the start. */
/** The console's reminder choices: none, minutes before the start, or a custom number. */
export const REMIND_CHOICES = ["", "60", "1440", "custom"] as const;

/** "2011-06-17T08:30" from a datetime-local input; empty counts as not given. */
const wallTime = (label: string) =>
  z
    .string()
    .trim()
    .regex(/^(\d{4}-\d\d-\d\dT\d\d:\d\d)?$/, { error: `Enter ${label} as a date and time.` })
    .optional()
    .transform((value) => (value ? value : undefined));

/** "2011-06-18T02:00:00+01:00" or "…Z": an instant, whatever zone it is written in. */
const instant = (label: string) => z.iso.datetime({ offset: true, error: `Enter ${label} as an ISO 8601 time with its offset, like 2011-06-18T02:00:00Z.` }).optional();

export const windowFields = {
  scheduledStart: wallTime("when it starts"),
  scheduledEnd: wallTime("when it ends"),
  scheduledFor: instant("when it starts"),
  scheduledUntil: instant("when it ends"),
};

interface WindowInput {
  scheduledStart?: string;
  scheduledEnd?: string;
  scheduledFor?: string;
  scheduledUntil?: string;
}

/**
 * Runs a whole-form check even when another field failed, so every mistake shows at once
 * (zod skips object refinements after a field's error otherwise).
 */
export const ALWAYS = { when: (payload: { value: unknown }) => typeof payload.value === "object" && payload.value !== null };

/** Exactly one start and one end, the end after the start where the schema alone can tell. */
export function checkWindow(value: WindowInput, ctx: z.RefinementCtx) {
  const pairs = [
    ["scheduledStart", "scheduledFor", "when it starts"],
    ["scheduledEnd", "scheduledUntil", "when it ends"],
  ] as const;
  for (const [wall, iso, label] of pairs) {
    if (!value[wall] && !value[iso]) ctx.addIssue({ code: "custom", path: [wall], message: `Enter ${label}.` });
    if (value[wall] && value[iso]) ctx.addIssue({ code: "custom", path: [iso], message: `Give ${label} once: as ${iso} or as ${wall}, not both.` });
  }
  // datetime-local values in one zone sort as they happen; mixed shapes are compared by the server.
  if (value.scheduledStart && value.scheduledEnd && value.scheduledEnd <= value.scheduledStart) {
    ctx.addIssue({ code: "custom", path: ["scheduledEnd"], message: "The end must come after the start." });
  }
  if (value.scheduledFor && value.scheduledUntil && Date.parse(value.scheduledUntil) <= Date.parse(value.scheduledFor)) {
    ctx.addIssue({ code: "custom", path: ["scheduledUntil"], message: "The end must come after the start." });
  }
}

/** A checkbox ("on" when ticked, absent when not) or the API's boolean. */
const flag = z
  .union([z.boolean(), z.literal("on")], { error: "Tick the box or leave it empty." })
  .optional()
  .transform((value) => value === true || value === "on");

export const automationFields = {
  /** Post "In progress" at the start, services under maintenance. */
  autoStart: flag,
  /** Post "Completed" at the end, services back as they were. */
  autoComplete: flag,
  /** Minutes before the start: a number (the API, null for none) or the console's choice ("", "60", "1440", "custom"). */
  remindBeforeMinutes: z.union([z.number(), z.string().trim(), z.null()]).optional(),
  /** The minutes typed when the console's choice is "custom". */
  remindCustomMinutes: z.string().trim().optional(),
  /** Whether subscribers hear about it: the API's boolean, or the console's "yes"/"no". Defaults to yes. */
  notify: z
    .union([z.boolean(), z.enum(["yes", "no"])], { error: "Choose whether subscribers are told." })
    .optional()
    .transform((value) => value === undefined || value === true || value === "yes"),
};

interface ReminderInput {
  remindBeforeMinutes?: number | string | null;
  remindCustomMinutes?: string;
}

const reminderError = `Enter whole minutes between 1 and ${REMIND_MAX_MINUTES.toLocaleString("en-GB")} (a week).`;

/** The reminder's minutes before the start, null for none, or a message saying what is wrong. */
export function reminderMinutes(value: ReminderInput): { minutes: number | null } | { error: string; field: "remindBeforeMinutes" | "remindCustomMinutes" } {
  const choice = value.remindBeforeMinutes;
  if (choice === undefined || choice === null || choice === "" || choice === "none") return { minutes: null };
  const custom = choice === "custom";
  const raw = custom ? (value.remindCustomMinutes ?? "") : choice;
  const minutes = typeof raw === "number" ? raw : /^\d+$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isInteger(minutes) || minutes < 1 || minutes > REMIND_MAX_MINUTES) return { error: reminderError, field: custom ? "remindCustomMinutes" : "remindBeforeMinutes" };
  return { minutes };
}

export function checkReminder(value: ReminderInput, ctx: z.RefinementCtx) {
  const reminder = reminderMinutes(value);
  if ("error" in reminder) ctx.addIssue({ code: "custom", path: [reminder.field], message: reminder.error });
}

/** The furthest ahead a window may wait before it shows on the page: a quarter. */
export const ANNOUNCE_MAX_MINUTES = 90 * 24 * 60;

/** The console's choices for when an upcoming window shows on the public page. */
/** The console's choices of when a window joins the upcoming list: at once, minutes before the start, or custom hours. */
export const ANNOUNCE_CHOICES = ["", "1440", "10080", "custom"] as const;

export const announceFields = {
  /** Minutes before the start: a number (the API, null for at once) or the console's choice ("", "1440", "10080", "custom"). */
  announceBeforeMinutes: z.union([z.number(), z.string().trim(), z.null()]).optional(),
  /** The hours typed when the console's choice is "custom": days ahead read better in hours than in minutes. */
  announceCustomHours: z.string().trim().optional(),
};

interface AnnounceInput {
  announceBeforeMinutes?: number | string | null;
  announceCustomHours?: string;
}

/** When an upcoming window shows on the page, in minutes before its start (null: at once), or what is wrong. */
export function announceMinutes(value: AnnounceInput): { minutes: number | null } | { error: string; field: "announceBeforeMinutes" | "announceCustomHours" } {
  const choice = value.announceBeforeMinutes;
  if (choice === undefined || choice === null || choice === "" || choice === "now") return { minutes: null };
  if (choice === "custom") {
    const hours = /^\d+$/.test(value.announceCustomHours ?? "") ? Number(value.announceCustomHours) : NaN;
    if (!Number.isInteger(hours) || hours < 1 || hours * 60 > ANNOUNCE_MAX_MINUTES) {
      return { error: `Enter whole hours between 1 and ${(ANNOUNCE_MAX_MINUTES / 60).toLocaleString("en-GB")} (90 days).`, field: "announceCustomHours" };
    }
    return { minutes: hours * 60 };
  }
  const minutes = typeof choice === "number" ? choice : /^\d+$/.test(choice) ? Number(choice) : NaN;
  if (!Number.isInteger(minutes) || minutes < 1 || minutes > ANNOUNCE_MAX_MINUTES) {
    return { error: `Enter whole minutes between 1 and ${ANNOUNCE_MAX_MINUTES.toLocaleString("en-GB")} (90 days), or leave it out to show it at once.`, field: "announceBeforeMinutes" };
  }
  return { minutes };
}

export function checkAnnounce(value: AnnounceInput, ctx: z.RefinementCtx) {
  const announce = announceMinutes(value);
  if ("error" in announce) ctx.addIssue({ code: "custom", path: [announce.field], message: announce.error });
}

const revision = z.coerce.number({ error: "Missing revision." }).int().min(1);

/** Like checkWindow, but either time may be left out: it stays as it is (the API's partial change). */
function checkMove(value: WindowInput, ctx: z.RefinementCtx) {
  if (!value.scheduledStart && !value.scheduledFor && !value.scheduledEnd && !value.scheduledUntil) {
    ctx.addIssue({ code: "custom", path: ["scheduledStart"], message: "Enter the new start, the new end, or both." });
    return;
  }
  const start = Boolean(value.scheduledStart || value.scheduledFor);
  const end = Boolean(value.scheduledEnd || value.scheduledUntil);
  if (start && end) return checkWindow(value, ctx);
  for (const [wall, iso, label] of [["scheduledStart", "scheduledFor", "when it starts"], ["scheduledEnd", "scheduledUntil", "when it ends"]] as const) {
    if (value[wall] && value[iso]) ctx.addIssue({ code: "custom", path: [iso], message: `Give ${label} once: as ${iso} or as ${wall}, not both.` });
  }
}

/** Moves a window: a new start, end or both, and subscribers told. */
export const rescheduleMaintenanceSchema = z
  .object({ incidentId: id, revision, ...windowFields })
  .superRefine(checkMove, ALWAYS);

export const CANCEL_NOTE_MAX = 2_000;
export const CANCEL_TEXT = "This scheduled maintenance has been cancelled.";

/** Calls a window off, with what readers are told (the standard sentence when left empty). */
export const cancelMaintenanceSchema = z.object({
  incidentId: id,
  revision,
  body: z.preprocess((value) => (typeof value === "string" && value.trim() === "" ? undefined : value), text("what readers are told", CANCEL_NOTE_MAX).default(CANCEL_TEXT)),
});
