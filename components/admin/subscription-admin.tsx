"use client";

import { useActionState, useEffect, useState } from "react";
import { addWebhookAction, changeWebhookAction, removeSubscriberAction } from "@/app/admin/actions";
import { buttonClass, Field, FormMessage, inputClass } from "@/components/admin/field";
import { ServiceChoice } from "@/components/subscriptions/service-choice";
import type { FormState } from "@/lib/schemas/forms";
import { webhookSchema } from "@/lib/schemas/subscriptions";
import { WEBHOOK_FORMAT_LABELS, WEBHOOK_FORMATS, type WebhookFormat } from "@/lib/schemas/webhook-formats";
import { validatedAction } from "@/lib/schemas/validated-action";
import { LocalTime } from "@/components/ui/local-time";
import type { DeliveryProgress } from "@/lib/views/deliveries";
import type { ServiceOption } from "@/lib/views/services";

export function RemoveSubscriber({ subscriberId, email }: { subscriberId: string; email: string }) {
  const [state, action, pending] = useActionState<FormState, FormData>(removeSubscriberAction, { ok: false });
  if (state.ok) return <span role="status">Removed</span>;
  return (
    <form
      action={action}
      onSubmit={(event) => {
        if (!window.confirm(`Remove ${email}? They will get nothing more.`)) event.preventDefault();
      }}
    >
      <input type="hidden" name="subscriberId" value={subscriberId} />
      {state.error ? <span className="mr-2 text-major">{state.error}</span> : null}
      <button type="submit" className="rounded border px-2 py-1 text-sm" disabled={pending}>
        Remove<span className="sr-only"> {email}</span>
      </button>
    </form>
  );
}

const addWebhookChecked = validatedAction(webhookSchema, addWebhookAction);

export function AddWebhookForm({ services }: { services: ServiceOption[] }) {
  const [state, action, pending] = useActionState<FormState, FormData>(addWebhookChecked, { ok: false });
  const errors = state.fieldErrors ?? {};
  const values = state.ok ? {} : ((state.values ?? {}) as Record<string, string>);
  return (
    <form action={action} className="space-y-3" noValidate key={state.ok ? state.message : "form"}>
      <FormMessage state={state} />
      <Field id="webhook-format" label="Format" hint="Herald JSON is signed (Standard Webhooks) for your own receivers; the chat formats post each service's own message to a channel's incoming webhook." error={errors.format}>
        <select id="webhook-format" name="format" defaultValue={values.format ?? "herald"} className={inputClass} aria-describedby="webhook-format-hint">
          {WEBHOOK_FORMATS.map((format) => (
            <option key={format} value={format}>
              {WEBHOOK_FORMAT_LABELS[format]}
            </option>
          ))}
        </select>
      </Field>
      <Field id="webhook-url" label="URL" hint="Receives a POST for every published update: for Slack, Discord or Teams, the channel's incoming-webhook URL." error={errors.url}>
        <input id="webhook-url" name="url" type="url" required defaultValue={values.url ?? ""} className={inputClass} aria-invalid={errors.url ? true : undefined} aria-describedby={errors.url ? "webhook-url-error" : undefined} />
      </Field>
      <Field id="webhook-description" label="Description (optional)" error={errors.description}>
        <input id="webhook-description" name="description" defaultValue={values.description ?? ""} maxLength={200} className={inputClass} />
      </Field>
      <ServiceChoice services={services} state={state} current={{ allServices: true, serviceIds: [] }} />
      <button type="submit" className={buttonClass} disabled={pending}>
        Add endpoint
      </button>
    </form>
  );
}

