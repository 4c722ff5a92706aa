import Link from "next/link";
import { LocalTime } from "@/components/ui/local-time";
import { UPDATE_STATUS_LABELS } from "@/lib/constants";
import type { AlertGroupView } from "@/lib/views/alerts";

/** Recent alert groups as monitoring sent them, each with what it named and the draft it prepared. */
export function AlertGroups({ groups, serviceLabel, timeZone }: { groups: AlertGroupView[]; serviceLabel: string; timeZone: string }) {
  if (groups.length === 0) return <p>No alerts have arrived yet.</p>;
  return (
    <ul className="space-y-3">
      {groups.map((group) => (
        <li key={group.key} className="space-y-1 rounded border border-neutral-300 p-3 dark:border-neutral-700">
          <p className="font-medium">
            <span className={group.status === "firing" ? "text-major" : "text-ok"}>{group.status === "firing" ? "Firing" : "Resolved"}</span> ·{" "}
            <code className="break-all text-sm">{group.key}</code>
          </p>
          <p className="text-sm">
            Last heard <LocalTime date={group.updatedAt} timeZone={timeZone} />
            {group.receiver ? ` · receiver ${group.receiver}` : ""}
            {" · "}
            {group.incident ? (
              <Link href={`/admin/incidents/${group.incident.id}`} className="underline underline-offset-2">
                {group.incident.draft ? "Draft" : "Incident"}: {group.incident.title} ({UPDATE_STATUS_LABELS[group.incident.status]})
              </Link>
            ) : (
              "no incident"
            )}
          </p>
          <ul className="list-disc pl-5 text-sm">
            {group.alerts.map((alert) => (
              <li key={alert.fingerprint}>
                {alert.alertname} · {alert.status}
                {alert.severity ? ` · ${alert.severity}` : ""} ·{" "}
                {alert.service ? (
                  alert.service.name
                ) : (
                  <strong className="text-major">{alert.serviceLabel === null ? `no “${serviceLabel}” label: changed nothing` : `no service at “${alert.serviceLabel}”: changed nothing`}</strong>
                )}
              </li>
            ))}
          </ul>
        </li>
      ))}
    </ul>
  );
}
