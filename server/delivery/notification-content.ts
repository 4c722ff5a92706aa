import "server-only";
import { stripBidiControls } from "@/lib/bidi";
import { SERVICE_STATUS_LABELS, UPDATE_STATUS_LABELS } from "@/lib/constants";
import { escapeMarkup } from "@/lib/escape";
import { ADVICE_HEADING } from "@/lib/schemas/advice";
import { markdownToText, renderMarkdown } from "@/lib/markdown";
import { apiIncident, pageId } from "@/lib/statuspage";
import { formatDateTime } from "@/lib/time";
import type { ChatUpdateView } from "@/lib/chat-messages";
import { db } from "@/server/db";
import { chatUpdateView } from "@/server/delivery/chat-content";
import { getIncident } from "@/server/incidents";
import { listServiceGroups } from "@/server/services";
import type { PageSettingsView } from "@/lib/views/settings";
import { getPageSettings } from "@/server/settings";

// What one published update says in a mail and in a webhook, built once per
// notification and shared by every delivery of it.

export interface NotificationContent {
  notificationId: string;
  updateId: string;
  /** The services the incident is about (hidden ones included: they decide who is told). */
  serviceIds: string[];
  subject: string;
  /** The incident's pinned "What you should do" (Markdown), or null; the mail's text and html start with it. */
  advice: string | null;
  /** The mail without its per-subscriber footer. */
  text: string;
  html: string;
  link: string;
  pageName: string;
  /** The webhook body: the public API's incident object, and the update itself. */
  webhookBody: string;
  /** What chat channels' messages are built from (lib/chat-messages.ts); each adds its own manage link. */
  chat: Omit<ChatUpdateView, "manageUrl">;
}

/** The `page` object every webhook body carries. */
export function webhookPage(settings: PageSettingsView) {
  return { id: pageId(settings), name: stripBidiControls(settings.name), url: settings.url.replace(/\/+$/, ""), time_zone: settings.timeZone };
}

/** "Send a test": the page and nothing else, signed like a delivery, to check a receiver before an incident does. */
export function testWebhookBody(settings: PageSettingsView): string {
  return JSON.stringify({ meta: { event: "test", generated_at: new Date().toISOString() }, page: webhookPage(settings) });
}

/** Null when the update or its incident is gone or no longer public: nothing is sent then. */
export async function loadNotificationContent(notificationId: string): Promise<NotificationContent | null> {
  const notification = await db().notification.findUnique({
    where: { id: notificationId },
    include: { update: { select: { id: true, incidentId: true, incident: { select: { services: { select: { serviceId: true } } } } } } },
  });
  if (!notification) return null;
  const [incident, settings, groups] = await Promise.all([getIncident(notification.update.incidentId), getPageSettings(), listServiceGroups()]);
  const update = incident?.updates.find((candidate) => candidate.id === notification.updateId);
  if (!incident || !update) return null;

  // Titles and names stored before the schemas dropped bidi controls lose them here.
  const pageName = stripBidiControls(settings.name);
  const title = stripBidiControls(incident.title);
  const base = settings.url.replace(/\/+$/, "");
  const link = `${base}/incidents/${incident.id}#update-${update.id}`;
  const status = UPDATE_STATUS_LABELS[update.status];
  const when = formatDateTime(update.displayAt, settings.timeZone);
  const changes = update.changes.map((change) => `${stripBidiControls(change.serviceName)}: ${SERVICE_STATUS_LABELS[change.newStatus]}`);
  const subject = `[${pageName}] ${incident.kind === "maintenance" ? "Maintenance: " : ""}${title} (${status})`;

  // The advice comes first: the one thing a reader must not miss, whatever the update says.
  const advice = incident.advice?.body ?? null;
  const text = [
    ...(advice ? [ADVICE_HEADING.toUpperCase(), markdownToText(advice), "", "----", ""] : []),
    title,
    `${status} · ${when}`,
    "",
    markdownToText(update.body),
    ...(changes.length ? ["", ...changes] : []),
    "",
    `Read it on the status page: ${link}`,
  ].join("\n");

  // A mail has no address of its own for a relative link to resolve against.
  const bodyHtml = renderMarkdown(update.body, { url: base, absoluteLinks: true });
  const html = `<!doctype html><html><body style="font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;color:#111;max-width:40rem;margin:0 auto;padding:1rem">
<p style="color:#555;margin:0">${escapeMarkup(pageName)}</p>
${advice ? `<div role="region" aria-labelledby="advice" style="border:2px solid #111;border-radius:.375rem;padding:.75rem 1rem;margin:.75rem 0 1rem"><h2 id="advice" style="font-size:1.125rem;margin:0 0 .25rem">${ADVICE_HEADING}</h2>${renderMarkdown(advice, { url: base, absoluteLinks: true })}</div>` : ""}
<h1 style="font-size:1.25rem;margin:.25rem 0 0">${escapeMarkup(title)}</h1>
<p style="margin:.25rem 0 1rem"><strong>${escapeMarkup(status)}</strong> · <time datetime="${update.displayAt.toISOString()}">${escapeMarkup(when)}</time></p>
<div>${bodyHtml}</div>
${changes.length ? `<ul>${changes.map((change) => `<li>${escapeMarkup(change)}</li>`).join("")}</ul>` : ""}
<p><a href="${escapeMarkup(link)}">Read it on the status page</a></p>`;

  const api = apiIncident(incident, { settings, groups });
  const webhookBody = JSON.stringify({
    meta: { event: "incident.update", generated_at: new Date().toISOString() },
    page: webhookPage(settings),
    incident: api,
    incident_update: api.incident_updates.find((candidate) => candidate.id === update.id),
  });

  return {
    notificationId,
    updateId: update.id,
    serviceIds: notification.update.incident.services.map((link) => link.serviceId),
    subject,
    advice,
    text,
    html,
    link,
    pageName,
    webhookBody,
    chat: chatUpdateView(incident, update, settings, link),
  };
}

/** The per-subscriber footer: why they get it and how to stop. */
export function mailFooter(content: NotificationContent, links: { manage: string; unsubscribe: string }) {
  return {
    text: `${content.text}\n\n--\nYou get this because you subscribed to updates from ${content.pageName}.\nChoose services: ${links.manage}\nUnsubscribe: ${links.unsubscribe}\n`,
    html: `${content.html}
<hr style="border:0;border-top:1px solid #ddd;margin:1.5rem 0 .5rem"><p style="color:#555;font-size:.875rem">You get this because you subscribed to updates from ${escapeMarkup(content.pageName)}. <a href="${escapeMarkup(links.manage)}">Choose services</a> · <a href="${escapeMarkup(links.unsubscribe)}">Unsubscribe</a></p></body></html>`,
  };
}
