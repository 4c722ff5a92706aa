import { useTranslations } from "next-intl";
import type { ServiceStatus } from "@/lib/constants";
import { StatusIcon } from "@/components/status/status-icon";
import { STATUS_TEXT_CLASS } from "@/components/status/status-style";

/** A status; with `serviceName`, marked as that service's current one for public/live.js (components/incidents/live-data.ts). */
export function StatusLabel({ status, serviceName }: { status: ServiceStatus; serviceName?: string }) {
  const label = useTranslations("status.service")(status);
  return (
    <span {...(serviceName ? { "data-service": serviceName, "data-service-status": label } : {})} className={`inline-flex items-center gap-1.5 font-medium ${STATUS_TEXT_CLASS[status]}`}>
      <StatusIcon status={status} />
      {label}
    </span>
  );
}
