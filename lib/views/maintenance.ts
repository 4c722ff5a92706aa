import type { MaintenanceStatus } from "@/lib/constants";

// A maintenance window's schedule as its console page shows it, with the controls'
// starting values (datetime-local strings in the page's zone).

export interface MaintenanceScheduleView {
  incidentId: string;
  revision: number;
  status: MaintenanceStatus;
  published: boolean;
  scheduledStart: Date;
  scheduledEnd: Date;
  /** "2011-06-18T02:00" in the page's zone, for the reschedule form. */
  startLocal: string;
  endLocal: string;
  autoStart: boolean;
  autoComplete: boolean;
  remindBeforeMinutes: number | null;
  remindedAt: Date | null;
  notify: boolean;
}
