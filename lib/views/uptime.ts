import type { UptimeDay } from "@/lib/uptime";

export interface UptimeCell extends UptimeDay {
  /** "Thu 16 Jun 2011: Major outage, 12 h down. Unauthorised access to …" */
  label: string;
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
