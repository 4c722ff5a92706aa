import type { UptimeDay } from "@/lib/uptime";

export interface UptimeCell extends UptimeDay {
  /** "Thu 16 Jun 2011: Major outage, 12 h down. Unauthorised access to …" */
  label: string;
  incidents: { id: string; title: string }[];
}

export interface UptimeBar {
  serviceId: string;
  days: UptimeCell[];
  uptime: number | null;
}
