import "server-only";
import type { MaintenanceStatus, ServiceStatus } from "@/lib/constants";
import { ANNOUNCE_MAX_MINUTES, cancelMaintenanceSchema, REMIND_MAX_MINUTES, rescheduleMaintenanceSchema } from "@/lib/schemas/maintenance";
import { formatDateTime, zonedParts } from "@/lib/time";
import type { Actor } from "@/lib/views/actor";
import type { MaintenanceScheduleView } from "@/lib/views/maintenance";
import { audit } from "@/server/audit";
import { authorize } from "@/server/auth";
import { db, isDatabaseUnavailable, type Db, type Tx, writeTransaction } from "@/server/db";
import { enqueueNotification } from "@/server/delivery/outbox";
import { applyServiceChanges, resolveWindow } from "@/server/incident-updates";
import { CHECK_FIELDS, mutation, MutationError, recordPublicChange } from "@/server/mutation";
import { announceTime } from "@/server/public-visibility";

// Maintenance that runs itself (Statuspage's scheduled_auto_in_progress,
// scheduled_auto_completed and scheduled_remind_prior), and the editors' reschedule and
// cancel. The worker calls runDueMaintenance every few seconds; each transition claims
// its window with a conditional update in its own transaction, so two workers, or two
// ticks, never post the same update twice.
//
// The transitions are the system's, not a person's: no one to authorise and no input to
// validate, so they write their audit entry (no actor) and bump the public version
// themselves instead of going through mutation(), which exists to check a caller.

export const STARTED_TEXT = "Scheduled maintenance is in progress. We will post an update when it is done.";
export const COMPLETED_TEXT = "The scheduled maintenance has been completed.";

const RUNNING: MaintenanceStatus[] = ["in_progress", "verifying"];

type WindowInput = { scheduledStart?: string; scheduledEnd?: string; scheduledFor?: string; scheduledUntil?: string };

async function timeZone(tx: Tx | Db): Promise<string> {
  return (await tx.pageSettings.findUnique({ where: { id: 1 }, select: { timeZone: true } }))?.timeZone ?? "UTC";
}

/** "2011-06-18T02:00": an instant as a datetime-local value in the zone. */
function localValue(date: Date, zone: string): string {
  const p = zonedParts(date, zone);
  const two = (n: number) => String(n).padStart(2, "0");
  return `${p.year}-${two(p.month)}-${two(p.day)}T${two(p.hour)}:${two(p.minute)}`;
}

/**
 * Puts the window's services back as they were before it: each service still under
 * maintenance returns to the status this window took it from (operational if it found
 * it under maintenance already), unless another running window holds it. A service
 * that something else changed meanwhile (an incident) is left as it is.
 */
async function restoreServices(tx: Tx, windowId: string, updateId: string, at: Date) {
  const links = await tx.incidentService.findMany({ where: { incidentId: windowId }, include: { service: { select: { status: true } } } });
  const restore: Record<string, ServiceStatus> = {};
  for (const { serviceId, service } of links) {
    if (service.status !== "under_maintenance") continue;
    const held = await tx.incidentService.count({
      where: { serviceId, incidentId: { not: windowId }, incident: { kind: "maintenance", status: { in: RUNNING }, publishedAt: { not: null } } },
    });
    if (held > 0) continue;
    const taken = await tx.updateServiceChange.findFirst({
      where: { serviceId, newStatus: "under_maintenance", update: { incidentId: windowId } },
      orderBy: { update: { createdAt: "asc" } },
    });
    const before = taken && taken.oldStatus !== "under_maintenance" ? (taken.oldStatus as ServiceStatus) : "operational";
    restore[serviceId] = before;
  }
  return applyServiceChanges(tx, updateId, windowId, restore, at);
}

/** One line for the log: Prisma's messages open with a blank line and end with the cause. */
function oneLine(error: unknown): string {
  const lines = (error instanceof Error ? error.message : String(error)).split("\n").map((line) => line.trim()).filter(Boolean);
  return (lines.at(-1) ?? "unknown error").slice(0, 300);
}

/** What one tick did, for the worker's log. */
export interface MaintenanceEvent {
  incidentId: string;
  title: string;
  event: "started" | "completed" | "reminded";
}

const published = { kind: "maintenance", publishedAt: { not: null } } as const;

