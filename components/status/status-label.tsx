import { SERVICE_STATUS_LABELS, type ServiceStatus } from "@/lib/constants";
import { StatusIcon } from "@/components/status/status-icon";
import { STATUS_TEXT_CLASS } from "@/components/status/status-style";

export function StatusLabel({ status }: { status: ServiceStatus }) {
  return (
    <span className={`inline-flex items-center gap-1.5 font-medium ${STATUS_TEXT_CLASS[status]}`}>
      <StatusIcon status={status} />
      {SERVICE_STATUS_LABELS[status]}
    </span>
  );
}
