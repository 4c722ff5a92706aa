import type { ServiceStatus } from "@/lib/constants";

// Colour is never the only signal: every use pairs it with an icon and a label.
export const STATUS_TEXT_CLASS: Record<ServiceStatus, string> = {
  operational: "text-ok",
  degraded_performance: "text-degraded",
  partial_outage: "text-partial",
  major_outage: "text-major",
  under_maintenance: "text-maintenance",
};

export const STATUS_BAR_CLASS: Record<ServiceStatus, string> = {
  operational: "bg-ok-bar",
  degraded_performance: "bg-degraded-bar",
  partial_outage: "bg-partial-bar",
  major_outage: "bg-major-bar",
  under_maintenance: "bg-maintenance-bar",
};

export const STATUS_BORDER_CLASS: Record<ServiceStatus, string> = {
  operational: "border-ok",
  degraded_performance: "border-degraded",
  partial_outage: "border-partial",
  major_outage: "border-major",
  under_maintenance: "border-maintenance",
};
