import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { hidden } from "@/components/ui/rich-tags";
import { webcalUrl } from "@/lib/calendar";

/**
 * "Subscribe in your calendar app (or use the iCalendar address)": the webcal:// address
 * hands the feed to the calendar app, which keeps it up to date; the https one is the
 * same calendar for apps that take a URL (Google Calendar) and for a download. `of`
 * names whose maintenance it is to screen readers.
 */
export function CalendarLinks({ siteUrl, path, of }: { siteUrl: string; path: string; of?: string }) {
  const t = useTranslations("calendar");
  const tags = {
    subscribe: (chunks: ReactNode) => (
      <a href={webcalUrl(`${siteUrl}${path}`)} className="underline underline-offset-2">
        {chunks}
      </a>
    ),
    address: (chunks: ReactNode) => (
      <a href={path} type="text/calendar" className="underline underline-offset-2">
        {chunks}
      </a>
    ),
    hidden,
  };
  return <>{of ? t.rich("linksFor", { ...tags, name: of }) : t.rich("links", tags)}</>;
}
