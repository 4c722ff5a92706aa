import Link from "next/link";
import type { ReactNode } from "react";
import { LocalTime } from "@/components/ui/local-time";
import { FeedLinkList } from "@/components/ui/feed-links";
import type { PageSettingsView } from "@/lib/views/settings";

/** Header, demo notice, main landmark and footer shared by every public page. */
export function SiteChrome({ settings, children }: { settings: PageSettingsView; children: ReactNode }) {
  return (
    <>
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-10 focus:rounded focus:bg-white focus:p-2 focus:text-black">
        Skip to content
      </a>
      <header className="border-b border-neutral-300 bg-white dark:border-neutral-800 dark:bg-neutral-900">
        <div className="mx-auto flex max-w-3xl flex-wrap items-center justify-between gap-2 px-4 py-3">
          <Link href="/" className="text-lg font-bold">
            {settings.name}
          </Link>
          <nav aria-label="Main">
            <ul className="flex gap-4 text-sm">
              <li>
                <Link href="/" className="underline-offset-2 hover:underline">
                  Current status
                </Link>
              </li>
              <li>
                <Link href="/history" className="underline-offset-2 hover:underline">
                  History
                </Link>
              </li>
              <li>
                <Link href="/subscribe" className="underline-offset-2 hover:underline">
                  Get updates
                </Link>
              </li>
            </ul>
          </nav>
        </div>
        {settings.asOf ? (
          <p className="border-t border-amber-300 bg-amber-50 px-4 py-2 text-center text-sm text-amber-950 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100">
            Demo: this page shows the story as it stood on <LocalTime date={settings.asOf} timeZone={settings.timeZone} />.
          </p>
        ) : null}
      </header>
      <main id="main" className="mx-auto max-w-3xl px-4 py-6">
        {children}
      </main>
      <footer className="mx-auto max-w-3xl px-4 pb-8 text-sm text-neutral-600 dark:text-neutral-400">
        {/*
          Empty as served: public/live.js says here what changed on an open page. A polite
          live region without the status role, so a page's own status message (a form's
          answer) stays the one status on it.
        */}
        <div id="live-updates" aria-live="polite" aria-atomic="true" className="sr-only" />
        <p>Times are shown in the {settings.timeZone.replace(/_/g, " ")} time zone.</p>
        <p>
          Follow every update: <FeedLinkList />
          {" · "}
          <a href="/api/v2/summary.json" className="underline underline-offset-2">
            JSON API
          </a>
        </p>
        <p>
          Powered by <span className="font-semibold">Herald</span>
        </p>
      </footer>
    </>
  );
}
