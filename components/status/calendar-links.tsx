import { webcalUrl } from "@/lib/calendar";

/**
 * "Subscribe in your calendar app (or download the .ics file)": the webcal:// address
 * hands the feed to the calendar app, which keeps it up to date; the https one is the
 * same calendar for apps that take a URL (Google Calendar) and for a download.
 */
export function CalendarLinks({ siteUrl, path, of }: { siteUrl: string; path: string; of?: string }) {
  return (
    <>
      <a href={webcalUrl(`${siteUrl}${path}`)} className="underline underline-offset-2">
        Subscribe in your calendar app
        {of ? <span className="sr-only"> to maintenance of {of}</span> : null}
      </a>{" "}
      (or use the{" "}
      <a href={path} type="text/calendar" className="underline underline-offset-2">
        iCalendar address
        {of ? <span className="sr-only"> for {of}</span> : null}
      </a>
      )
    </>
  );
}
