import type { Metadata } from "next";
import { RoleRefusal } from "@/components/admin/role-refusal";
import { AddWebhookForm, WebhookControls } from "@/components/admin/subscription-admin";
import { LocalTime } from "@/components/ui/local-time";
import { WEBHOOK_FORMAT_LABELS } from "@/lib/schemas/webhook-formats";
import { serviceOptions } from "@/server/services";
import { consoleAccess } from "@/server/session";
import { getPageSettings } from "@/server/settings";
import { listWebhooks } from "@/server/webhooks";

export const metadata: Metadata = { title: "Webhooks" };

export default async function WebhooksPage() {
  const { actor, allowed } = await consoleAccess("admin");
  if (!allowed) return <RoleRefusal actorRole={actor?.role ?? null} role="admin" title="Webhooks" what="Managing webhooks" />;
  const [endpoints, services, settings] = await Promise.all([listWebhooks(actor), serviceOptions(), getPageSettings()]);
  return (
    <>
      <h1 className="text-2xl font-bold">Webhooks</h1>
      <p>
        Each published update is POSTed as JSON (the public API&apos;s incident object and the update), signed per{" "}
        <a href="https://www.standardwebhooks.com" className="underline underline-offset-2">
          Standard Webhooks
        </a>{" "}
        with the endpoint&apos;s secret: headers <code>webhook-id</code> (the same on every retry: use it to ignore repeats), <code>webhook-timestamp</code> and{" "}
        <code>webhook-signature</code>. Failures are retried with growing delays; an endpoint that fails 10 times in a row is switched off.
      </p>
      <p>
        Slack, Discord and Microsoft Teams endpoints get each update as that service&apos;s own message (Slack blocks, a Discord embed, a Teams Adaptive Card) instead,
        with the same retries. Readers can add their own channels from the subscribe page; those get nothing but a confirmation message until someone in the channel
        confirms it.
      </p>
      <section aria-labelledby="endpoints" className="space-y-4">
        <h2 id="endpoints" className="text-xl font-semibold">
          Endpoints
        </h2>
        {endpoints.length === 0 ? <p>No endpoints yet.</p> : null}
        {endpoints.map((endpoint) => (
          <article key={endpoint.id} className="space-y-2 rounded border border-neutral-300 p-3 dark:border-neutral-700" aria-label={endpoint.url}>
            <p className="font-medium break-all">{endpoint.url}</p>
            {endpoint.description ? <p>{endpoint.description}</p> : null}
            <p className="text-sm">
              {WEBHOOK_FORMAT_LABELS[endpoint.format]} ·{" "}
              {endpoint.addedByReader ? (
                endpoint.confirmedAt ? (
                  <>
                    Added by a reader, confirmed <LocalTime date={endpoint.confirmedAt} timeZone={settings.timeZone} />
                  </>
                ) : (
                  "Added by a reader, not confirmed yet: gets nothing"
                )
              ) : (
                "Added by an admin"
              )}{" "}
              · {endpoint.services ? `Services: ${endpoint.services.join(", ")}` : "All services"} ·{" "}
              {endpoint.enabled ? (endpoint.consecutiveFailures ? `On, ${endpoint.consecutiveFailures} ${endpoint.consecutiveFailures === 1 ? "failure" : "failures"} in a row` : "On") : "Switched off"}
            </p>
            {endpoint.disabledReason ? (
              <p role="alert" className="rounded border border-major px-3 py-2 text-major">
                {endpoint.disabledReason}
              </p>
            ) : null}
            {endpoint.format === "herald" ? (
              <details>
                <summary className="cursor-pointer">Signing secret</summary>
                {endpoint.secretUnreadable ? (
                  <p role="alert" className="text-major">
                    {endpoint.secretUnreadable} Press &ldquo;New secret&rdquo; to make one this server can use.
                  </p>
                ) : (
                  <code className="break-all">{endpoint.secret}</code>
                )}
              </details>
            ) : null}
            <WebhookControls endpointId={endpoint.id} url={endpoint.url} enabled={endpoint.enabled} format={endpoint.format} />
            <details>
              <summary className="cursor-pointer">Recent deliveries ({endpoint.recent.length})</summary>
              <ul className="mt-2 space-y-1 text-sm">
                {endpoint.recent.map((delivery) => (
                  <li key={delivery.id}>
                    {delivery.title}: <strong>{delivery.status}</strong> after {delivery.attempts} {delivery.attempts === 1 ? "attempt" : "attempts"}
                    {delivery.sentAt ? (
                      <>
                        {" at "}
                        <LocalTime date={delivery.sentAt} timeZone={settings.timeZone} />
                      </>
                    ) : null}
                    {delivery.lastError ? ` · ${delivery.lastError}` : ""}
                    {delivery.nextAttemptAt ? (
                      <>
                        {" · next try "}
                        <LocalTime date={delivery.nextAttemptAt} timeZone={settings.timeZone} />
                      </>
                    ) : null}
                  </li>
                ))}
              </ul>
            </details>
          </article>
        ))}
      </section>
      <section aria-labelledby="add-endpoint" className="space-y-3">
        <h2 id="add-endpoint" className="text-xl font-semibold">
          Add an endpoint
        </h2>
        <AddWebhookForm services={services} />
      </section>
    </>
  );
}
