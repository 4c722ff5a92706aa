import { UPDATE_STATUS_LABELS } from "@/lib/constants";
import type { IncidentUpdateView, IncidentView } from "@/lib/views/incidents";

// What public/live.js reads to tell a reader what changed on an open page ("New update on
// <incident>: <status>"; services carry theirs on StatusLabel): the same names and labels
// the page shows, as data attributes, so the script never parses the text itself.

export function incidentData(incident: Pick<IncidentView, "id" | "title" | "kind" | "status">) {
  return {
    "data-incident": incident.id,
    "data-incident-title": incident.title,
    "data-incident-kind": incident.kind,
    "data-incident-status": UPDATE_STATUS_LABELS[incident.status],
  };
}

export function updateData(update: Pick<IncidentUpdateView, "id" | "status">) {
  return { "data-update": update.id, "data-update-status": UPDATE_STATUS_LABELS[update.status] };
}
