import "server-only";
import { LOCALES, localeOr, type Locale } from "@/lib/i18n/locales";
import { missingTranslations, type MissingTranslation } from "@/lib/i18n/missing-translations";
import { groupTranslationSchema, incidentTranslationSchema, serviceTranslationSchema, updateTranslationSchema, type IncidentText } from "@/lib/schemas/translations";
import type { Actor } from "@/lib/views/actor";
import type { CatalogTranslation, CatalogTranslations, IncidentTranslations, TranslatableText } from "@/lib/views/translations";
import { authorize } from "@/server/auth";
import { db, type Tx } from "@/server/db";
import { mutation, MutationError } from "@/server/mutation";

// Translations of incident texts (title, advice, postmortem, update bodies) into the
// page's other languages, and of service and group names. A translation is its own row:
// writing it never touches the Incident or IncidentUpdate row, so the original's
// updatedAt, and with it the source language's Last-Modified and feeds, stay put. Each
// row carries its own revision for "changed since you opened it", since claimRevision
// would bump the incident's.

const STALE = "This translation changed since you opened it (someone else saved one). Reload to see the latest, then try again: your text is kept below.";

function refuseSourceLocale(locale: Locale, sourceLocale: string, what: string): void {
  if (locale !== sourceLocale) return;
  throw new MutationError("invalid", `${what} is written in that language already: choose another language to translate into.`, { locale: "Choose a language other than the original's." });
}

/**
 * Claims the translation row at the revision the form was opened at (0: there was none):
 * the update bumps the revision, and a count of 0 means someone else got there first.
 */
async function claimTranslation(found: { revision: number } | null, revision: number, bump: () => Promise<{ count: number }>): Promise<void> {
  if ((found?.revision ?? 0) !== revision) throw new MutationError("conflict", STALE);
  if (found && (await bump()).count === 0) throw new MutationError("conflict", STALE);
}

const INCIDENT_COLUMNS = { title: "title", advice: "advice", postmortem: "postmortemBody" } as const satisfies Record<IncidentText, string>;
const INCIDENT_TIMES = { title: "titleUpdatedAt", advice: "adviceUpdatedAt", postmortem: "postmortemUpdatedAt" } as const satisfies Record<IncidentText, string>;
const TEXT_NAMES: Record<IncidentText, string> = { title: "title", advice: "advice", postmortem: "postmortem" };

/** Sets, replaces or removes the translation of an incident's title, advice or postmortem. */
export const setIncidentTranslation = mutation({ role: "editor", schema: incidentTranslationSchema, audit: "incident_translation", public: true }, async ({ tx, data, audit }) => {
  const incident = await tx.incident.findUnique({
    where: { id: data.incidentId },
    select: { id: true, sourceLocale: true, publishedAt: true, advice: true, postmortemBody: true, translations: { where: { locale: data.locale } } },
  });
  if (!incident) throw new MutationError("not_found", "That incident no longer exists.");
  refuseSourceLocale(data.locale, incident.sourceLocale, "The incident");
  const name = TEXT_NAMES[data.field];
  if (data.text && ((data.field === "advice" && !incident.advice) || (data.field === "postmortem" && !incident.postmortemBody))) {
    throw new MutationError("invalid", `The incident has no ${name} to translate.`);
  }
  const found = incident.translations[0] ?? null;
  const column = INCIDENT_COLUMNS[data.field];
  const before = found?.[column] ?? null;
  if (before === data.text) return { message: data.text ? `The ${name} translation is already that.` : `There is no ${name} translation to remove.` };
  const key = { incidentId: incident.id, locale: data.locale };
  const values = { [column]: data.text, [INCIDENT_TIMES[data.field]]: new Date() };
  await claimTranslation(found, data.revision, () => tx.incidentTranslation.updateMany({ where: { ...key, revision: data.revision }, data: { ...values, revision: { increment: 1 } } }));
  if (!found) await tx.incidentTranslation.create({ data: { ...key, ...values } });
  await audit({
    action: data.text ? `${data.field}_translated` : `${data.field}_translation_removed`,
    entityId: incident.id,
    before: { locale: data.locale, [data.field]: before },
    after: { locale: data.locale, [data.field]: data.text },
    public: incident.publishedAt !== null,
  });
  return { message: data.text ? `The ${name} translation is saved.` : `The ${name} translation is removed.` };
});

