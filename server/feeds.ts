import "server-only";
import type { Feed } from "@/lib/views/feeds";
import type { UpdateStatus } from "@/lib/constants";
import { entryBody, entryId, FEED_LIMIT, postmortemEntryId, withAdvice, type FeedEntry } from "@/lib/feeds";
import { localizedText, type LocalizedText } from "@/lib/i18n/incident-text";
import { localeOr, type Locale } from "@/lib/i18n/locales";
import { localizedUrl } from "@/lib/i18n/routing";
import { translator } from "@/lib/i18n/translator";
import { db } from "@/server/db";
import { getPublicStatus } from "@/server/public-status";
import { publishedIncident, visibleService } from "@/server/public-visibility";

/**
 * The latest published updates and postmortems, newest first: for the whole page, or for one visible
 * service (null when there is no such service), in `locale` (the page's default language when
 * not given). Drafts and hidden services never appear. Each language's feed has the same
 * entries under the same ids, its own words and links to its own pages.
 */
export async function getFeed(serviceSlug?: string, locale?: Locale): Promise<Feed | null> {
  // The channel comes from the public read model, so a feed names only what the pages name.
  const { settings, services } = await getPublicStatus(locale ?? null);
  const language = locale ?? settings.defaultLocale;
  const t = translator(language);
  const page = (path: string) => localizedUrl(settings.url, path, language, settings.defaultLocale);
  let service: { id: string; name: string; slug: string } | null = null;
  if (serviceSlug !== undefined) {
    service = services.find((candidate) => candidate.slug === serviceSlug) ?? null;
    if (!service) return null;
  }

  // Each text's translation into the feed's language comes in the same queries.
  const translations = { where: { locale: language } };
  const incidentWhere = { ...publishedIncident, ...(service ? { services: { some: { serviceId: service.id } } } : {}) };
  const incidentSelect = {
    id: true,
    title: true,
    kind: true,
    advice: true,
    adviceUpdatedAt: true,
    sourceLocale: true,
    translations: { ...translations, select: { title: true, advice: true, postmortemBody: true, titleUpdatedAt: true, adviceUpdatedAt: true, postmortemUpdatedAt: true } },
    services: { where: { service: visibleService }, select: { service: { select: { name: true, position: true, translations: { ...translations, select: { name: true } } } } } },
  } as const;
  const [updates, postmortems] = await Promise.all([
    db().incidentUpdate.findMany({
      where: { incident: incidentWhere },
      orderBy: [{ displayAt: "desc" }, { createdAt: "desc" }],
      take: FEED_LIMIT,
      include: { incident: { select: incidentSelect }, translations: { ...translations, select: { body: true, updatedAt: true } } },
    }),
    // Only published postmortems: a draft is the console's alone.
    db().incident.findMany({
      where: { ...incidentWhere, postmortemPublishedAt: { not: null }, postmortemBody: { not: null } },
      orderBy: { postmortemPublishedAt: "desc" },
      take: FEED_LIMIT,
      select: { ...incidentSelect, postmortemBody: true, postmortemPublishedAt: true, postmortemUpdatedAt: true },
    }),
  ]);

  type Incident = (typeof updates)[number]["incident"];
  const categories = (incident: Incident) =>
    incident.services
      .map((link) => link.service)
      .sort((a, b) => a.position - b.position)
      .map((linked) => linked.translations[0]?.name ?? linked.name);
  const latest = (...times: (Date | null | undefined)[]) => times.reduce<Date>((max, time) => (time && time > max ? time : max), new Date(0));
  /** An incident's text in the feed's language where translated, else the original with its language. */
  const textOf = (incident: Incident, original: string, translation: string | null | undefined) => localizedText(original, localeOr(incident.sourceLocale), translation, language);
  /** Marked with its language after a note, when it is not in the feed's. */
  const body = (text: LocalizedText, kind: "update" | "advice" | "postmortem") => entryBody(text, settings.url, t("translation.notTranslated", { text: kind, source: text.lang }));

  // Rendered once per incident, however many of its updates the feed holds.
  const rendered = new Map<string, { html: string; text: string }>();
  const adviceOf = (incident: Incident, advice: string) => {
    if (!rendered.has(incident.id)) rendered.set(incident.id, body(textOf(incident, advice, incident.translations[0]?.advice), "advice"));
    return rendered.get(incident.id)!;
  };

  const updateEntries: FeedEntry[] = updates.map((update) => {
    const { incident } = update;
    const translation = incident.translations[0];
    const pinned = incident.advice ? adviceOf(incident, incident.advice) : null;
    return {
      id: entryId(update.id),
      title: t("feeds.entry", { title: textOf(incident, incident.title, translation?.title).text, status: t(`incident.status.${update.status as UpdateStatus}`), kind: incident.kind }),
      url: `${page(`/incidents/${incident.id}`)}#update-${update.id}`,
      publishedAt: update.displayAt,
      // Every entry carries the advice, so setting, changing or clearing it after the
      // entry was published changes the entry: `updated` moves and readers refetch it.
      // An update touched after it was written (its incident renamed, its services changed:
      // server/incident-edits.ts) changed then; a backfilled one's own creation is not a change.
      // A translation written later changes the entry in its language's feed alone.
      updatedAt: latest(
        update.displayAt,
        update.correctedAt,
        incident.adviceUpdatedAt,
        update.updatedAt.getTime() - update.createdAt.getTime() > 1_000 ? update.updatedAt : null,
        translation?.titleUpdatedAt,
        translation?.adviceUpdatedAt,
        update.translations[0]?.updatedAt,
      ),
      ...withAdvice(body(textOf(incident, update.body, update.translations[0]?.body), "update"), pinned, t("incident.advice.heading")),
      categories: categories(incident),
    };
  });

  const postmortemEntries: FeedEntry[] = postmortems.map((incident) => {
    const translation = incident.translations[0];
    return {
      id: postmortemEntryId(incident.id),
      title: t("feeds.postmortem", { title: textOf(incident, incident.title, translation?.title).text }),
      url: `${page(`/incidents/${incident.id}`)}#postmortem`,
      publishedAt: incident.postmortemPublishedAt!,
      updatedAt: latest(incident.postmortemPublishedAt, incident.postmortemUpdatedAt, translation?.titleUpdatedAt, translation?.postmortemUpdatedAt),
      ...body(textOf(incident, incident.postmortemBody!, translation?.postmortemBody), "postmortem"),
      categories: categories(incident),
    };
  });

  const entries = [...updateEntries, ...postmortemEntries].sort((a, b) => b.publishedAt.getTime() - a.publishedAt.getTime()).slice(0, FEED_LIMIT);

  const newest = entries.reduce((latest, entry) => (entry.updatedAt > latest ? entry.updatedAt : latest), settings.updatedAt);
  const names = { name: settings.name, service: service?.name ?? "" };
  return {
    channel: {
      title: service ? t("feeds.titleFor", names) : settings.name,
      description: service ? t("feeds.descriptionFor", names) : t("feeds.description", names),
      siteUrl: page(service ? `/services/${service.slug}` : "/"),
      feedBase: page(service ? `/services/${service.slug}/history` : "/history"),
      language,
      author: settings.name,
      updatedAt: newest,
    },
    entries,
  };
}