/** At its start, an auto-start window goes in progress and its services under maintenance. */
async function startWindow(id: string, now: Date, database: Db): Promise<boolean> {
  return writeTransaction(async (tx) => {
    const claimed = await tx.incident.updateMany({
      where: { id, ...published, autoStart: true, status: "scheduled", scheduledStart: { lte: now } },
      data: { status: "in_progress", revision: { increment: 1 } },
    });
    if (claimed.count === 0) return false;
    const window = await tx.incident.findUniqueOrThrow({ where: { id }, include: { services: { select: { serviceId: true } } } });
    const update = await tx.incidentUpdate.create({ data: { incidentId: id, status: "in_progress", body: STARTED_TEXT, displayAt: now } });
    const affected = Object.fromEntries(window.services.map(({ serviceId }) => [serviceId, "under_maintenance" as const]));
    const changes = await applyServiceChanges(tx, update.id, id, affected, now);
    await audit(tx, {
      actorId: null,
      action: "maintenance_started_automatically",
      entityType: "maintenance",
      entityId: id,
      before: { status: "scheduled" },
      after: { updateId: update.id, status: "in_progress", body: STARTED_TEXT, displayAt: now, changes },
    });
    await recordPublicChange(tx);
    if (window.notify) await enqueueNotification(tx, update.id);
    return true;
  }, database);
}

/** At its end, an auto-complete window that is running completes and gives its services back. */
async function completeWindow(id: string, now: Date, database: Db): Promise<boolean> {
  return writeTransaction(async (tx) => {
    const before = await tx.incident.findUnique({ where: { id }, select: { status: true, notify: true } });
    const claimed = await tx.incident.updateMany({
      where: { id, ...published, autoComplete: true, status: { in: RUNNING }, scheduledEnd: { lte: now } },
      data: { status: "completed", resolvedAt: now, revision: { increment: 1 } },
    });
    if (claimed.count === 0 || !before) return false;
    const update = await tx.incidentUpdate.create({ data: { incidentId: id, status: "completed", body: COMPLETED_TEXT, displayAt: now } });
    const changes = await restoreServices(tx, id, update.id, now);
    await audit(tx, {
      actorId: null,
      action: "maintenance_completed_automatically",
      entityType: "maintenance",
      entityId: id,
      before: { status: before.status, resolvedAt: null },
      after: { updateId: update.id, status: "completed", body: COMPLETED_TEXT, displayAt: now, changes },
    });
    await recordPublicChange(tx);
    if (before.notify) await enqueueNotification(tx, update.id);
    return true;
  }, database);
}

/**
 * The reminder is an update of the window (status still "scheduled"): a notification
 * is about one update, and readers of the page and feeds see what subscribers were sent.
 * When the window was announced or moved inside the reminder period, subscribers have
 * just heard of it: the reminder is marked done without a second message.
 */
async function remindWindow(window: { id: string; scheduledStart: Date; scheduledEnd: Date | null; remindBeforeMinutes: number }, now: Date, database: Db): Promise<boolean> {
  const remindAt = new Date(window.scheduledStart.getTime() - window.remindBeforeMinutes * 60_000);
  if (now < remindAt || now >= window.scheduledStart) return false;
  return writeTransaction(async (tx) => {
    // The start and lead time as read: a reschedule in between makes this claim miss.
    const claimed = await tx.incident.updateMany({
      where: { id: window.id, ...published, status: "scheduled", notify: true, remindedAt: null, scheduledStart: window.scheduledStart, remindBeforeMinutes: window.remindBeforeMinutes },
      data: { remindedAt: now },
    });
    if (claimed.count === 0) return false;
    const latest = await tx.incidentUpdate.findFirst({ where: { incidentId: window.id }, orderBy: [{ displayAt: "desc" }, { createdAt: "desc" }], select: { displayAt: true } });
    if (latest && latest.displayAt >= remindAt) return false;
    const zone = await timeZone(tx);
    const until = window.scheduledEnd ? ` and is expected to end on ${formatDateTime(window.scheduledEnd, zone)}` : "";
    const body = `Reminder: this maintenance starts on ${formatDateTime(window.scheduledStart, zone)}${until}.`;
    const update = await tx.incidentUpdate.create({ data: { incidentId: window.id, status: "scheduled", body, displayAt: now } });
    await tx.incident.update({ where: { id: window.id }, data: { revision: { increment: 1 } } });
    await audit(tx, { actorId: null, action: "maintenance_reminder_sent", entityType: "maintenance", entityId: window.id, after: { updateId: update.id, body, displayAt: now } });
    await recordPublicChange(tx);
    await enqueueNotification(tx, update.id);
    return true;
  }, database);
}