/** Sets, replaces or removes the translation of one update's text. */
export const setUpdateTranslation = mutation({ role: "editor", schema: updateTranslationSchema, audit: "incident_update_translation", public: true }, async ({ tx, data, audit }) => {
  const update = await tx.incidentUpdate.findUnique({
    where: { id: data.updateId },
    select: { id: true, incident: { select: { sourceLocale: true, publishedAt: true } }, translations: { where: { locale: data.locale } } },
  });
  if (!update) throw new MutationError("not_found", "That update no longer exists.");
  refuseSourceLocale(data.locale, update.incident.sourceLocale, "The update");
  const found = update.translations[0] ?? null;
  if ((found?.body ?? null) === data.text) return { message: data.text ? "The translation is already that." : "There is no translation to remove." };
  const key = { updateId: update.id, locale: data.locale };
  await claimTranslation(found, data.revision, () =>
    data.text
      ? tx.incidentUpdateTranslation.updateMany({ where: { ...key, revision: data.revision }, data: { body: data.text, revision: { increment: 1 } } })
      : tx.incidentUpdateTranslation.deleteMany({ where: { ...key, revision: data.revision } }),
  );
  if (!found && data.text) await tx.incidentUpdateTranslation.create({ data: { ...key, body: data.text } });
  await audit({
    action: data.text ? "translated" : "translation_removed",
    entityId: update.id,
    before: { locale: data.locale, body: found?.body ?? null },
    after: { locale: data.locale, body: data.text },
    public: update.incident.publishedAt !== null,
  });
  return { message: data.text ? "The update's translation is saved." : "The update's translation is removed." };
});

/**
 * A service's or group's name in another language. The catalog is written in the page's
 * default language, so a translation into that one is refused like an incident's source.
 */
async function setCatalogTranslation(
  tx: Tx,
  data: { locale: Locale; name: string | null; description: string },
  row: { find: () => Promise<{ name: string; description: string } | null>; upsert: (values: { name: string; description: string }) => Promise<unknown>; remove: () => Promise<unknown> },
): Promise<{ before: unknown; after: unknown } | null> {
  const settings = await tx.pageSettings.findUnique({ where: { id: 1 }, select: { defaultLocale: true } });
  refuseSourceLocale(data.locale, localeOr(settings?.defaultLocale), "The catalog");
  const found = await row.find();
  const after = data.name ? { name: data.name, description: data.description } : null;
  if (JSON.stringify(found) === JSON.stringify(after)) return null;
  if (after) await row.upsert(after);
  else await row.remove();
  return { before: { locale: data.locale, ...(found ?? { name: null }) }, after: { locale: data.locale, ...(after ?? { name: null }) } };
}

const translationSelect = { name: true, description: true } as const;

export const setServiceTranslation = mutation({ role: "admin", schema: serviceTranslationSchema, audit: "service_translation", public: true }, async ({ tx, data, audit }) => {
  const service = await tx.service.findUnique({ where: { id: data.serviceId }, select: { id: true } });
  if (!service) throw new MutationError("not_found", "That service no longer exists.");
  const key = { serviceId_locale: { serviceId: service.id, locale: data.locale } };
  const change = await setCatalogTranslation(tx, data, {
    find: () => tx.serviceTranslation.findUnique({ where: key, select: translationSelect }),
    upsert: (values) => tx.serviceTranslation.upsert({ where: key, create: { serviceId: service.id, locale: data.locale, ...values }, update: values }),
    remove: () => tx.serviceTranslation.delete({ where: key }),
  });
  if (!change) return { message: "The translation is already that." };
  await audit({ action: data.name ? "translated" : "translation_removed", entityId: service.id, ...change });
  return { message: data.name ? "The service's translation is saved." : "The service's translation is removed." };
});

