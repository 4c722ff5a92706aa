import type { UptimeDay } from "@/lib/uptime";

/** A day of the bar; components/status/uptime-bar.tsx tells its story in the page's language. */
export interface UptimeCell extends UptimeDay {
  /** The published incidents open at some time that day. */
  incidents: { id: string; title: string }[];
}

export interface UptimeBar {
  serviceId: string;
  days: UptimeCell[];
  /** Over every day of the bar. */
  uptime: number | null;
  /** Over the last NARROW_UPTIME_DAYS alone: the days narrow screens draw. */
  recentUptime: number | null;
}
