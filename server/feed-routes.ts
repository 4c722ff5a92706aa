import "server-only";
import { notFoundJson } from "@/lib/api-errors";
import { statusBadge } from "@/lib/badge";
import { calendarResponse } from "@/lib/calendar";
import { feedResponse, type FeedFormat } from "@/lib/feed-response";
import { publicResponse } from "@/lib/http-cache";
import type { Locale } from "@/lib/i18n/locales";
import { translator } from "@/lib/i18n/translator";
import { getMaintenanceCalendar } from "@/server/calendar";
import { getFeed } from "@/server/feeds";
import { routeLocale } from "@/server/i18n/route-locale";
import { getPublicStatus } from "@/server/public-status";

// The GET handlers of the feeds, badges and calendars (app/(feeds)/**), for the whole page
// and for one service, each in the language of its address ("/ja/history.rss": Japanese).

type ServiceContext = { params: Promise<{ slug: string }> };

const SVG = "image/svg+xml; charset=utf-8";

function noService(locale: Locale): Response {
  return notFoundJson(translator(locale)("api.noService"));
}

/** /history.{rss,atom,json}. */
export function feedRoute(format: FeedFormat) {
  return async function GET(request: Request): Promise<Response> {
    return feedResponse(request, format, (await getFeed(undefined, await routeLocale(request)))!);
  };
}

/** /services/<slug>/history.{rss,atom,json}. */
export function serviceFeedRoute(format: FeedFormat) {
  return async function GET(request: Request, { params }: ServiceContext): Promise<Response> {
    const locale = await routeLocale(request);
    const feed = await getFeed((await params).slug, locale);
    return feed ? feedResponse(request, format, feed) : noService(locale);
  };
}

/** /badge.svg: the page's name and its one-line status. */
export async function pageBadge(request: Request): Promise<Response> {
  const locale = await routeLocale(request);
  const { settings, overall, lastModified } = await getPublicStatus(locale);
  const badge = statusBadge(settings.name, overall.status, locale, translator(locale)(`status.overall.${overall.headline}`));
  return publicResponse(request, badge, { contentType: SVG, lastModified });
}

/** /services/<slug>/badge.svg. */
export async function serviceBadge(request: Request, { params }: ServiceContext): Promise<Response> {
  const locale = await routeLocale(request);
  const slug = (await params).slug;
  const service = (await getPublicStatus(locale)).services.find((candidate) => candidate.slug === slug);
  if (!service) return noService(locale);
  return publicResponse(request, statusBadge(service.name, service.status, locale), { contentType: SVG, lastModified: service.updatedAt });
}

/** /maintenance.ics. */
export async function pageCalendar(request: Request): Promise<Response> {
  return calendarResponse(request, (await getMaintenanceCalendar(undefined, await routeLocale(request)))!);
}

/** /services/<slug>/maintenance.ics. */
export async function serviceCalendar(request: Request, { params }: ServiceContext): Promise<Response> {
  const locale = await routeLocale(request);
  const calendar = await getMaintenanceCalendar((await params).slug, locale);
  return calendar ? calendarResponse(request, calendar) : noService(locale);
}