export const setGroupTranslation = mutation({ role: "admin", schema: groupTranslationSchema, audit: "group_translation", public: true }, async ({ tx, data, audit }) => {
  const group = await tx.serviceGroup.findUnique({ where: { id: data.groupId }, select: { id: true } });
  if (!group) throw new MutationError("not_found", "That group no longer exists.");
  const key = { groupId_locale: { groupId: group.id, locale: data.locale } };
  const change = await setCatalogTranslation(tx, data, {
    find: () => tx.serviceGroupTranslation.findUnique({ where: key, select: translationSelect }),
    upsert: (values) => tx.serviceGroupTranslation.upsert({ where: key, create: { groupId: group.id, locale: data.locale, ...values }, update: values }),
    remove: () => tx.serviceGroupTranslation.delete({ where: key }),
  });
  if (!change) return { message: "The translation is already that." };
  await audit({ action: data.name ? "translated" : "translation_removed", entityId: group.id, ...change });
  return { message: data.name ? "The group's translation is saved." : "The group's translation is removed." };
});

/** The console's "Translations" panel: every text of the incident in every other language. */
export async function getIncidentTranslations(actor: Actor | null, incidentId: string): Promise<IncidentTranslations | null> {
  authorize(actor, "editor");
  const row = await db().incident.findUnique({
    where: { id: incidentId },
    select: {
      sourceLocale: true,
      title: true,
      advice: true,
      postmortemBody: true,
      translations: true,
      updates: { orderBy: [{ displayAt: "desc" }, { createdAt: "desc" }], select: { id: true, body: true, displayAt: true, translations: true } },
    },
  });
  if (!row) return null;
  const sourceLocale = localeOr(row.sourceLocale);
  const languages = LOCALES.filter((locale) => locale !== sourceLocale).map((locale) => {
    const incident = row.translations.find((translation) => translation.locale === locale);
    const own = (kind: IncidentText, original: string | null): TranslatableText[] =>
      original?.trim() ? [{ key: kind, kind, original, translation: incident?.[INCIDENT_COLUMNS[kind]] ?? "", revision: incident?.revision ?? 0 }] : [];
    const texts: TranslatableText[] = [
      ...own("title", row.title),
      ...own("advice", row.advice),
      ...own("postmortem", row.postmortemBody),
      ...row.updates.map((update) => {
        const translation = update.translations.find((candidate) => candidate.locale === locale);
        return { key: update.id, kind: "update" as const, updateId: update.id, original: update.body, translation: translation?.body ?? "", revision: translation?.revision ?? 0, displayAt: update.displayAt };
      }),
    ];
    return { locale, texts };
  });
  return { sourceLocale, languages, missing: missingTranslations(languages) };
}

/** Which texts of the incident lack which language (the console lists them plainly). */
export async function listMissingTranslations(actor: Actor | null, incidentId: string): Promise<MissingTranslation[] | null> {
  return (await getIncidentTranslations(actor, incidentId))?.missing ?? null;
}

/** Every service's and group's translations, per language other than the page's default, for the services page. */
export async function getCatalogTranslations(actor: Actor | null): Promise<CatalogTranslations> {
  authorize(actor, "admin");
  const [settings, services, groups] = await Promise.all([
    db().pageSettings.findUnique({ where: { id: 1 }, select: { defaultLocale: true } }),
    db().serviceTranslation.findMany({ select: { serviceId: true, locale: true, ...translationSelect } }),
    db().serviceGroupTranslation.findMany({ select: { groupId: true, locale: true, ...translationSelect } }),
  ]);
  const source = localeOr(settings?.defaultLocale);
  const locales = LOCALES.filter((locale) => locale !== source);
  const perLocale = (rows: { locale: string; name: string; description: string }[]): CatalogTranslation[] =>
    locales.map((locale) => {
      const row = rows.find((candidate) => candidate.locale === locale);
      return { locale, name: row?.name ?? "", description: row?.description ?? "" };
    });
  return {
    service: (id) => perLocale(services.filter((row) => row.serviceId === id)),
    group: (id) => perLocale(groups.filter((row) => row.groupId === id)),
  };
}
