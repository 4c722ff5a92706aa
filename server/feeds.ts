import "server-only";
import type { Feed } from "@/lib/views/feeds";
import type { UpdateStatus } from "@/lib/constants";
import { entryBody, entryId, FEED_LIMIT, postmortemEntryId, withAdvice, type FeedEntry } from "@/lib/feeds";
import type { Locale } from "@/lib/i18n/locales";
import { localizedUrl } from "@/lib/i18n/routing";
import { translator } from "@/lib/i18n/translator";
import { db } from "@/server/db";
import { getPublicStatus } from "@/server/public-status";
import { publishedIncident, visibleService } from "@/server/public-visibility";
import { incidentText, loadTextTranslations, serviceName, translationTimes, updateText } from "@/server/text-translations";

/**
 * The latest published updates and postmortems, newest first: for the whole page, or for one visible
 * service (null when there is no such service), in `locale` (the page's default language when
 * not given). Drafts and hidden services never appear. Each language's feed has the same
 * entries under the same ids, its own words and links to its own pages.
 */
export async function getFeed(serviceSlug?: string, locale?: Locale): Promise<Feed | null> {
  // The channel comes from the public read model, so a feed names only what the pages name.
  const { settings, services } = await getPublicStatus();
  const language = locale ?? settings.defaultLocale;
  const t = translator(language);
  const page = (path: string) => localizedUrl(settings.url, path, language, settings.defaultLocale);
  let service: { id: string; name: string; slug: string } | null = null;
  if (serviceSlug !== undefined) {
    service = services.find((candidate) => candidate.slug === serviceSlug) ?? null;
    if (!service) return null;
  }

  const incidentWhere = { ...publishedIncident, ...(service ? { services: { some: { serviceId: service.id } } } : {}) };
  const incidentSelect = {
    id: true,
    title: true,
    kind: true,
    advice: true,
    adviceUpdatedAt: true,
    services: { where: { service: visibleService }, select: { service: { select: { id: true, name: true, position: true } } } },
  } as const;
  const [updates, postmortems] = await Promise.all([
    db().incidentUpdate.findMany({
      where: { incident: incidentWhere },
      orderBy: [{ displayAt: "desc" }, { createdAt: "desc" }],
      take: FEED_LIMIT,
      include: { incident: { select: incidentSelect } },
    }),
    // Only published postmortems: a draft is the console's alone.
    db().incident.findMany({
      where: { ...incidentWhere, postmortemPublishedAt: { not: null }, postmortemBody: { not: null } },
      orderBy: { postmortemPublishedAt: "desc" },
      take: FEED_LIMIT,
      select: { ...incidentSelect, postmortemBody: true, postmortemPublishedAt: true, postmortemUpdatedAt: true },
    }),
  ]);
  const translations = await loadTextTranslations(language, settings.defaultLocale, [...updates.map((update) => update.incidentId), ...postmortems.map((incident) => incident.id)]);
  const note = t("feeds.notTranslated");

  const categories = (incident: { services: { service: { id: string; name: string; position: number } }[] }) =>
    incident.services
      .map((link) => link.service)
      .sort((a, b) => a.position - b.position)
      .map((linked) => serviceName(translations, linked.id, linked.name));
  const latest = (...times: (Date | null)[]) => times.reduce<Date>((max, time) => (time && time > max ? time : max), new Date(0));
  const title = (incident: { id: string; title: string }) => incidentText(translations, incident.id, "title", incident.title).text;

  // Rendered once per incident, however many of its updates the feed holds.
  const rendered = new Map<string, { html: string; text: string }>();
  const adviceOf = (incidentId: string, advice: string) => {
    if (!rendered.has(incidentId)) rendered.set(incidentId, entryBody(incidentText(translations, incidentId, "advice", advice), settings.url, note));
    return rendered.get(incidentId)!;
  };

  const updateEntries: FeedEntry[] = updates.map((update) => {
    const { advice, adviceUpdatedAt } = update.incident;
    const pinned = advice ? adviceOf(update.incident.id, advice) : null;
    return {
      id: entryId(update.id),
      title: t("feeds.entry", { title: title(update.incident), status: t(`incident.status.${update.status as UpdateStatus}`), kind: update.incident.kind }),
      url: `${page(`/incidents/${update.incident.id}`)}#update-${update.id}`,
      publishedAt: update.displayAt,
      // Every entry carries the advice, so setting, changing or clearing it after the
      // entry was published changes the entry: `updated` moves and readers refetch it.
      // An update touched after it was written (its incident renamed, its services changed:
      // server/incident-edits.ts) changed then; a backfilled one's own creation is not a change.
      // A translation written later changes the entry in its language's feed alone.
      updatedAt: latest(
        update.displayAt,
        update.correctedAt,
        adviceUpdatedAt,
        update.updatedAt.getTime() - update.createdAt.getTime() > 1_000 ? update.updatedAt : null,
        ...translationTimes(translations, update.incident.id, ["title", "advice"], update.id),
      ),
      ...withAdvice(entryBody(updateText(translations, update.incident.id, update.id, update.body), settings.url, note), pinned, t("incident.advice.heading")),
      categories: categories(update.incident),
    };
  });

  const postmortemEntries: FeedEntry[] = postmortems.map((incident) => ({
    id: postmortemEntryId(incident.id),
    title: t("feeds.postmortem", { title: title(incident) }),
    url: `${page(`/incidents/${incident.id}`)}#postmortem`,
    publishedAt: incident.postmortemPublishedAt!,
    updatedAt: latest(incident.postmortemPublishedAt, incident.postmortemUpdatedAt, ...translationTimes(translations, incident.id, ["title", "postmortemBody"])),
    ...entryBody(incidentText(translations, incident.id, "postmortemBody", incident.postmortemBody!), settings.url, note),
    categories: categories(incident),
  }));

  const entries = [...updateEntries, ...postmortemEntries].sort((a, b) => b.publishedAt.getTime() - a.publishedAt.getTime()).slice(0, FEED_LIMIT);

  const newest = entries.reduce((latest, entry) => (entry.updatedAt > latest ? entry.updatedAt : latest), settings.updatedAt);
  const names = { name: settings.name, service: service ? serviceName(translations, service.id, service.name) : "" };
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
