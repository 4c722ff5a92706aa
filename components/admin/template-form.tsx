"use client";

import { useActionState } from "react";
import { createTemplateAction, deleteTemplateAction, updateTemplateAction } from "@/app/admin/(console)/templates/actions";
import { buttonClass, Field, FieldError, FormMessage, inputClass } from "@/components/admin/field";
import { MarkdownEditor } from "@/components/admin/markdown-editor";
import type { ServiceChoice } from "@/components/admin/update-fields";
import { IMPACT_LABELS, IMPACTS, INCIDENT_STATUSES, SERVICE_STATUS_LABELS, SERVICE_STATUSES, UPDATE_STATUS_LABELS } from "@/lib/constants";
import { nestAffected, TITLE_MAX } from "@/lib/schemas/admin";
import type { FormState } from "@/lib/schemas/forms";
import { TEMPLATE_NAME_MAX, templateEditSchema, templateSchema } from "@/lib/schemas/templates";
import { validatedAction } from "@/lib/schemas/validated-action";
import type { TemplateView } from "@/lib/views/templates";

const createChecked = validatedAction(templateSchema, createTemplateAction, nestAffected);
const updateChecked = validatedAction(templateEditSchema, updateTemplateAction, nestAffected);

/** What the form needs of a saved template. */
export type TemplateFields = Pick<TemplateView, "id" | "name" | "title" | "body" | "status" | "impact" | "notify"> & { services: { id: string; status: string }[] };