/**
 * A window with an announce time joins the page's upcoming list then, with no write to
 * make the front re-render: this bumps the public version once its time has come. The
 * claim is the settings' own updatedAt, which every public change moves: while it is
 * older than the latest announce time that has passed, no render since has shown that
 * window. The conditional update moves it, so the next tick (or another worker) finds
 * nothing to do, and a change that happened anyway after the announce time makes it moot.
 */
async function announceWindows(now: Date, database: Db): Promise<boolean> {
  const waiting = await database.incident.findMany({
    where: { ...published, status: "scheduled", announceBeforeMinutes: { not: null }, scheduledStart: { gt: now, lte: new Date(now.getTime() + ANNOUNCE_MAX_MINUTES * 60_000) } },
    select: { scheduledStart: true, announceBeforeMinutes: true },
  });
  let latest = 0;
  for (const { scheduledStart, announceBeforeMinutes } of waiting) {
    if (!scheduledStart || announceBeforeMinutes === null) continue;
    const at = announceTime({ scheduledStart, announceBeforeMinutes }).getTime();
    if (at <= now.getTime() && at > latest) latest = at;
  }
  if (latest === 0) return false;
  // updatedAt is set to the tick's clock, which the claim compares with, rather than left to Prisma.
  const claimed = await database.pageSettings.updateMany({ where: { id: 1, updatedAt: { lt: new Date(latest) } }, data: { version: { increment: 1 }, updatedAt: now } });
  return claimed.count > 0;
}

/**
 * Does what is due at `now`: reminders, then starts, then completions (so a window the
 * worker slept through starts and completes in one tick, in order). Only published
 * windows run. A window that cannot be moved on is logged and skipped; a database that
 * cannot be reached stops the tick (the worker's loop says so and tries again).
 */
export async function runDueMaintenance(now: Date, { database = db(), log = (message: string) => console.error(`[maintenance] ${message}`) } = {}): Promise<MaintenanceEvent[]> {
  const events: MaintenanceEvent[] = [];
  const attempt = async (window: { id: string; title: string }, event: MaintenanceEvent["event"], work: () => Promise<boolean>) => {
    try {
      if (await work()) events.push({ incidentId: window.id, title: window.title, event });
    } catch (error) {
      if (isDatabaseUnavailable(error)) throw error;
      log(`${window.title} (${window.id}) could not be ${event}: ${oneLine(error)}`);
    }
  };

  const reminders = await database.incident.findMany({
    where: { ...published, status: "scheduled", notify: true, remindedAt: null, remindBeforeMinutes: { not: null }, scheduledStart: { gt: now, lte: new Date(now.getTime() + REMIND_MAX_MINUTES * 60_000) } },
    select: { id: true, title: true, scheduledStart: true, scheduledEnd: true, remindBeforeMinutes: true },
  });
  for (const window of reminders) {
    const { scheduledStart, remindBeforeMinutes } = window;
    if (scheduledStart && remindBeforeMinutes) await attempt(window, "reminded", () => remindWindow({ ...window, scheduledStart, remindBeforeMinutes }, now, database));
  }

  const starts = await database.incident.findMany({
    where: { ...published, autoStart: true, status: "scheduled", scheduledStart: { lte: now } },
    select: { id: true, title: true },
    orderBy: { scheduledStart: "asc" },
  });
  for (const window of starts) await attempt(window, "started", () => startWindow(window.id, now, database));

  const completions = await database.incident.findMany({
    where: { ...published, autoComplete: true, status: { in: RUNNING }, scheduledEnd: { lte: now } },
    select: { id: true, title: true },
    orderBy: { scheduledEnd: "asc" },
  });
  for (const window of completions) await attempt(window, "completed", () => completeWindow(window.id, now, database));

  try {
    await announceWindows(now, database);
  } catch (error) {
    if (isDatabaseUnavailable(error)) throw error;
    log(`upcoming maintenance could not be shown: ${oneLine(error)}`);
  }
  return events;
}

/**
 * The worker's maintenance loop: runDueMaintenance every `intervalMs`. While the database
 * is unavailable it says so once, keeps trying, and says when it works again.
 */
