import type { Metadata } from "next";
import { LocalTime } from "@/components/ui/local-time";
import { hasRole } from "@/lib/constants";
import { listAudit } from "@/server/audit";
import { currentActor } from "@/server/session";
import { getPageSettings } from "@/server/settings";

export const metadata: Metadata = { title: "Audit log" };

export default async function AuditPage() {
  const actor = await currentActor();
  if (!actor || !hasRole(actor.role, "admin")) {
    return (
      <>
        <h1 className="text-2xl font-bold">Audit log</h1>
        <p role="alert">The audit log needs the admin role; you are signed in as {actor?.role ?? "nobody"}.</p>
      </>
    );
  }
  const [settings, entries] = await Promise.all([getPageSettings(), listAudit()]);
  return (
    <>
      <h1 className="text-2xl font-bold">Audit log</h1>
      <div className="overflow-x-auto">
        <table className="w-full text-left text-sm">
          <thead>
            <tr>
              <th scope="col" className="p-2">When</th>
              <th scope="col" className="p-2">Who</th>
              <th scope="col" className="p-2">What</th>
              <th scope="col" className="p-2">Before</th>
              <th scope="col" className="p-2">After</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((entry) => (
              <tr key={entry.id} className="border-t border-neutral-300 align-top dark:border-neutral-700">
                <td className="p-2">
                  <LocalTime date={entry.at} timeZone={settings.timeZone} />
                </td>
                <td className="p-2">{entry.actor}</td>
                <td className="p-2">
                  {entry.action.replace(/_/g, " ")} {entry.entityType} <code>{entry.entityId}</code>
                </td>
                <td className="p-2">
                  <code className="break-all">{entry.before}</code>
                </td>
                <td className="p-2">
                  <code className="break-all">{entry.after}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
