import "server-only";
import { stripBidiControls } from "@/lib/bidi";
import { SERVICE_STATUS_LABELS, UPDATE_STATUS_LABELS } from "@/lib/constants";
import { escapeMarkup } from "@/lib/escape";
import { ADVICE_HEADING, POSTMORTEM_HEADING } from "@/lib/schemas/advice";
import { markdownToText, renderMarkdown } from "@/lib/markdown";
import { apiIncident, pageId } from "@/lib/statuspage";
import { formatDateTime } from "@/lib/time";
import type { ChatUpdateView } from "@/lib/chat-messages";
import { db } from "@/server/db";
import { chatPostmortemView, chatUpdateView } from "@/server/delivery/chat-content";
import { getIncident } from "@/server/incidents";
import { listServiceGroups } from "@/server/services";
import type { IncidentUpdateView, IncidentView, PostmortemView } from "@/lib/views/incidents";
import type { PageSettingsView } from "@/lib/views/settings";
import { getPageSettings } from "@/server/settings";

// What one notification says in a mail, in a webhook and in chat: a published update, or
// an incident's published postmortem. Built once per notification and shared by every
// delivery of it.

/** What a notification tells. */
export type NotificationAbout = { kind: "update"; updateId: string } | { kind: "postmortem"; incidentId: string };

export interface NotificationContent {
  notificationId: string;
  about: NotificationAbout;
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
  /** The webhook body: the public API's incident object, and the update itself (for an update). */
  webhookBody: string;
  /** What chat channels' messages are built from (lib/chat-messages.ts); each adds its own manage link. */
  chat: Omit<ChatUpdateView, "manageUrl">;
}

/**
 * The part of a mail's Message-ID and a webhook's id that names what is told: the same
 * on every attempt, so a repeat after a crash is recognisably the same message, and
 * different for an update and a postmortem.
 */
export function messageKey(about: NotificationAbout): string {
  return about.kind === "update" ? `update-${about.updateId}` : `postmortem-${about.incidentId}`;
}

/** The webhook-id of one delivery to one endpoint (an update's keeps the form it always had). */
export function webhookMessageId(about: NotificationAbout, endpointId: string): string {
  return about.kind === "update" ? `msg_${about.updateId}_${endpointId}` : `msg_postmortem_${about.incidentId}_${endpointId}`;
}

/** The `page` object every webhook body carries. */
export function webhookPage(settings: PageSettingsView) {
  return { id: pageId(settings), name: stripBidiControls(settings.name), url: settings.url.replace(/\/+$/, ""), time_zone: settings.timeZone };
}

/** "Send a test": the page and nothing else, signed like a delivery, to check a receiver before an incident does. */
export function testWebhookBody(settings: PageSettingsView): string {
  return JSON.stringify({ meta: { event: "test", generated_at: new Date().toISOString() }, page: webhookPage(settings) });
}

const serviceLinks = { select: { services: { select: { serviceId: true } } } } as const;

/** Null when the update, postmortem or incident is gone or no longer public: nothing is sent then. */
export async function loadNotificationContent(notificationId: string): Promise<NotificationContent | null> {
  const notification = await db().notification.findUnique({
    where: { id: notificationId },
    include: { update: { select: { id: true, incidentId: true, incident: serviceLinks } }, postmortemOf: { select: { id: true, ...serviceLinks.select } } },
  });
  if (!notification) return null;
  const incidentId = notification.update?.incidentId ?? notification.postmortemOf?.id;
  if (!incidentId) return null;
  const [incident, settings, groups] = await Promise.all([getIncident(incidentId), getPageSettings(), listServiceGroups()]);
  if (!incident) return null;
  const serviceIds = (notification.update?.incident ?? notification.postmortemOf)!.services.map((link) => link.serviceId);
  const context = { notificationId, serviceIds, incident, settings, groups };
  if (notification.updateId) {
    const update = incident.updates.find((candidate) => candidate.id === notification.updateId);
    return update ? updateContent(context, update) : null;
  }
  return incident.postmortem ? postmortemContent(context, incident.postmortem) : null;
}

interface ContentContext {
  notificationId: string;
  serviceIds: string[];
  incident: IncidentView;
  settings: PageSettingsView;
  groups: Awaited<ReturnType<typeof listServiceGroups>>;
}

