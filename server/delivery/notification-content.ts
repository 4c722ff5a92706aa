import "server-only";
import { stripBidiControls } from "@/lib/bidi";
import { escapeMarkup } from "@/lib/escape";
import { localizedText, type LocalizedText } from "@/lib/i18n/incident-text";
import { FORMAT_LOCALE, localeOr, type Locale } from "@/lib/i18n/locales";
import { translator } from "@/lib/i18n/translator";
import { markdownToText, renderMarkdown } from "@/lib/markdown";
import { apiIncident, pageId } from "@/lib/statuspage";
import { localizedPath } from "@/lib/i18n/routing";
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
// an incident's published postmortem. Built once per notification and language, and
// shared by every delivery of it. The mail is written in that language (the catalogs'
// "mail" messages, the incident's translations where they exist); webhooks and chat
// messages are the same in every language.

/** What a notification tells. */
export type NotificationAbout = { kind: "update"; updateId: string } | { kind: "postmortem"; incidentId: string };

export interface NotificationContent {
  notificationId: string;
  about: NotificationAbout;
  /** The services the incident is about (hidden ones included: they decide who is told). */
  serviceIds: string[];
  /** The language of the mail: its subject, text, html and footer. */
  locale: Locale;
  subject: string;
  /** The incident's pinned "What you should do" (Markdown) as the mail shows it, or null; the mail's text and html start with it. */
  advice: string | null;
  /** The mail without its per-subscriber footer. */
  text: string;
  html: string;
  link: string;
  pageName: string;
  /** The webhook body: the public API's incident object, and the update itself (for an update). */
  webhookBody: string;
  /**
   * What chat channels' messages are built from (lib/chat-messages.ts); each adds its own
   * manage link. Chat and webhooks take the page's default language's content.
   */
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

/**
 * The notification told in `locale` (by default, or for null, the page's default language).
 * Null when the update, postmortem or incident is gone or no longer public: nothing is sent then.
 */
export async function loadNotificationContent(notificationId: string, locale?: Locale | null): Promise<NotificationContent | null> {
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
  const language = localeOr(locale, settings.defaultLocale);
  const texts = await incidentTexts(incident, notification.updateId, language);
  const context = { notificationId, serviceIds, incident, settings, groups, locale: language, texts };
  if (notification.updateId) {
    const update = incident.updates.find((candidate) => candidate.id === notification.updateId);
    return update ? updateContent(context, update) : null;
  }
  return incident.postmortem ? postmortemContent(context, incident.postmortem) : null;
}

/** The incident's texts as a reader of `locale` gets them: translated where a translation exists, else as written. */
interface IncidentTexts {
  title: LocalizedText;
  advice: LocalizedText | null;
  /** The update's body; null for a postmortem. */
  body: LocalizedText | null;
  postmortem: LocalizedText | null;
  /** Translated service names, by service id. */
  serviceNames: Map<string, string>;
}

async function incidentTexts(incident: IncidentView, updateId: string | null, locale: Locale): Promise<IncidentTexts> {
  const [row, update, services] = await Promise.all([
    db().incident.findUniqueOrThrow({ where: { id: incident.id }, select: { sourceLocale: true, translations: { where: { locale } } } }),
    updateId ? db().incidentUpdateTranslation.findUnique({ where: { updateId_locale: { updateId, locale } }, select: { body: true } }) : null,
    db().serviceTranslation.findMany({ where: { locale }, select: { serviceId: true, name: true } }),
  ]);
  const source = localeOr(row.sourceLocale);
  const translation = row.translations[0];
  const shown = (original: string, translated: string | null | undefined) => localizedText(original, source, translated, locale);
  const original = updateId ? incident.updates.find((candidate) => candidate.id === updateId) : undefined;
  return {
    title: shown(incident.title, translation?.title),
    advice: incident.advice ? shown(incident.advice.body, translation?.advice) : null,
    body: original ? shown(original.body, update?.body) : null,
    postmortem: incident.postmortem ? shown(incident.postmortem.body, translation?.postmortemBody) : null,
    // A service's name is a name, not a message: shown as written when it has no translation, without a note.
    serviceNames: new Map(source === locale ? [] : services.map((service) => [service.serviceId, service.name])),
  };
}

interface ContentContext {
  notificationId: string;
  serviceIds: string[];
  incident: IncidentView;
  settings: PageSettingsView;
  groups: Awaited<ReturnType<typeof listServiceGroups>>;
  locale: Locale;
  texts: IncidentTexts;
}

/** The names every message starts from; titles and names stored before the schemas dropped bidi controls lose them here. */
function names({ settings, texts }: ContentContext) {
  const title = { ...texts.title, text: stripBidiControls(texts.title.text) };
  return { pageName: stripBidiControls(settings.name), title, base: settings.url.replace(/\/+$/, "") };
}

/** `lang` for an element whose text is not in the mail's language (an original not yet translated). */
const langOf = (text: LocalizedText, locale: Locale) => (text.lang === locale ? "" : ` lang="${text.lang}"`);

/**
 * The note beside texts shown as written because they are not translated yet, in the
 * reader's language and naming the language they are in; null when all are translated.
 */
function untranslatedNote(texts: (LocalizedText | null)[], locale: Locale): string | null {
  const original = texts.find((text) => text && !text.translated);
  if (!original) return null;
  const source = new Intl.DisplayNames([FORMAT_LOCALE[locale]], { type: "language" }).of(original.lang) ?? original.lang;
  return translator(locale)("mail.notification.notTranslated", { source });
}

const noteHtml = (note: string | null) => (note ? `<p style="color:#555;font-style:italic;margin:.25rem 0">${escapeMarkup(note)}</p>` : "");

/** The mail's HTML up to the per-subscriber footer (mailFooter closes it). */
function mailHtml({ locale, pageName, base, advice, title, line, at, when, body, after, link }: {
  locale: Locale;
  pageName: string;
  base: string;
  advice: LocalizedText | null;
  title: LocalizedText;
  line: string;
  at: Date;
  when: string;
  body: LocalizedText;
  after: string;
  link: string;
}) {
  const t = translator(locale);
  // A mail has no address of its own for a relative link to resolve against.
  const markdown = (text: LocalizedText) => `<div${langOf(text, locale)}>${renderMarkdown(text.text, { url: base, absoluteLinks: true })}</div>`;
  const adviceBox = advice
    ? `<div role="region" aria-labelledby="advice" style="border:2px solid #111;border-radius:.375rem;padding:.75rem 1rem;margin:.75rem 0 1rem"><h2 id="advice" style="font-size:1.125rem;margin:0 0 .25rem">${escapeMarkup(t("incident.advice.heading"))}</h2>${markdown(advice)}${noteHtml(untranslatedNote([advice], locale))}</div>`
    : "";
  return `<!doctype html><html lang="${locale}"><body style="font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;color:#111;max-width:40rem;margin:0 auto;padding:1rem">
<p style="color:#555;margin:0">${escapeMarkup(pageName)}</p>
${adviceBox}
<h1${langOf(title, locale)} style="font-size:1.25rem;margin:.25rem 0 0">${escapeMarkup(title.text)}</h1>
<p style="margin:.25rem 0 1rem"><strong>${escapeMarkup(line)}</strong> · <time datetime="${at.toISOString()}">${escapeMarkup(when)}</time></p>
${noteHtml(untranslatedNote([title, body], locale))}
${markdown(body)}
${after}
<p><a href="${escapeMarkup(link)}">${escapeMarkup(t("mail.notification.readOnPage"))}</a></p>`;
}

/** The mail's text part: the advice first, then the heading, the text and the link. */
function mailText({ locale, advice, title, line, when, body, after, link }: {
  locale: Locale;
  advice: LocalizedText | null;
  title: LocalizedText;
  line: string;
  when: string;
  body: LocalizedText;
  after: string[];
  link: string;
}) {
  const t = translator(locale);
  const note = (texts: LocalizedText[]) => untranslatedNote(texts, locale) ?? [];
  return [
    ...(advice ? [t("incident.advice.heading").toLocaleUpperCase(FORMAT_LOCALE[locale]), markdownToText(advice.text), note([advice]), "", "----", ""].flat() : []),
    title.text,
    `${line} · ${when}`,
    ...[note([title, body])].flat(),
    "",
    markdownToText(body.text),
    ...(after.length ? ["", ...after] : []),
    "",
    t("mail.labelled", { label: t("mail.notification.readOnPage"), link }),
  ].join("\n");
}

function updateContent(context: ContentContext, update: IncidentUpdateView): NotificationContent {
  const { incident, settings, groups, locale, texts } = context;
  const t = translator(locale);
  const { pageName, title, base } = names(context);
  const link = `${base}${localizedPath(`/incidents/${incident.id}`, locale, settings.defaultLocale)}#update-${update.id}`;
  const status = t(`incident.status.${update.status}`);
  const when = formatDateTime(update.displayAt, settings.timeZone, locale);
  const changes = update.changes.map((change) =>
    t("mail.change", { service: stripBidiControls(texts.serviceNames.get(change.serviceId) ?? change.serviceName), status: t(`status.service.${change.newStatus}`) }),
  );
  const subject = t(incident.kind === "maintenance" ? "mail.notification.maintenanceSubject" : "mail.notification.subject", { page: pageName, title: title.text, status });

  // The advice comes first: the one thing a reader must not miss, whatever the update says.
  const advice = texts.advice;
  const body = texts.body!;
  const text = mailText({ locale, advice, title, line: status, when, body, after: changes, link });
  const after = changes.length ? `<ul>${changes.map((change) => `<li>${escapeMarkup(change)}</li>`).join("")}</ul>` : "";
  const html = mailHtml({ locale, pageName, base, advice, title, line: status, at: update.displayAt, when, body, after, link });

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
    locale,
    subject,
    advice: advice?.text ?? null,
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
  const { incident, settings, groups, locale, texts } = context;
  const t = translator(locale);
  const { pageName, title, base } = names(context);
  const link = `${base}${localizedPath(`/incidents/${incident.id}`, locale, settings.defaultLocale)}#postmortem`;
  const when = formatDateTime(postmortem.publishedAt, settings.timeZone, locale);
  const heading = t("mail.notification.postmortem");
  const body = texts.postmortem!;
  const text = mailText({ locale, advice: null, title, line: heading, when, body, after: [], link });
  const html = mailHtml({ locale, pageName, base, advice: null, title, line: heading, at: postmortem.publishedAt, when, body, after: "", link });
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
    locale,
    subject: t("mail.notification.postmortemSubject", { page: pageName, title: title.text }),
    advice: null,
    text,
    html,
    link,
    pageName,
    webhookBody,
    chat: chatPostmortemView(incident, postmortem, settings, link),
  };
}

/** The per-subscriber footer: why they get it and how to stop, in the mail's language. */
export function mailFooter(content: NotificationContent, links: { manage: string; unsubscribe: string }) {
  const t = translator(content.locale);
  const why = t("mail.footer.why", { page: content.pageName });
  const [manage, unsubscribe] = [t("mail.footer.manage"), t("mail.footer.unsubscribe")];
  return {
    text: `${content.text}\n\n--\n${why}\n${t("mail.labelled", { label: manage, link: links.manage })}\n${t("mail.labelled", { label: unsubscribe, link: links.unsubscribe })}\n`,
    html: `${content.html}
<hr style="border:0;border-top:1px solid #ddd;margin:1.5rem 0 .5rem"><p style="color:#555;font-size:.875rem">${escapeMarkup(why)} <a href="${escapeMarkup(links.manage)}">${escapeMarkup(manage)}</a> · <a href="${escapeMarkup(links.unsubscribe)}">${escapeMarkup(unsubscribe)}</a></p></body></html>`,
  };
}