/** Writes a new template, or edits `template`; ids carry `prefix` so several fit on one page. */
export function TemplateForm({ template, services, prefix }: { template?: TemplateFields; services: ServiceChoice[]; prefix: string }) {
  const [state, action, pending] = useActionState<FormState, FormData>(template ? updateChecked : createChecked, { ok: false });
  // A select or checkbox ignores a new default once mounted: each is keyed by its value to show the one sent back.
  const errors = state.ok ? {} : (state.fieldErrors ?? {});
  // After a refusal, what was sent (an unticked box is absent from it); otherwise the saved template.
  const sent = !state.ok && state.values ? state.values : undefined;
  const value = (name: "name" | "title" | "body" | "status" | "impact", fallback: string) => String(sent?.[name] ?? fallback);
  const saved = Object.fromEntries((template?.services ?? []).map((service) => [service.id, service.status]));
  const affected = sent ? ((sent.affected ?? {}) as Record<string, string>) : saved;
  const notify = sent ? sent.notify === "on" : (template?.notify ?? true);
  const id = (name: string) => `${prefix}-${name}`;
  const describe = (name: string, hint = false) => [hint ? `${id(name)}-hint` : "", errors[name] ? `${id(name)}-error` : ""].filter(Boolean).join(" ") || undefined;
  const label = template ? `“${template.name}”` : "template";
  return (
    <form action={action} className="space-y-4" noValidate key={state.ok ? state.message : "form"}>
      {template ? <input type="hidden" name="templateId" value={template.id} /> : null}
      <FormMessage state={state} />
      {errors.templateId ? <p className="text-sm text-major">{errors.templateId}</p> : null}
      <Field id={id("name")} label="Template name" hint="What editors pick it by; the public never sees it." error={errors.name}>
        <input id={id("name")} name="name" maxLength={TEMPLATE_NAME_MAX} required defaultValue={value("name", template?.name ?? "")} aria-invalid={errors.name ? true : undefined} aria-describedby={describe("name", true)} className={inputClass} />
      </Field>
      <Field id={id("title")} label="Incident title" hint="Placeholders such as {{services}} are filled in when someone starts from it." error={errors.title}>
        <input id={id("title")} name="title" maxLength={TITLE_MAX} required defaultValue={value("title", template?.title ?? "")} aria-invalid={errors.title ? true : undefined} aria-describedby={describe("title", true)} className={inputClass} />
      </Field>
      <Field id={id("body")} label="First update" hint="Markdown, with the same placeholders." error={errors.body}>
        <MarkdownEditor id={id("body")} name="body" defaultValue={value("body", template?.body ?? "")} invalid={Boolean(errors.body)} describedBy={describe("body", true)} />
      </Field>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field id={id("status")} label="Status" error={errors.status}>
          <select key={value("status", template?.status ?? "investigating")} id={id("status")} name="status" defaultValue={value("status", template?.status ?? "investigating")} aria-describedby={describe("status")} className={inputClass}>
            {INCIDENT_STATUSES.map((status) => (
              <option key={status} value={status}>
                {UPDATE_STATUS_LABELS[status]}
              </option>
            ))}
          </select>
        </Field>
        <Field id={id("impact")} label="Impact" error={errors.impact}>
          <select key={value("impact", template?.impact ?? "minor")} id={id("impact")} name="impact" defaultValue={value("impact", template?.impact ?? "minor")} aria-describedby={describe("impact")} className={inputClass}>
            {IMPACTS.map((impact) => (
              <option key={impact} value={impact}>
                {IMPACT_LABELS[impact]}
              </option>
            ))}
          </select>
        </Field>
      </div>
      <fieldset className="space-y-2">
        <legend className="font-medium">Affected services and the status each gets</legend>
        {services.map((service) => (
          <div key={service.id} className="flex flex-wrap items-center gap-2">
            <label htmlFor={id(`affected-${service.id}`)} className="min-w-48">
              {service.name}
            </label>
            <select key={affected[service.id] ?? ""} id={id(`affected-${service.id}`)} name={`affected.${service.id}`} defaultValue={affected[service.id] ?? ""} aria-describedby={errors[`affected.${service.id}`] ? `${id(`affected-${service.id}`)}-error` : undefined} className="rounded border border-neutral-400 bg-white px-2 py-1 dark:border-neutral-600 dark:bg-neutral-900">
              <option value="">Not affected</option>
              {SERVICE_STATUSES.map((status) => (
                <option key={status} value={status}>
                  {SERVICE_STATUS_LABELS[status]}
                </option>
              ))}
            </select>
            <FieldError id={id(`affected-${service.id}`)} error={errors[`affected.${service.id}`]} />
          </div>
        ))}
      </fieldset>
      <div className="space-y-1">
        <label className="flex items-center gap-2">
          <input key={String(notify)} id={id("notify")} type="checkbox" name="notify" value="on" defaultChecked={notify} aria-describedby={errors.notify ? `${id("notify")}-error` : undefined} /> Notify subscribers when an incident is published from it
        </label>
        <FieldError id={id("notify")} error={errors.notify} />
      </div>
      <button type="submit" className={buttonClass} disabled={pending}>
        {pending ? "Saving…" : template ? `Save ${label}` : "Add template"}
      </button>
    </form>
  );
}

/** Deleting asks for a ticked box, as the other destructive console forms do. */
export function DeleteTemplateForm({ templateId, name, consequence }: { templateId: string; name: string; consequence: string }) {
  const [state, action, pending] = useActionState<FormState, FormData>(deleteTemplateAction, { ok: false });
  const confirmId = `delete-${templateId}-confirm`;
  const error = state.fieldErrors?.confirm;
  return (
    <form action={action} className="mt-2 space-y-2" noValidate>
      <input type="hidden" name="id" value={templateId} />
      {error ? null : <FormMessage state={state} />}
      <div className="space-y-1">
        <label className="flex items-center gap-2 text-sm">
          <input id={confirmId} type="checkbox" name="confirm" value="yes" aria-invalid={error ? true : undefined} aria-describedby={error ? `${confirmId}-error` : undefined} /> Yes, delete “{name}”. {consequence}
        </label>
        <FieldError id={confirmId} error={error} />
      </div>
      <button type="submit" className="rounded border border-neutral-500 px-2 py-1 text-sm" disabled={pending}>
        Delete “{name}”
      </button>
    </form>
  );
}
