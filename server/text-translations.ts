import "server-only";
import { localizedText, type LocalizedText } from "@/lib/i18n/incident-text";
import { localeOr, type Locale } from "@/lib/i18n/locales";
import type { IncidentView } from "@/lib/views/incidents";
import type { ServiceGroupView } from "@/lib/views/services";
import { db } from "@/server/db";

// Incident and service text in the language a feed, calendar or API answer is in: the
// translations written for it (IncidentTranslation, IncidentUpdateTranslation,
// ServiceTranslation, ServiceGroupTranslation), loaded in one go for the incidents an
// answer holds, and the original (with its language) where there is none.

interface IncidentTranslations {
  /** The language the incident was written in. */
  sourceLocale: Locale;
  /** The incident's row in the answer's language; null when it has none (or is written in it). */
  incident: {
    title: string | null;
    advice: string | null;
    postmortemBody: string | null;
    titleUpdatedAt: Date | null;
    adviceUpdatedAt: Date | null;
    postmortemUpdatedAt: Date | null;
  } | null;
  /** Its updates' bodies in the answer's language, by update id. */
  updates: Map<string, { body: string; updatedAt: Date }>;
}

export interface TextTranslations {
  locale: Locale;
  incidents: Map<string, IncidentTranslations>;
  /** Service and group names in the answer's language (none when it is the page's own). */
  services: Map<string, string>;
  groups: Map<string, string>;
}

/**
 * The translations into `locale` of the incidents `incidentIds` and of every service and
 * group. Services are named in the page's default language (`pageLocale`), so they have no
 * translation into it.
 */
export async function loadTextTranslations(locale: Locale, pageLocale: Locale, incidentIds: Iterable<string>): Promise<TextTranslations> {
  const ids = [...new Set(incidentIds)];
  const named = locale !== pageLocale;
  const [incidents, services, groups] = await Promise.all([
    ids.length === 0
      ? []
      : db().incident.findMany({
          where: { id: { in: ids } },
          select: {
            id: true,
            sourceLocale: true,
            translations: {
              where: { locale },
              select: { title: true, advice: true, postmortemBody: true, titleUpdatedAt: true, adviceUpdatedAt: true, postmortemUpdatedAt: true },
            },
            updates: { where: { translations: { some: { locale } } }, select: { id: true, translations: { where: { locale }, select: { body: true, updatedAt: true } } } },
          },
        }),
    named ? db().serviceTranslation.findMany({ where: { locale }, select: { serviceId: true, name: true } }) : [],
    named ? db().serviceGroupTranslation.findMany({ where: { locale }, select: { groupId: true, name: true } }) : [],
  ]);
  const incidentMap = new Map<string, IncidentTranslations>();
  for (const row of incidents) {
    const sourceLocale = localeOr(row.sourceLocale);
    // A row in the incident's own language is refused on save; one left over is ignored.
    const own = sourceLocale === locale;
    incidentMap.set(row.id, {
      sourceLocale,
      incident: own ? null : (row.translations[0] ?? null),
      updates: new Map(own ? [] : row.updates.map((update) => [update.id, update.translations[0]])),
    });
  }
  return {
    locale,
    incidents: incidentMap,
    services: new Map(services.filter((row) => row.name.trim()).map((row) => [row.serviceId, row.name])),
    groups: new Map(groups.filter((row) => row.name.trim()).map((row) => [row.groupId, row.name])),
  };
}

type IncidentField = "title" | "advice" | "postmortemBody";

/** An incident's `field` (its `original` text) in the answer's language, or the original with its language. */
export function incidentText(translations: TextTranslations, incidentId: string, field: IncidentField, original: string): LocalizedText {
  const found = translations.incidents.get(incidentId);
  return localizedText(original, found?.sourceLocale ?? translations.locale, found?.incident?.[field], translations.locale);
}

/** An update's body in the answer's language, or the original with its language. */
export function updateText(translations: TextTranslations, incidentId: string, updateId: string, original: string): LocalizedText {
  const found = translations.incidents.get(incidentId);
  return localizedText(original, found?.sourceLocale ?? translations.locale, found?.updates.get(updateId)?.body, translations.locale);
}

const FIELD_TIMES = { title: "titleUpdatedAt", advice: "adviceUpdatedAt", postmortemBody: "postmortemUpdatedAt" } as const;

/**
 * When the translations of an incident's `fields` (and of its update `updateId`) into the
 * answer's language last changed: what moves that language's entries, and no other's.
 */
export function translationTimes(translations: TextTranslations, incidentId: string, fields: IncidentField[], updateId?: string): (Date | null)[] {
  const found = translations.incidents.get(incidentId);
  const times = fields.map((field) => found?.incident?.[FIELD_TIMES[field]] ?? null);
  return updateId === undefined ? times : [...times, found?.updates.get(updateId)?.updatedAt ?? null];
}

/** A service's name in the answer's language, where one is written. */
export function serviceName(translations: TextTranslations, serviceId: string, original: string): string {
  return translations.services.get(serviceId) ?? original;
}

/** The groups and their services named in the answer's language. */
export function translatedGroups(translations: TextTranslations, groups: ServiceGroupView[]): ServiceGroupView[] {
  return groups.map((group) => ({
    ...group,
    name: group.id !== null && group.name !== null ? (translations.groups.get(group.id) ?? group.name) : group.name,
    services: group.services.map((service) => ({ ...service, name: serviceName(translations, service.id, service.name), groupName: service.groupId ? (translations.groups.get(service.groupId) ?? service.groupName) : service.groupName })),
  }));
}

/**
 * An incident's view with its texts in the answer's language where translated (the
 * originals elsewhere), for answers that carry text without marking its language (the
 * API). Rendered HTML is left as it was: such answers carry the Markdown.
 */
export function translatedIncident(translations: TextTranslations, incident: IncidentView): IncidentView {
  const text = (field: IncidentField, original: string) => incidentText(translations, incident.id, field, original).text;
  return {
    ...incident,
    title: text("title", incident.title),
    services: incident.services.map((service) => ({ ...service, name: serviceName(translations, service.id, service.name) })),
    updates: incident.updates.map((update) => ({
      ...update,
      body: updateText(translations, incident.id, update.id, update.body).text,
      changes: update.changes.map((change) => ({ ...change, serviceName: serviceName(translations, change.serviceId, change.serviceName) })),
    })),
    advice: incident.advice && { ...incident.advice, body: text("advice", incident.advice.body) },
    postmortem: incident.postmortem && { ...incident.postmortem, body: text("postmortemBody", incident.postmortem.body) },
  };
}
