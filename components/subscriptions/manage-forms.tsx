"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { confirmAction, updateSubscriptionAction } from "@/app/(public)/subscriptions/actions";
import { buttonClass, FormMessage } from "@/components/admin/field";
import { ServiceChoice } from "@/components/subscriptions/service-choice";
import type { FormState } from "@/lib/schemas/forms";
import type { ServiceOption } from "@/lib/views/services";

export function ConfirmForm({ token }: { token: string }) {
  const t = useTranslations("subscriptions.confirm");
  const [state, action, pending] = useActionState<FormState, FormData>(confirmAction, { ok: false });
  return (
    <form action={action} className="space-y-4">
      <FormMessage state={state} />
      <input type="hidden" name="token" value={token} />
      <button type="submit" className={buttonClass} disabled={pending}>
        {t("button")}
      </button>
    </form>
  );
}

export function ManageForm({ token, services, current }: { token: string; services: ServiceOption[]; current: { allServices: boolean; serviceIds: string[] } }) {
  const t = useTranslations("subscriptions.manage");
  const [state, action, pending] = useActionState<FormState, FormData>(updateSubscriptionAction, { ok: false });
  return (
    <form action={action} className="space-y-4" noValidate>
      <FormMessage state={state} />
      <input type="hidden" name="token" value={token} />
      <ServiceChoice services={services} state={state} current={current} />
      <button type="submit" className={buttonClass} disabled={pending}>
        {t("save")}
      </button>
    </form>
  );
}
