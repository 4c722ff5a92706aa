import "server-only";
import { postmortemSchema, revertPostmortemSchema } from "@/lib/schemas/advice";
import type { Actor } from "@/lib/views/actor";
import { claimRevision } from "@/server/incident-updates";
import { authorize } from "@/server/auth";
import { db } from "@/server/db";
import { enqueuePostmortemNotification } from "@/server/delivery/outbox";
import { mutation, MutationError } from "@/server/mutation";

// The postmortem of a resolved incident: a private draft until it is published, then
// public (its own section on the incident page, its own feed entry, the API's
// postmortem_body), and revisable, each revision shown as "Revised <time>".
// Publishing may tell subscribers (mail, webhooks, chat channels) when the editor asks;
// a revision never does: readers were told once, and a fixed typo is no news.

const PUBLISHED = "Postmortem published: the incident page, feeds and API show it now.";

function publishedMessage(asked: boolean, told: boolean): string {
  if (told) return `${PUBLISHED} Subscribers, webhooks and chat channels are being told.`;
  if (asked) return `${PUBLISHED} Subscribers were told of this postmortem before, so they are not told again.`;
  return PUBLISHED;
}

/** Saves a draft, publishes, or saves changes to the published postmortem. */
export const savePostmortem = mutation({ role: "editor", schema: postmortemSchema, audit: "incident", public: true }, async ({ tx, data, audit }) => {
  const incident = await tx.incident.findUnique({
    where: { id: data.incidentId },
    select: { id: true, kind: true, resolvedAt: true, publishedAt: true, postmortemBody: true, postmortemPublishedAt: true },
  });
  if (!incident) throw new MutationError("not_found", "That incident no longer exists.");
  if (incident.kind !== "incident") throw new MutationError("invalid", "Only an incident has a postmortem, not maintenance.");
  if (incident.resolvedAt === null) throw new MutationError("invalid", "Resolve the incident first: a postmortem is written once it is over.");
  const published = incident.postmortemPublishedAt !== null;
  if (data.intent === "revise" && !published) throw new MutationError("conflict", "This postmortem is not published yet. Reload the page: save it as a draft or publish it.");
  if (data.intent !== "revise" && published) throw new MutationError("conflict", "This postmortem was published meanwhile. Reload the page to see it, then save your changes: your text is kept below.");
  if (data.intent === "publish" && incident.publishedAt === null) throw new MutationError("invalid", "Publish the incident first: its postmortem cannot be public before it is.");
  if (data.intent !== "publish" && data.body === incident.postmortemBody) return { message: "Nothing changed." };

  await claimRevision(tx, incident.id, data.revision);
  const now = new Date();
  const before = { body: incident.postmortemBody };
  if (data.intent === "draft") {
    await tx.incident.update({ where: { id: incident.id }, data: { postmortemBody: data.body, postmortemUpdatedAt: now } });
    await audit({ action: "postmortem_drafted", entityId: incident.id, before, after: { body: data.body }, public: false });
    return { message: "Draft saved: only the console sees it." };
  }
  if (data.intent === "publish") {
    await tx.incident.update({ where: { id: incident.id }, data: { postmortemBody: data.body, postmortemPublishedAt: now, postmortemUpdatedAt: now } });
    // In this transaction, so either both happen or neither; only the first publication tells anyone.
    const told = data.notify && (await enqueuePostmortemNotification(tx, incident.id));
    await audit({ action: "postmortem_published", entityId: incident.id, before, after: { body: data.body, publishedAt: now, subscribersTold: told } });
    return { message: publishedMessage(data.notify, told) };
  }
  await tx.incident.update({ where: { id: incident.id }, data: { postmortemBody: data.body, postmortemUpdatedAt: now } });
  await audit({ action: "postmortem_revised", entityId: incident.id, before, after: { body: data.body }, public: incident.publishedAt !== null });
  return { message: "Changes published: the postmortem shows it was revised." };
});

/**
 * Takes a published postmortem back to a private draft, its text kept (the write API's
 * revert). Subscribers told of it are not told again when it is published again.
 */
export const revertPostmortem = mutation({ role: "editor", schema: revertPostmortemSchema, audit: "incident", public: true }, async ({ tx, data, audit }) => {
  const incident = await tx.incident.findUnique({ where: { id: data.incidentId }, select: { id: true, postmortemPublishedAt: true } });
  if (!incident) throw new MutationError("not_found", "That incident no longer exists.");
  if (incident.postmortemPublishedAt === null) throw new MutationError("conflict", "This postmortem is not published, so there is nothing to revert.");
  await claimRevision(tx, incident.id, data.revision);
  await tx.incident.update({ where: { id: incident.id }, data: { postmortemPublishedAt: null, postmortemUpdatedAt: new Date() } });
  await audit({ action: "postmortem_reverted", entityId: incident.id, before: { publishedAt: incident.postmortemPublishedAt }, after: { publishedAt: null } });
  return { message: "The postmortem is a draft again: only the console sees it." };
});

export interface AdminPostmortem {
  /** Whether a postmortem may be written now: a resolved incident (not maintenance). */
  writable: boolean;
  body: string;
  publishedAt: Date | null;
  updatedAt: Date | null;
}

/** The postmortem as the console's form shows it, draft included. */
export async function getAdminPostmortem(actor: Actor | null, incidentId: string): Promise<AdminPostmortem | null> {
  authorize(actor, "editor");
  const row = await db().incident.findUnique({
    where: { id: incidentId },
    select: { kind: true, resolvedAt: true, postmortemBody: true, postmortemPublishedAt: true, postmortemUpdatedAt: true },
  });
  if (!row) return null;
  return {
    writable: row.kind === "incident" && row.resolvedAt !== null,
    body: row.postmortemBody ?? "",
    publishedAt: row.postmortemPublishedAt,
    updatedAt: row.postmortemUpdatedAt,
  };
}
