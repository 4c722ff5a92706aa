import type { Metadata } from "next";
import Link from "next/link";
import { AlertGroups } from "@/components/admin/alert-groups";
import { AlertRuleForm, AlertSettingsForm } from "@/components/admin/alert-forms";
import { RoleRefusal } from "@/components/admin/role-refusal";
import { receiverYaml } from "@/lib/alerts";
import { SERVICE_STATUS_LABELS } from "@/lib/constants";
import { getAlertConsole } from "@/server/alerts";
import { consoleAccess } from "@/server/session";
import { getPageSettings } from "@/server/settings";

export const metadata: Metadata = { title: "Alerts" };

export default async function AlertsPage() {
  const { actor, allowed } = await consoleAccess("admin");
  if (!allowed) return <RoleRefusal actorRole={actor?.role ?? null} role="admin" title="Alerts" what="Setting up alerts from monitoring" />;
  const [view, settings] = await Promise.all([getAlertConsole(actor), getPageSettings()]);
  const url = `${settings.url}/api/v1/integrations/alertmanager`;
  return (
    <>
      <h1 className="text-2xl font-bold">Alerts from monitoring</h1>
      <p>
        Prometheus Alertmanager and Grafana send their alerts here. A firing alert changes its service&apos;s status at once (or only suggests it, if the service&apos;s rule
        says so) and prepares a <strong>draft</strong> incident for you to review and publish: nothing is said to the public until a person publishes it. When the alerts
        resolve, the service returns to operational, unless someone changed it since, and the incident gets a suggested &ldquo;resolved&rdquo; update to post.
      </p>

      <section aria-labelledby="connect" className="space-y-2">
        <h2 id="connect" className="text-xl font-semibold">
          Connect Alertmanager
        </h2>
        <ol className="list-decimal space-y-1 pl-5">
          <li>
            Create an API key with the editor role on{" "}
            <Link href="/admin/api-keys" className="underline underline-offset-2">
              API keys
            </Link>
            .
          </li>
          <li>
            Add a webhook receiver to <code>alertmanager.yml</code>, with the key in place of the placeholder, and reload Alertmanager:
          </li>
        </ol>
        <pre className="overflow-x-auto rounded bg-neutral-100 p-3 text-sm dark:bg-neutral-800">
          <code>{receiverYaml({ url, serviceLabel: view.rules.serviceLabel })}</code>
        </pre>
        <p>
          Grafana: add a contact point of type Webhook with the URL <code className="break-all">{url}</code>, method POST, and under Optional settings the authorization
          header scheme <code>Bearer</code> with the key as its credentials.
        </p>
        <p>
          Each alert needs a <code>{view.rules.serviceLabel}</code> label whose value is the service&apos;s address (listed below) and a{" "}
          <code>{view.rules.severityLabel}</code> label.
        </p>
      </section>

      <section aria-labelledby="rules" className="space-y-2">
        <h2 id="rules" className="text-xl font-semibold">
          Labels and severities
        </h2>
        <AlertSettingsForm rules={view.rules} />
      </section>

      <section aria-labelledby="services" className="space-y-3">
        <h2 id="services" className="text-xl font-semibold">
          Services
        </h2>
        <ul className="space-y-3">
          {view.services.map((service) => (
            <li key={service.id} className="space-y-2 rounded border border-neutral-300 p-3 dark:border-neutral-700">
              <p className="font-medium">
                {service.name} <code className="text-sm font-normal">{service.slug}</code>
              </p>
              <p className="text-sm">
                {SERVICE_STATUS_LABELS[service.status]}
                {service.firing ? ` · ${service.firing} ${service.firing === 1 ? "alert" : "alerts"} firing` : ""}
                {service.suggestedStatus ? ` · suggested: ${SERVICE_STATUS_LABELS[service.suggestedStatus].toLowerCase()} (apply it on the dashboard)` : ""}
              </p>
              <AlertRuleForm serviceId={service.id} name={service.name} mode={service.mode} templateId={service.templateId} templates={view.templates} />
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="recent" className="space-y-3">
        <h2 id="recent" className="text-xl font-semibold">
          Recent alert groups
        </h2>
        <AlertGroups groups={view.groups} serviceLabel={view.rules.serviceLabel} timeZone={settings.timeZone} />
      </section>
    </>
  );
}
