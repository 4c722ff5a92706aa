import Link from "next/link";
import type { ReactNode } from "react";
import { signOutAction } from "@/app/admin/actions";
import { DemoClockBanner } from "@/components/admin/demo-clock-banner";
import { hasRole, ROLE_LABELS, type Role } from "@/lib/constants";
import { formatDateTime } from "@/lib/time";
import { consoleAccess } from "@/server/session";
import { getPageSettings } from "@/server/settings";

export const dynamic = "force-dynamic";

/** The console's pages, each linked for the roles that may use it. */
const CONSOLE_LINKS: { href: string; label: string; role: Role }[] = [
  { href: "/admin/incidents/new", label: "New incident", role: "editor" },
  { href: "/admin/maintenance/new", label: "Plan maintenance", role: "editor" },
  { href: "/admin/services", label: "Services", role: "admin" },
  { href: "/admin/deliveries", label: "Deliveries", role: "editor" },
  { href: "/admin/subscribers", label: "Subscribers", role: "admin" },
  { href: "/admin/webhooks", label: "Webhooks", role: "admin" },
  { href: "/admin/templates", label: "Templates", role: "editor" },
  { href: "/admin/integrations", label: "Alerts", role: "admin" },
  { href: "/admin/api-keys", label: "API keys", role: "admin" },
  { href: "/admin/audit", label: "Audit log", role: "admin" },
  { href: "/admin/users", label: "Users", role: "owner" },
  { href: "/admin/settings", label: "Settings", role: "owner" },
  { href: "/admin/account", label: "Your account", role: "editor" },
];

// Not a security boundary: Next skips this layout on client navigations, so every page
// calls consoleAccess() itself. This only draws the navigation for whoever that is.
export default async function ConsoleLayout({ children }: { children: ReactNode }) {
  const { actor } = await consoleAccess("editor");
  const settings = await getPageSettings();
  return (
    <>
      {settings.asOf ? <DemoClockBanner asOf={formatDateTime(settings.asOf, settings.timeZone)} canStop={hasRole(actor.role, "owner")} /> : null}
      <header className="border-b border-neutral-300 bg-white dark:border-neutral-800 dark:bg-neutral-900">
        <div className="mx-auto flex max-w-4xl flex-wrap items-center justify-between gap-3 px-4 py-3">
          <nav aria-label="Admin">
            <ul className="flex flex-wrap gap-4">
              <li>
                <Link href="/admin" className="font-bold">
                  Herald admin
                </Link>
              </li>
              {CONSOLE_LINKS.filter((link) => hasRole(actor.role, link.role)).map((link) => (
                <li key={link.href}>
                  <Link href={link.href} className="underline-offset-2 hover:underline">
                    {link.label}
                  </Link>
                </li>
              ))}
              <li>
                {/* A full page load: the public page is served without Next's runtime. */}
                {/* eslint-disable-next-line @next/next/no-html-link-for-pages */}
                <a href="/" className="underline-offset-2 hover:underline">
                  Public page
                </a>
              </li>
            </ul>
          </nav>
          <div className="flex items-center gap-3 text-sm">
            <span>
              {actor.email} ({ROLE_LABELS[actor.role]})
            </span>
            <form action={signOutAction}>
              <button type="submit" className="underline underline-offset-2">
                Sign out
              </button>
            </form>
          </div>
        </div>
      </header>
      <main id="main" className="mx-auto max-w-4xl space-y-8 px-4 py-6">
        {children}
      </main>
    </>
  );
}
