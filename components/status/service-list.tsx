import Link from "next/link";
import { useTranslations } from "next-intl";
import { useLocalizedLink } from "@/components/ui/use-localized-link";
import type { Locale } from "@/lib/i18n/locales";
import type { ServiceGroupView, ServiceView } from "@/lib/views/services";
import type { UptimeBar as UptimeBarData } from "@/lib/views/uptime";
import { StatusLabel } from "@/components/status/status-label";
import { UptimeBar } from "@/components/status/uptime-bar";

function ServiceRow({ service, bar, timeZone, defaultLocale }: { service: ServiceView; bar?: UptimeBarData; timeZone: string; defaultLocale: Locale }) {
  const link = useLocalizedLink(defaultLocale);
  return (
    <li className="px-4 py-3">
      <div className="flex flex-wrap items-center justify-between gap-x-4 gap-y-1">
        <Link href={link(`/services/${service.slug}`)} className="font-medium underline-offset-2 hover:underline">
          {service.name}
        </Link>
        <StatusLabel status={service.status} serviceName={service.name} />
      </div>
      {service.description ? <p className="text-sm text-neutral-600 dark:text-neutral-400">{service.description}</p> : null}
      {bar ? <UptimeBar bar={bar} serviceName={service.name} timeZone={timeZone} defaultLocale={defaultLocale} /> : null}
    </li>
  );
}

export function ServiceList({ groups, bars, timeZone, defaultLocale }: { groups: ServiceGroupView[]; bars: Map<string, UptimeBarData>; timeZone: string; defaultLocale: Locale }) {
  const t = useTranslations("status");
  if (groups.length === 0) return <p>{t("noServices")}</p>;
  return (
    <div className="space-y-4">
      {groups.map((group) =>
        group.name ? (
          <section key={group.id} aria-labelledby={`group-${group.id}`} className="rounded-lg border border-neutral-300 bg-white dark:border-neutral-700 dark:bg-neutral-900">
            <h3 id={`group-${group.id}`} className="border-b border-neutral-200 px-4 py-2 font-semibold dark:border-neutral-700">
              {group.name}
              {group.description ? <span className="block text-sm font-normal text-neutral-600 dark:text-neutral-400">{group.description}</span> : null}
            </h3>
            <ul className="divide-y divide-neutral-200 dark:divide-neutral-700">
              {group.services.map((service) => (
                <ServiceRow key={service.id} service={service} bar={bars.get(service.id)} timeZone={timeZone} defaultLocale={defaultLocale} />
              ))}
            </ul>
          </section>
        ) : (
          <ul key={group.services[0].id} className="rounded-lg border border-neutral-300 bg-white dark:border-neutral-700 dark:bg-neutral-900">
            <ServiceRow service={group.services[0]} bar={bars.get(group.services[0].id)} timeZone={timeZone} defaultLocale={defaultLocale} />
          </ul>
        ),
      )}
    </div>
  );
}