export function WebhookControls({ endpointId, url, enabled, format = "herald" }: { endpointId: string; url: string; enabled: boolean; format?: WebhookFormat }) {
  const [state, action, pending] = useActionState<FormState, FormData>(changeWebhookAction, { ok: false });
  return (
    <form action={action} className="flex flex-wrap items-center gap-2">
      <input type="hidden" name="endpointId" value={endpointId} />
      <button type="submit" name="intent" value={enabled ? "disable" : "enable"} className="rounded border px-2 py-1 text-sm" disabled={pending}>
        {enabled ? "Switch off" : "Switch on"}
        <span className="sr-only"> {url}</span>
      </button>
      <button type="submit" name="intent" value="test" className="rounded border px-2 py-1 text-sm" disabled={pending}>
        Send a test<span className="sr-only"> to {url}</span>
      </button>
      {/* Chat services check no signature: a secret would be for show. */}
      {format === "herald" ? (
        <button type="submit" name="intent" value="rotate" className="rounded border px-2 py-1 text-sm" disabled={pending}>
          New secret<span className="sr-only"> for {url}</span>
        </button>
      ) : null}
      <button
        type="submit"
        name="intent"
        value="delete"
        className="rounded border px-2 py-1 text-sm"
        disabled={pending}
        onClick={(event) => {
          if (!window.confirm(`Delete the endpoint ${url}?`)) event.preventDefault();
        }}
      >
        Delete<span className="sr-only"> {url}</span>
      </button>
      {state.error ? <span className="text-major">{state.error}</span> : state.message ? <span role="status">{state.message}</span> : null}
    </form>
  );
}

/**
 * Delivery progress, refreshed every two seconds while anything is still on its way.
 * Times in the page's zone and the console's one style (LocalTime).
 */
export function LiveProgress({ initial, incidentId, timeZone }: { initial: DeliveryProgress[]; incidentId?: string; timeZone: string }) {
  const [rows, setRows] = useState(initial);
  // A post from the same page re-renders it with fresh figures: take them, so the new
  // update's row appears and is followed (it stayed stale until a reload).
  const [drawn, setDrawn] = useState(initial);
  if (initial !== drawn) {
    setDrawn(initial);
    setRows(initial);
  }
  const [offline, setOffline] = useState(false);
  const busy = rows.some((row) => row.counts.pending > 0 || !row.fannedOut);
  useEffect(() => {
    if (!busy) return;
    const timer = setInterval(async () => {
      try {
        const response = await fetch(`/admin/deliveries/progress${incidentId ? `?incident=${encodeURIComponent(incidentId)}` : ""}`, { cache: "no-store" });
        if (!response.ok) throw new Error(String(response.status));
        setRows(await response.json());
        setOffline(false);
      } catch {
        setOffline(true);
      }
    }, 2_000);
    return () => clearInterval(timer);
  }, [busy, incidentId]);
  if (rows.length === 0) return <p>{incidentId ? "Nothing sent yet: subscribers hear about it when it is published." : "Nothing has been published since subscriptions began."}</p>;
  return (
    <div className="space-y-3">
      {offline ? <p role="status">Cannot refresh right now; showing the last figures.</p> : null}
      <table className="w-full text-left text-sm">
        <caption className="sr-only">Delivery progress per published update{busy ? ", updating live" : ""}</caption>
        <thead>
          <tr className="border-b border-neutral-300 dark:border-neutral-700">
            <th scope="col" className="py-2 pr-2">Update</th>
            <th scope="col" className="px-2 text-right">Sent</th>
            <th scope="col" className="px-2 text-right">Pending</th>
            <th scope="col" className="px-2 text-right">Failed</th>
            <th scope="col" className="px-2 text-right">Skipped</th>
            <th scope="col" className="pl-2">Why</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.notificationId} className="border-b border-neutral-200 align-top dark:border-neutral-800" data-notification={row.notificationId}>
              <td className="py-2 pr-2">
                <a href={`/admin/incidents/${row.incidentId}`} className="underline underline-offset-2">
                  {row.title}
                </a>{" "}
                ({row.label}) · <LocalTime date={new Date(row.publishedAt)} timeZone={timeZone} />
                {row.fannedOut ? null : " · still adding recipients"}
              </td>
              <td className="px-2 text-right tabular-nums">{row.counts.sent.toLocaleString("en-GB")}</td>
              <td className="px-2 text-right tabular-nums">{row.counts.pending.toLocaleString("en-GB")}</td>
              <td className="px-2 text-right tabular-nums">{row.counts.failed.toLocaleString("en-GB")}</td>
              <td className="px-2 text-right tabular-nums" title="The subscriber left, or the update or postmortem was withdrawn, before it was sent">
                {row.counts.skipped.toLocaleString("en-GB")}
              </td>
              <td className="pl-2">
                {row.reasons.length ? (
                  <ul>
                    {row.reasons.map((reason) => (
                      <li key={reason.reason}>
                        {reason.count.toLocaleString("en-GB")} × {reason.reason}
                      </li>
                    ))}
                  </ul>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