export function startMaintenanceTicks({
  intervalMs = 5_000,
  log = (message: string) => console.log(`[worker] maintenance: ${message}`),
  run = (now: Date) => runDueMaintenance(now),
  clock = () => new Date(),
}: { intervalMs?: number; log?: (message: string) => void; run?: (now: Date) => Promise<MaintenanceEvent[]>; clock?: () => Date } = {}): { stop(): Promise<void> } {
  const stopping = new AbortController();
  const wait = () =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(done, intervalMs);
      function done() {
        clearTimeout(timer);
        stopping.signal.removeEventListener("abort", done);
        resolve();
      }
      stopping.signal.addEventListener("abort", done, { once: true });
    });
  const loop = (async () => {
    let lastError = "";
    while (!stopping.signal.aborted) {
      try {
        const events = await run(clock());
        if (lastError) log("working again");
        lastError = "";
        for (const { title, event } of events) log(`“${title}” ${event === "reminded" ? "reminder sent" : `${event} automatically`}`);
      } catch (error) {
        const message = oneLine(error);
        if (message !== lastError) log(message);
        lastError = message;
      }
      await wait();
    }
  })();
  return {
    async stop() {
      stopping.abort();
      await loop;
    },
  };
}

/** The window's schedule for its console page, or null when it is not a maintenance window. */
export async function getMaintenanceSchedule(actor: Actor | null, incidentId: string): Promise<MaintenanceScheduleView | null> {
  authorize(actor, "editor");
  const [row, zone] = await Promise.all([db().incident.findUnique({ where: { id: incidentId } }), timeZone(db())]);
  if (!row || row.kind !== "maintenance" || !row.scheduledStart || !row.scheduledEnd) return null;
  return {
    incidentId: row.id,
    revision: row.revision,
    status: row.status as MaintenanceStatus,
    published: row.publishedAt !== null,
    scheduledStart: row.scheduledStart,
    scheduledEnd: row.scheduledEnd,
    startLocal: localValue(row.scheduledStart, zone),
    endLocal: localValue(row.scheduledEnd, zone),
    autoStart: row.autoStart,
    autoComplete: row.autoComplete,
    remindBeforeMinutes: row.remindBeforeMinutes,
    remindedAt: row.remindedAt,
    notify: row.notify,
  };
}

const windowGone = () => new MutationError("not_found", "That maintenance window no longer exists.");

/** Claims the window at the revision the editor saw, as postUpdate does. */
async function claimWindow(tx: Tx, incidentId: string, revision: number, data: Record<string, unknown>) {
  const claimed = await tx.incident.updateMany({ where: { id: incidentId, revision }, data: { ...data, revision: { increment: 1 } } });
  if (claimed.count === 0) {
    throw new MutationError("conflict", "This maintenance changed since you opened it (someone else, or its own schedule, moved it on). Reload to see the latest, then try again.");
  }
}

/** The new times, a time left out staying as it is; a refusal names a field the caller sent. */
async function resolveMove(tx: Tx, data: WindowInput, currentStart: Date, currentEnd: Date) {
  const startGiven = Boolean(data.scheduledStart || data.scheduledFor);
  const endGiven = Boolean(data.scheduledEnd || data.scheduledUntil);
  try {
    return await resolveWindow(tx, {
      ...data,
      ...(startGiven ? {} : { scheduledFor: currentStart.toISOString() }),
      ...(endGiven ? {} : { scheduledUntil: currentEnd.toISOString() }),
    });
  } catch (error) {
    if (!(error instanceof MutationError) || endGiven || !error.fieldErrors?.scheduledUntil) throw error;
    const field = data.scheduledFor ? "scheduledFor" : "scheduledStart";
    throw new MutationError("invalid", CHECK_FIELDS, { [field]: "The start must come before the end; move the end too." });
  }
}

/**
 * Moves a window. Before it starts both times may move (and a reminder already sent is
 * owed again); once running only its end. Subscribers are told with a new update.
 */
