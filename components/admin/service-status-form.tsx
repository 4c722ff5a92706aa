"use client";

import { useTranslations } from "next-intl";
import { useActionState, type ReactNode } from "react";
import { setServiceStatusAction } from "@/app/admin/actions";
import { FormMessage } from "@/components/admin/field";
import { SERVICE_STATUSES, type ServiceStatus } from "@/lib/constants";
import type { FormState } from "@/lib/schemas/forms";

/** One click sets a service's status; the current one is marked and disabled. */
export function ServiceStatusForm({ serviceId, name, status }: { serviceId: string; name: string; status: ServiceStatus }) {
  const [state, action, pending] = useActionState<FormState, FormData>(setServiceStatusAction, { ok: false });
  const t = useTranslations("console.status");
  const statusLabel = useTranslations("status.service");
  const hidden = (chunks: ReactNode) => <span className="sr-only">{chunks}</span>;
  return (
    <form action={action} className="space-y-2">
      <input type="hidden" name="serviceId" value={serviceId} />
      <fieldset>
        <legend className="sr-only">{t("setStatus", { name })}</legend>
        <div className="flex flex-wrap gap-2">
          {SERVICE_STATUSES.map((option) => (
            <button
              key={option}
              type="submit"
              name="status"
              value={option}
              disabled={pending || option === status}
              aria-pressed={option === status}
              className={`rounded border px-2 py-1 text-sm ${option === status ? "border-neutral-900 bg-neutral-900 text-white dark:border-neutral-100 dark:bg-neutral-100 dark:text-neutral-900" : "border-neutral-400 hover:bg-neutral-200 dark:hover:bg-neutral-800"}`}
            >
              {t.rich("statusFor", { status: statusLabel(option), name, hidden })}
            </button>
          ))}
        </div>
      </fieldset>
      <FormMessage state={state} />
    </form>
  );
}
