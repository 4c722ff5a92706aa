import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { CorrectUpdateForm, PublishForm } from "@/components/admin/incident-controls";
import { PostUpdateForm } from "@/components/admin/post-update-form";
import { UpdateBody } from "@/components/incidents/update-body";
import { LocalTime } from "@/components/ui/local-time";
import { IMPACT_LABELS, UPDATE_STATUS_LABELS } from "@/lib/constants";
import { LiveProgress } from "@/components/admin/subscription-admin";
import { getAdminIncident, listAdminServices } from "@/server/admin";
import { consoleAccess } from "@/server/session";
import { getPageSettings } from "@/server/settings";
import { deliveryProgress } from "@/server/delivery/progress";

export const metadata: Metadata = { title: "Incident" };

export default async function AdminIncidentPage({ params }: { params: Promise<{ id: string }> }) {
  const { actor } = await consoleAccess("editor");
  const [settings, incident, services] = await Promise.all([getPageSettings(), getAdminIncident(actor, (await params).id), listAdminServices(actor)]);
  if (!incident) notFound();
  const progress = await deliveryProgress(actor, { incidentId: incident.id });
  return (
    <>
      <h1 className="text-2xl font-bold">{incident.title}</h1>
      <p>
        {IMPACT_LABELS[incident.impact]} impact · {UPDATE_STATUS_LABELS[incident.status]} ·{" "}
        <a href={`/incidents/${incident.id}`} className="underline underline-offset-2">
          public page
        </a>
      </p>
      {incident.published ? null : (
        <section aria-labelledby="draft" className="space-y-2 rounded border-2 border-amber-500 p-3">
          <h2 id="draft" className="text-lg font-semibold">
            Draft: the public cannot see this incident
          </h2>
          <p>Its service statuses apply when it is published.</p>
          <PublishForm incidentId={incident.id} revision={incident.revision} />
        </section>
      )}
      <section aria-labelledby="post" className="space-y-3">
        <h2 id="post" className="text-xl font-semibold">
          Post an update
        </h2>
        <PostUpdateForm incidentId={incident.id} revision={incident.revision} status={incident.status} services={services} timeZone={settings.timeZone} kind={incident.kind} />
      </section>
      <section aria-labelledby="notifications" className="space-y-3">
        <h2 id="notifications" className="text-xl font-semibold">
          Sent to subscribers
        </h2>
        <LiveProgress initial={progress} incidentId={incident.id} />
      </section>
      <section aria-labelledby="timeline" className="space-y-3">
        <h2 id="timeline" className="text-xl font-semibold">
          Updates, newest first
        </h2>
        <ol className="space-y-3">
          {incident.updates.map((update) => (
            <li key={update.id} className="rounded border border-neutral-300 p-3 dark:border-neutral-700">
              <p className="font-medium">
                {UPDATE_STATUS_LABELS[update.status]} · <LocalTime date={update.displayAt} timeZone={settings.timeZone} />
              </p>
              <UpdateBody html={update.html} />
              <CorrectUpdateForm updateId={update.id} revision={incident.revision} body={update.body} />
            </li>
          ))}
        </ol>
      </section>
    </>
  );
}
