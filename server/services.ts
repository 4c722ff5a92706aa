import "server-only";
import { stripBidiControls } from "@/lib/bidi";
import type { ServiceStatus } from "@/lib/constants";
import { localeOr, type Locale } from "@/lib/i18n/locales";
import type { ServiceDetailView, ServiceGroupView, ServiceOption, ServiceView } from "@/lib/views/services";
import type { PageSettingsView } from "@/lib/views/settings";
import { db, lastKnown } from "@/server/db";
import { visibleService } from "@/server/public-visibility";
import { getPageSettings } from "@/server/settings";

/** Only the translation into the reader's language (none for callers that name no language). */
const translationsIn = (locale: Locale | null) => ({ where: { locale: { in: locale ? [locale] : [] } }, select: { locale: true, name: true, description: true } });

const serviceSelect = (locale: Locale | null) => ({
  id: true,
  slug: true,
  name: true,
  description: true,
  status: true,
  position: true,
  groupId: true,
  createdAt: true,
  updatedAt: true,
  group: { select: { name: true, description: true, translations: translationsIn(locale) } },
  translations: translationsIn(locale),
});

type ServiceRow = {
  id: string;
  slug: string;
  name: string;
  description: string;
  status: string;
  position: number;
  groupId: string | null;
  createdAt: Date;
  updatedAt: Date;
  group: Named | null;
} & Named;

type Translation = { locale: string; name: string; description: string };
type Named = { name: string; description: string; translations: Translation[] };

/**
 * A service's or group's name and description in the reader's language where translated,
 * else as written in the page's default language (the catalog's own), with the one shown.
 */
function named(row: Named, source: Locale): { name: string; description: string; lang: Locale } {
  const translation = row.translations[0];
  const shown = translation ?? row;
  return { name: stripBidiControls(shown.name), description: stripBidiControls(shown.description), lang: translation ? localeOr(translation.locale) : source };
}

function toServiceView(row: ServiceRow, source: Locale): ServiceView {
  return {
    id: row.id,
    slug: row.slug,
    ...named(row, source),
    status: row.status as ServiceStatus,
    groupId: row.groupId,
    groupName: row.group ? named(row.group, source).name : null,
    position: row.position,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

/**
 * Visible services in page order: groups and standalone services interleaved by position.
 * Read for a language, names come in it where translated; with none, as written.
 */
export async function listServiceGroups(locale: Locale | null = null): Promise<ServiceGroupView[]> {
  const [groups, services, source] = await Promise.all([
    db().serviceGroup.findMany({ orderBy: [{ position: "asc" }, { name: "asc" }], include: { translations: translationsIn(locale) } }),
    db().service.findMany({
      where: visibleService,
      orderBy: [{ position: "asc" }, { name: "asc" }],
      select: serviceSelect(locale),
    }),
    catalogLocale(),
  ]);
  const entries: { position: number; view: ServiceGroupView }[] = [];
  for (const group of groups) {
    const members = services.filter((service) => service.groupId === group.id).map((service) => toServiceView(service, source));
    if (members.length === 0) continue;
    entries.push({
      position: group.position,
      view: { id: group.id, ...named(group, source), position: group.position, createdAt: group.createdAt, updatedAt: group.updatedAt, services: members },
    });
  }
  for (const service of services.filter((candidate) => candidate.groupId === null)) {
    entries.push({
      position: service.position,
      view: {
        id: null,
        name: null,
        description: "",
        position: service.position,
        createdAt: service.createdAt,
        updatedAt: service.updatedAt,
        services: [toServiceView(service, source)],
      },
    });
  }
  return entries.sort((a, b) => a.position - b.position).map((entry) => entry.view);
}

export async function getService(slug: string, locale: Locale | null = null): Promise<ServiceDetailView | null> {
  const [row, source] = await Promise.all([
    db().service.findFirst({
      where: { slug, ...visibleService },
      select: { ...serviceSelect(locale), statusChanges: { orderBy: [{ at: "desc" }, { id: "desc" }], take: 1, select: { at: true } } },
    }),
    catalogLocale(),
  ]);
  return row ? { ...toServiceView(row, source), statusSince: row.statusChanges[0]?.at ?? null } : null;
}

/** The catalog is written in the page's default language; translations are for the others. */
async function catalogLocale(): Promise<Locale> {
  return (await getPageSettings()).defaultLocale;
}

/** The services a reader may choose to hear about, in the status page's order. */
export async function serviceOptions(locale: Locale | null = null): Promise<ServiceOption[]> {
  const groups = await listServiceGroups(locale);
  return groups.flatMap((group) => group.services.map((service) => ({ id: service.id, name: service.name, group: group.name })));
}

/**
 * What the subscribe page shows, the services named in `locale`. The choices come from the last known services while the
 * database is down, so that sending the form then answers with its message rather than an error page.
 */
export async function subscribeFormData(locale: Locale | null = null): Promise<{ settings: PageSettingsView; services: ServiceOption[] }> {
  const [settings, services] = await Promise.all([getPageSettings(), lastKnown(`subscribe:services:${locale ?? ""}`, () => serviceOptions(locale), [])]);
  return { settings, services };
}
