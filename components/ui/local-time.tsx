import { formatDateTime } from "@/lib/time";

/** An absolute time in the page's zone, with the zone named, and the instant for machines. */
export function LocalTime({ date, timeZone }: { date: Date; timeZone: string }) {
  return <time dateTime={date.toISOString()}>{formatDateTime(date, timeZone)}</time>;
}
