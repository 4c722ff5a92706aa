import type { ServiceStatus } from "@/lib/constants";

// Distinct shapes per status, so the icon reads without colour; decorative next to its label.
const PATHS: Record<ServiceStatus, string> = {
  operational: "M4.5 10.5l3.5 3.5 7.5-8",
  degraded_performance: "M5 10h10",
  partial_outage: "M10 5v6M10 14.5v.5",
  major_outage: "M6 6l8 8M14 6l-8 8",
  under_maintenance: "M6.5 13.5l5-5m1.5-3a2.5 2.5 0 103 3l-1.5-.5-.5-1.5zM5 15l1.5-1.5",
};

export function StatusIcon({ status, className = "" }: { status: ServiceStatus; className?: string }) {
  return (
    <svg
      viewBox="0 0 20 20"
      aria-hidden="true"
      focusable="false"
      className={`inline-block h-5 w-5 shrink-0 ${className}`}
      fill="none"
      stroke="currentColor"
      strokeWidth="2.2"
      strokeLinecap="round"
      strokeLinejoin="round"
    >
      <circle cx="10" cy="10" r="9" strokeWidth="1.5" opacity="0.35" />
      <path d={PATHS[status]} />
    </svg>
  );
}