/** The names every message starts from; titles and names stored before the schemas dropped bidi controls lose them here. */
function names({ incident, settings }: ContentContext) {
  return { pageName: stripBidiControls(settings.name), title: stripBidiControls(incident.title), base: settings.url.replace(/\/+$/, "") };
}

/** The mail's HTML up to the per-subscriber footer (mailFooter closes it). */
function mailHtml({ pageName, base, advice, title, line, at, when, body, after, link }: {
  pageName: string;
  base: string;
  advice: string | null;
  title: string;
  line: string;
  at: Date;
  when: string;
  body: string;
  after: string;
  link: string;
}) {
  // A mail has no address of its own for a relative link to resolve against.
  const bodyHtml = renderMarkdown(body, { url: base, absoluteLinks: true });
  return `<!doctype html><html><body style="font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;color:#111;max-width:40rem;margin:0 auto;padding:1rem">
<p style="color:#555;margin:0">${escapeMarkup(pageName)}</p>
${advice ? `<div role="region" aria-labelledby="advice" style="border:2px solid #111;border-radius:.375rem;padding:.75rem 1rem;margin:.75rem 0 1rem"><h2 id="advice" style="font-size:1.125rem;margin:0 0 .25rem">${ADVICE_HEADING}</h2>${renderMarkdown(advice, { url: base, absoluteLinks: true })}</div>` : ""}
<h1 style="font-size:1.25rem;margin:.25rem 0 0">${escapeMarkup(title)}</h1>
<p style="margin:.25rem 0 1rem"><strong>${escapeMarkup(line)}</strong> · <time datetime="${at.toISOString()}">${escapeMarkup(when)}</time></p>
<div>${bodyHtml}</div>
${after}
<p><a href="${escapeMarkup(link)}">Read it on the status page</a></p>`;
}

function updateContent(context: ContentContext, update: IncidentUpdateView): NotificationContent {
  const { incident, settings, groups } = context;
  const { pageName, title, base } = names(context);
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
  const after = changes.length ? `<ul>${changes.map((change) => `<li>${escapeMarkup(change)}</li>`).join("")}</ul>` : "";
  const html = mailHtml({ pageName, base, advice, title, line: status, at: update.displayAt, when, body: update.body, after, link });

  const api = apiIncident(incident, { settings, groups });
  const webhookBody = JSON.stringify({
    meta: { event: "incident.update", generated_at: new Date().toISOString() },
    page: webhookPage(settings),
    incident: api,
    incident_update: api.incident_updates.find((candidate) => candidate.id === update.id),
  });

  return {
    notificationId: context.notificationId,
    about: { kind: "update", updateId: update.id },
    serviceIds: context.serviceIds,
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

/**
 * A published postmortem, as it reads now (a revision made before the send is what is
 * sent). The advice is left out: it was about the incident while it ran.
 */
function postmortemContent(context: ContentContext, postmortem: PostmortemView): NotificationContent {
  const { incident, settings, groups } = context;
  const { pageName, title, base } = names(context);
  const link = `${base}/incidents/${incident.id}#postmortem`;
  const when = formatDateTime(postmortem.publishedAt, settings.timeZone);
  const text = [title, `${POSTMORTEM_HEADING} · ${when}`, "", markdownToText(postmortem.body), "", `Read it on the status page: ${link}`].join("\n");
  const html = mailHtml({ pageName, base, advice: null, title, line: POSTMORTEM_HEADING, at: postmortem.publishedAt, when, body: postmortem.body, after: "", link });
  // The API's incident object carries the postmortem (postmortem_body, postmortem_published_at).
  const webhookBody = JSON.stringify({
    meta: { event: "incident.postmortem", generated_at: new Date().toISOString() },
    page: webhookPage(settings),
    incident: apiIncident(incident, { settings, groups }),
  });
  return {
    notificationId: context.notificationId,
    about: { kind: "postmortem", incidentId: incident.id },
    serviceIds: context.serviceIds,
    subject: `[${pageName}] ${POSTMORTEM_HEADING}: ${title}`,
    advice: null,
    text,
    html,
    link,
    pageName,
    webhookBody,
    chat: chatPostmortemView(incident, postmortem, settings, link),
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
