import "server-only";
import { adviceSchema } from "@/lib/schemas/advice";
import type { Actor } from "@/lib/views/actor";
import { authorize } from "@/server/auth";
import { db } from "@/server/db";
import { claimRevision } from "@/server/incident-updates";
import { mutation, MutationError } from "@/server/mutation";

// The pinned "What you should do" box: one short Markdown text per incident, shown at the
// top of / (open incidents), of the incident page, of every mail and of every feed entry.

/** Sets, replaces or clears the advice; a published incident's readers see it at once. */
export const setAdvice = mutation({ role: "editor", schema: adviceSchema, audit: "incident", public: true }, async ({ tx, data, audit }) => {
  const incident = await tx.incident.findUnique({ where: { id: data.incidentId }, select: { id: true, advice: true, publishedAt: true } });
  if (!incident) throw new MutationError("not_found", "That incident no longer exists.");
  const advice = data.intent === "clear" ? null : data.advice;
  if ((incident.advice ?? null) === advice) return { message: advice ? "The advice is already that." : "There is no advice to clear." };
  await claimRevision(tx, incident.id, data.revision);
  // The time moves on clearing too: feeds tell readers the entries changed.
  await tx.incident.update({ where: { id: incident.id }, data: { advice, adviceUpdatedAt: new Date() } });
  await audit({ action: advice ? "advice_set" : "advice_cleared", entityId: incident.id, before: { advice: incident.advice }, after: { advice }, public: incident.publishedAt !== null });
  if (incident.publishedAt === null) return { message: advice ? "Advice saved: readers see it when the incident is published." : "Advice cleared." };
  return { message: advice ? "Advice saved: it is at the top of the status page, the incident page, mails and feeds." : "Advice cleared." };
});

export interface AdminAdvice {
  advice: string;
  updatedAt: Date | null;
}

/** The advice as the console's form shows it. */
export async function getAdminAdvice(actor: Actor | null, incidentId: string): Promise<AdminAdvice | null> {
  authorize(actor, "editor");
  const row = await db().incident.findUnique({ where: { id: incidentId }, select: { advice: true, adviceUpdatedAt: true } });
  return row ? { advice: row.advice ?? "", updatedAt: row.advice ? row.adviceUpdatedAt : null } : null;
}
