import { useLocale } from "next-intl";
import { formatDateTime } from "@/lib/time";

/** An absolute time in the page's zone and language, with the zone named, and the instant for machines. */
export function LocalTime({ date, timeZone }: { date: Date; timeZone: string }) {
  const locale = useLocale();
  return <time dateTime={date.toISOString()}>{formatDateTime(date, timeZone, locale)}</time>;
}
