import "server-only";
import { POSTMORTEM_HEADING } from "@/lib/schemas/advice";

// What a notification is about, as the console's lists name it: its incident, and the
// update's status or "postmortem". Shared by the delivery progress and the webhooks page.

/** The columns notificationSubject() reads; spread into a notification's select. */
export const notificationSubjectSelect = {
  update: { select: { status: true, incident: { select: { id: true, title: true } } } },
  postmortemOf: { select: { id: true, title: true } },
} as const;

interface SubjectRow {
  update: { status: string; incident: { id: string; title: string } } | null;
  postmortemOf: { id: string; title: string } | null;
}

export function notificationSubject(row: SubjectRow): { incidentId: string; title: string; kind: "update" | "postmortem"; label: string } {
  if (row.update) return { incidentId: row.update.incident.id, title: row.update.incident.title, kind: "update", label: row.update.status.replace(/_/g, " ") };
  // The outbox sets exactly one of the two (a CHECK in the migrations holds it to that).
  const incident = row.postmortemOf!;
  return { incidentId: incident.id, title: incident.title, kind: "postmortem", label: POSTMORTEM_HEADING.toLowerCase() };
}

/** A delivery's line in a webhook's recent deliveries: the incident, marked when it told the postmortem. */
export function deliveryTitle(subject: { title: string; kind: "update" | "postmortem"; label: string }): string {
  return subject.kind === "postmortem" ? `${subject.title} (${subject.label})` : subject.title;
}