export const rescheduleMaintenance = mutation({ role: "editor", schema: rescheduleMaintenanceSchema, audit: "maintenance", public: true }, async ({ tx, data, audit }) => {
  const window = await tx.incident.findUnique({ where: { id: data.incidentId } });
  if (!window || window.kind !== "maintenance" || !window.scheduledStart || !window.scheduledEnd) throw windowGone();
  if (window.status === "completed") throw new MutationError("invalid", "This maintenance is over: plan a new window instead.");
  const zone = await timeZone(tx);
  // The form shows times to the minute: a time sent back as shown has not moved.
  const moved = {
    ...data,
    scheduledStart: data.scheduledStart === localValue(window.scheduledStart, zone) ? undefined : data.scheduledStart,
    scheduledEnd: data.scheduledEnd === localValue(window.scheduledEnd, zone) ? undefined : data.scheduledEnd,
  };
  const { start, end, startField, endField } = await resolveMove(tx, moved, window.scheduledStart, window.scheduledEnd);
  const started = window.status !== "scheduled";
  if (started && start.getTime() !== window.scheduledStart.getTime()) {
    throw new MutationError("invalid", CHECK_FIELDS, { [startField]: "It has already started: only its end can move." });
  }
  if (end.getTime() <= Date.now()) throw new MutationError("invalid", CHECK_FIELDS, { [endField]: "The end must be in the future." });
  const startMoved = start.getTime() !== window.scheduledStart.getTime();
  if (!startMoved && end.getTime() === window.scheduledEnd.getTime()) return { message: "Nothing changed: those are its times already." };

  await claimWindow(tx, window.id, data.revision, {
    scheduledStart: start,
    scheduledEnd: end,
    ...(started ? {} : { startedAt: start }),
    ...(startMoved ? { remindedAt: null } : {}),
  });
  const isPublic = window.publishedAt !== null;
  const before = { scheduledStart: window.scheduledStart, scheduledEnd: window.scheduledEnd };
  if (!isPublic) {
    // A draft's readers are its editors: the times change, nothing is posted.
    await audit({ action: "maintenance_rescheduled", entityId: window.id, before, after: { scheduledStart: start, scheduledEnd: end }, public: false });
    return { message: "The draft's times are changed." };
  }
  const body = !startMoved
    ? `This maintenance is now expected to end on ${formatDateTime(end, zone)}.`
    : `Rescheduled: this maintenance now starts on ${formatDateTime(start, zone)} and is expected to end on ${formatDateTime(end, zone)}.`;
  const update = await tx.incidentUpdate.create({ data: { incidentId: window.id, status: window.status, body, displayAt: new Date() } });
  await audit({ action: "maintenance_rescheduled", entityId: window.id, before, after: { scheduledStart: start, scheduledEnd: end, updateId: update.id, body } });
  if (window.notify) await enqueueNotification(tx, update.id);
  return { message: window.notify ? "Rescheduled; subscribers are told." : "Rescheduled; the page shows the new times." };
});

/**
 * Calls a window off before it completes. Statuspage has no "cancelled" status, so the
 * final update is "completed" and its text says it was cancelled; cancelledAt marks it
 * (the calendars' STATUS:CANCELLED), and a running window's services get their statuses back.
 */
export const cancelMaintenance = mutation({ role: "editor", schema: cancelMaintenanceSchema, audit: "maintenance", public: true }, async ({ tx, data, audit }) => {
  const window = await tx.incident.findUnique({ where: { id: data.incidentId } });
  if (!window || window.kind !== "maintenance") throw windowGone();
  if (window.status === "completed") throw new MutationError("invalid", "This maintenance is over already: there is nothing to cancel.");
  const now = new Date();
  await claimWindow(tx, window.id, data.revision, { status: "completed", resolvedAt: now, cancelledAt: now });
  const isPublic = window.publishedAt !== null;
  const update = await tx.incidentUpdate.create({ data: { incidentId: window.id, status: "completed", body: data.body, displayAt: now } });
  // A draft's statuses never applied; a published running window's are given back.
  const changes = isPublic && RUNNING.includes(window.status as MaintenanceStatus) ? await restoreServices(tx, window.id, update.id, now) : [];
  await audit({
    action: "maintenance_cancelled",
    entityId: window.id,
    before: { status: window.status, resolvedAt: null, cancelledAt: null },
    after: { updateId: update.id, status: "completed", cancelledAt: now, body: data.body, displayAt: now, changes },
    public: isPublic,
  });
  if (isPublic && window.notify) await enqueueNotification(tx, update.id);
  return { message: isPublic ? (window.notify ? "Cancelled; subscribers are told." : "Cancelled; the page says so.") : "The draft is cancelled." };
});
