"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { postUpdateAction } from "@/app/admin/actions";
import { DemoClockConfirm } from "@/components/admin/demo-clock-confirm";
import { buttonClass, FormMessage } from "@/components/admin/field";
import { UpdateFields, type ServiceChoice } from "@/components/admin/update-fields";
import type { FormState } from "@/lib/schemas/forms";

// The server action is handed to the form as it is, so it works with JavaScript off.

/** Carries the revision the admin saw, so a second writer's stale save is refused. */
export function PostUpdateForm({
  incidentId,
  revision,
  status,
  services,
  timeZone,
  kind,
  linked,
  initial,
}: {
  incidentId: string;
  revision: number;
  status: string;
  services: ServiceChoice[];
  timeZone: string;
  kind: string;
  /** The ids of the services already part of the incident. */
  linked: string[];
  /** Pre-fills the fields (from a template) until the first update is posted. */
  initial?: Record<string, unknown>;
}) {
  const [state, action, pending] = useActionState<FormState, FormData>(postUpdateAction, { ok: false, values: initial });
  const t = useTranslations("console.incidentForm");
  return (
    <form action={action} className="space-y-5" noValidate key={state.ok ? `posted-${revision}` : "editing"}>
      <input type="hidden" name="incidentId" value={incidentId} />
      <input type="hidden" name="revision" value={revision} />
      <FormMessage state={state} />
      <UpdateFields state={state.ok ? { ok: true } : state} services={services} defaultStatus={status} timeZone={timeZone} kind={kind} linked={new Set(linked)} />
      <DemoClockConfirm state={state} />
      <button type="submit" className={buttonClass} disabled={pending}>
        {pending ? t("publishing") : t("publishUpdate")}
      </button>
    </form>
  );
}
