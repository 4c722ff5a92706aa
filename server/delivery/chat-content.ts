import "server-only";
import type { ChatUpdateView } from "@/lib/chat-messages";
import { FINAL_STATUSES, IMPACT_LABELS, SERVICE_STATUS_LABELS, UPDATE_STATUS_LABELS } from "@/lib/constants";
import { POSTMORTEM_HEADING } from "@/lib/schemas/advice";
import { formatDateTime } from "@/lib/time";
import type { IncidentUpdateView, IncidentView, PostmortemView } from "@/lib/views/incidents";
import type { PageSettingsView } from "@/lib/views/settings";

// The plain view that chat messages are built from (lib/chat-messages.ts): the same
// incident, update (or postmortem) and page settings the mail is written from.

/** What every message says of the page and the incident, whatever it tells. */
function incidentPart(incident: IncidentView, settings: PageSettingsView, link: string) {
  return {
    pageName: settings.name,
    pageUrl: settings.url.replace(/\/+$/, ""),
    kind: incident.kind,
    title: incident.title,
    link,
    impact: incident.impact,
    impactLabel: IMPACT_LABELS[incident.impact],
  };
}

export function chatUpdateView(incident: IncidentView, update: IncidentUpdateView, settings: PageSettingsView, link: string): Omit<ChatUpdateView, "manageUrl"> {
  return {
    ...incidentPart(incident, settings, link),
    statusLabel: UPDATE_STATUS_LABELS[update.status],
    final: FINAL_STATUSES.includes(update.status),
    changes: update.changes.map((change) => ({ service: change.serviceName, status: SERVICE_STATUS_LABELS[change.newStatus] })),
    // The incident's pinned "What you should do", as the mail carries it.
    advice: incident.advice?.body ?? null,
    body: update.body,
    when: formatDateTime(update.displayAt, settings.timeZone),
    at: update.displayAt.toISOString(),
  };
}

/**
 * A published postmortem told as an update of its own: "Postmortem" where an update's
 * status goes, green as the incident is over, no service changes (it changes none), and
 * no advice (that was for while the incident ran), timed at its publication.
 */
export function chatPostmortemView(incident: IncidentView, postmortem: PostmortemView, settings: PageSettingsView, link: string): Omit<ChatUpdateView, "manageUrl"> {
  return {
    ...incidentPart(incident, settings, link),
    statusLabel: POSTMORTEM_HEADING,
    final: true,
    changes: [],
    advice: null,
    body: postmortem.body,
    when: formatDateTime(postmortem.publishedAt, settings.timeZone),
    at: postmortem.publishedAt.toISOString(),
  };
}
