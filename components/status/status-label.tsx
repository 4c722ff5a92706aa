import { SERVICE_STATUS_LABELS, type ServiceStatus } from "@/lib/constants";
import { StatusIcon } from "@/components/status/status-icon";
import { STATUS_TEXT_CLASS } from "@/components/status/status-style";

/** A status; with `serviceName`, marked as that service's current one for public/live.js (components/incidents/live-data.ts). */
export function StatusLabel({ status, serviceName }: { status: ServiceStatus; serviceName?: string }) {
  return (
    <span {...(serviceName ? { "data-service": serviceName, "data-service-status": SERVICE_STATUS_LABELS[status] } : {})} className={`inline-flex items-center gap-1.5 font-medium ${STATUS_TEXT_CLASS[status]}`}>
      <StatusIcon status={status} />
      {SERVICE_STATUS_LABELS[status]}
    </span>
  );
}
