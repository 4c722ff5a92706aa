import "server-only";
import type { Feed } from "@/lib/views/feeds";
import { UPDATE_STATUS_LABELS, type UpdateStatus } from "@/lib/constants";
import { entryHtml, entryId, FEED_LIMIT, type FeedEntry } from "@/lib/feeds";
import { markdownToText } from "@/lib/markdown";
import { db } from "@/server/db";
import { getPublicStatus } from "@/server/public-status";
import { publishedIncident, visibleService } from "@/server/public-visibility";

/**
 * The latest published updates, newest first: for the whole page, or for one visible
 * service (null when there is no such service). Drafts and hidden services never appear.
 */
export async function getFeed(serviceSlug?: string): Promise<Feed | null> {
  // The channel comes from the public read model, so a feed names only what the pages name.
  const { settings, services } = await getPublicStatus();
  let service: { id: string; name: string; slug: string } | null = null;
  if (serviceSlug !== undefined) {
    service = services.find((candidate) => candidate.slug === serviceSlug) ?? null;
    if (!service) return null;
  }

  const updates = await db().incidentUpdate.findMany({
    where: {
      incident: { ...publishedIncident, ...(service ? { services: { some: { serviceId: service.id } } } : {}) },
    },
    orderBy: [{ displayAt: "desc" }, { createdAt: "desc" }],
    take: FEED_LIMIT,
    include: {
      incident: {
        select: {
          id: true,
          title: true,
          kind: true,
          services: { where: { service: visibleService }, select: { service: { select: { name: true, position: true } } } },
        },
      },
    },
  });

  const entries: FeedEntry[] = updates.map((update) => {
    const label = UPDATE_STATUS_LABELS[update.status as UpdateStatus] ?? update.status;
    const updatedAt = update.correctedAt && update.correctedAt > update.displayAt ? update.correctedAt : update.displayAt;
    return {
      id: entryId(update.id),
      title: `${update.incident.title}: ${label}${update.incident.kind === "maintenance" ? " (maintenance)" : ""}`,
      url: `${settings.url}/incidents/${update.incident.id}#update-${update.id}`,
      publishedAt: update.displayAt,
      updatedAt,
      html: entryHtml(update.body, settings.url),
      text: markdownToText(update.body),
      categories: update.incident.services
        .map((link) => link.service)
        .sort((a, b) => a.position - b.position)
        .map((linked) => linked.name),
    };
  });

  const newest = entries.reduce((latest, entry) => (entry.updatedAt > latest ? entry.updatedAt : latest), settings.updatedAt);
  const base = service ? `${settings.url}/services/${service.slug}/history` : `${settings.url}/history`;
  return {
    channel: {
      title: service ? `${settings.name}: ${service.name}` : settings.name,
      description: service
        ? `Every published update about ${service.name} on ${settings.name}.`
        : `Every published update on ${settings.name}, newest first.`,
      siteUrl: service ? `${settings.url}/services/${service.slug}` : settings.url,
      feedBase: base,
      language: "en",
      author: settings.name,
      updatedAt: newest,
    },
    entries,
  };
}
