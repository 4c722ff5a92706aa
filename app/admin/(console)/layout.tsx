import Link from "next/link";
import { NextIntlClientProvider } from "next-intl";
import { getLocale, getMessages, getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { signOutAction } from "@/app/admin/actions";
import { DemoClockBanner } from "@/components/admin/demo-clock-banner";
import { DemoClockProvider } from "@/components/admin/demo-clock-confirm";
import { NavDisclosure } from "@/components/admin/nav-disclosure";
import { hasRole, type Role } from "@/lib/constants";
import { clientMessages, CONSOLE_CLIENT_NAMESPACES } from "@/lib/i18n/catalogs";
import { formatDateTime } from "@/lib/time";
import { consoleAccess } from "@/server/session";
import { getPageSettings } from "@/server/settings";

export const dynamic = "force-dynamic";

/**
 * The console's pages, each linked for the roles that may use it. The ones used during an
 * incident sit on the bar; the rest (`more`) wait under "More", so the bar stays one line.
 */
const CONSOLE_LINKS: { href: string; label: ConsoleLink; role: Role; more?: true }[] = [
  { href: "/admin/incidents/new", label: "newIncident", role: "editor" },
  { href: "/admin/maintenance/new", label: "planMaintenance", role: "editor" },
  { href: "/admin/deliveries", label: "deliveries", role: "editor" },
  { href: "/admin/templates", label: "templates", role: "editor" },
  { href: "/admin/services", label: "services", role: "admin", more: true },
  { href: "/admin/subscribers", label: "subscribers", role: "admin", more: true },
  { href: "/admin/webhooks", label: "webhooks", role: "admin", more: true },
  { href: "/admin/integrations", label: "alerts", role: "admin", more: true },
  { href: "/admin/api-keys", label: "apiKeys", role: "admin", more: true },
  { href: "/admin/audit", label: "audit", role: "admin", more: true },
  { href: "/admin/users", label: "users", role: "owner", more: true },
  { href: "/admin/settings", label: "settings", role: "owner", more: true },
  { href: "/admin/account", label: "account", role: "editor", more: true },
];

/** The link's name in the catalog (console.nav). */
type ConsoleLink = "newIncident" | "planMaintenance" | "deliveries" | "templates" | "services" | "subscribers" | "webhooks" | "alerts" | "apiKeys" | "audit" | "users" | "settings" | "account";

const linkClass = "block whitespace-nowrap underline-offset-2 hover:underline";

/** A full page load: the public page is served without Next's runtime. */
function PublicPageLink({ className, label }: { className: string; label: string }) {
  return (
    // eslint-disable-next-line @next/next/no-html-link-for-pages
    <a href="/" className={className}>
      {label}
    </a>
  );
}

// Not a security boundary: Next skips this layout on client navigations, so every page
// calls consoleAccess() itself. This only draws the navigation for whoever that is.
export default async function ConsoleLayout({ children }: { children: ReactNode }) {
  const { actor } = await consoleAccess("editor");
  const [settings, t, messages] = await Promise.all([getPageSettings(), getTranslations("console"), getMessages()]);
  const links = CONSOLE_LINKS.filter((link) => hasRole(actor.role, link.role));
  const asOf = settings.asOf ? formatDateTime(settings.asOf, settings.timeZone, await getLocale()) : null;
  // The console's client components read its catalog: sent only here, after the access check above.
  return (
    <NextIntlClientProvider messages={clientMessages(messages, CONSOLE_CLIENT_NAMESPACES)}>
      {asOf ? <DemoClockBanner asOf={asOf} canStop={hasRole(actor.role, "owner")} /> : null}
      <header className="border-b border-neutral-300 bg-white dark:border-neutral-800 dark:bg-neutral-900">
        <div className="mx-auto flex max-w-4xl flex-wrap items-center justify-between gap-x-6 gap-y-2 px-4 py-2 lg:max-w-6xl">
          {/* One control at every width: a "Menu" on a phone, one line with "More" on a wide screen. */}
          <nav aria-label={t("nav.label")} className="flex grow items-center justify-between gap-4 lg:grow-0 lg:justify-start">
            <Link href="/admin" className="font-bold whitespace-nowrap">
              {t("title")}
            </Link>
            <NavDisclosure label={t("nav.menu")} className="lg:hidden" panelClassName="absolute inset-x-0 z-20 mt-2 border-b border-neutral-300 bg-white px-4 py-2 shadow-md dark:border-neutral-800 dark:bg-neutral-900">
              <ul className="mx-auto grid max-w-4xl grid-cols-1 sm:grid-cols-2">
                {links.map((link) => (
                  <li key={link.href}>
                    <Link href={link.href} className={`${linkClass} py-2`}>
                      {t(`nav.${link.label}`)}
                    </Link>
                  </li>
                ))}
                <li>
                  <PublicPageLink className={`${linkClass} py-2`} label={t("nav.publicPage")} />
                </li>
              </ul>
            </NavDisclosure>
            <ul className="hidden items-center gap-5 lg:flex">
              {links
                .filter((link) => !link.more)
                .map((link) => (
                  <li key={link.href}>
                    <Link href={link.href} className={linkClass}>
                      {t(`nav.${link.label}`)}
                    </Link>
                  </li>
                ))}
              <li>
                <PublicPageLink className={linkClass} label={t("nav.publicPage")} />
              </li>
              {links.some((link) => link.more) ? (
                <li className="relative">
                  <NavDisclosure label={t("nav.more")} panelClassName="absolute right-0 z-20 mt-2 w-56 rounded border border-neutral-300 bg-white py-1 shadow-md dark:border-neutral-700 dark:bg-neutral-900">
                    <ul>
                      {links
                        .filter((link) => link.more)
                        .map((link) => (
                          <li key={link.href}>
                            <Link href={link.href} className={`${linkClass} px-3 py-2`}>
                              {t(`nav.${link.label}`)}
                            </Link>
                          </li>
                        ))}
                    </ul>
                  </NavDisclosure>
                </li>
              ) : null}
            </ul>
          </nav>
          <div className="flex min-w-0 flex-wrap items-center gap-x-3 text-sm">
            <span className="min-w-0 break-all">
              {t("signedInAs", { email: actor.email, role: t(`roles.${actor.role}`) })}
            </span>
            <form action={signOutAction}>
              <button type="submit" className="min-h-11 underline underline-offset-2">
                {t("signOut")}
              </button>
            </form>
          </div>
        </div>
      </header>
      <main id="main" className="mx-auto max-w-4xl space-y-8 px-4 py-6">
        <DemoClockProvider asOf={asOf}>{children}</DemoClockProvider>
      </main>
    </NextIntlClientProvider>
  );
}
