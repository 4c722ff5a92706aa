import type { IncidentUpdateView, IncidentView } from "@/lib/views/incidents";

// What public/live.js reads to tell a reader what changed on an open page ("New update on
// <incident>: <status>"; services carry theirs on StatusLabel): the same names and labels
// the page shows, in its language, as data attributes, so the script never parses the text itself.

export function incidentData(incident: Pick<IncidentView, "id" | "title" | "kind">, statusLabel: string) {
  return {
    "data-incident": incident.id,
    "data-incident-title": incident.title,
    "data-incident-kind": incident.kind,
    "data-incident-status": statusLabel,
  };
}

export function updateData(update: Pick<IncidentUpdateView, "id">, statusLabel: string) {
  return { "data-update": update.id, "data-update-status": statusLabel };
}
