import type { Metadata } from "next";
import { LiveProgress } from "@/components/admin/subscription-admin";
import { RoleRefusal } from "@/components/admin/role-refusal";
import { workerHealth } from "@/server/health";
import { consoleAccess } from "@/server/session";
import { deliveryProgress } from "@/server/delivery/progress";
import { getPageSettings } from "@/server/settings";

export const metadata: Metadata = { title: "Deliveries" };

export default async function DeliveriesPage() {
  const { actor, allowed } = await consoleAccess("editor");
  if (!allowed) return <RoleRefusal actorRole={actor?.role ?? null} role="editor" title="Deliveries" what="Seeing deliveries" />;
  const [rows, worker, settings] = await Promise.all([deliveryProgress(actor), workerHealth(), getPageSettings()]);
  return (
    <>
      <h1 className="text-2xl font-bold">Deliveries</h1>
      <p>
        Every published update (and a postmortem when its publisher asked) is mailed to the confirmed subscribers who chose its services and posted to the webhooks and chat channels.{" "}
        {worker.alive > 0 ? (
          `${worker.alive} delivery ${worker.alive === 1 ? "worker is" : "workers are"} running.`
        ) : (
          <strong className="text-major">No delivery worker is running: nothing will be sent until one starts (npm start runs one; or npm run worker).</strong>
        )}
      </p>
      <LiveProgress initial={rows} timeZone={settings.timeZone} />
    </>
  );
}
