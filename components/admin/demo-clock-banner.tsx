"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { stopDemoClockAction } from "@/app/admin/demo-clock-action";
import { FormMessage } from "@/components/admin/field";
import type { FormState } from "@/lib/schemas/forms";

/**
 * Said on every console page while the demo clock is on: the public page shows the
 * story's frozen "now", so anything posted today looks misdated there.
 */
export function DemoClockBanner({ asOf, canStop }: { asOf: string; canStop: boolean }) {
  const [state, action, pending] = useActionState<FormState, FormData>(stopDemoClockAction, { ok: false });
  const t = useTranslations("console.demoClock");
  if (state.ok) {
    return (
      <div role="status" className="border-b border-green-700 bg-green-50 px-4 py-2 text-sm text-green-900 dark:bg-green-950 dark:text-green-100">
        <p className="mx-auto max-w-4xl">{state.message}</p>
      </div>
    );
  }
  return (
    <section aria-labelledby="demo-clock-heading" className="border-b border-amber-600 bg-amber-50 px-4 py-2 text-sm text-amber-950 dark:bg-amber-950 dark:text-amber-50">
      <div className="mx-auto flex max-w-4xl flex-wrap items-center justify-between gap-2">
        <p>
          <strong id="demo-clock-heading">{t("heading")}</strong> {t("text", { asOf })}
        </p>
        {canStop ? (
          <form action={action}>
            <button type="submit" disabled={pending} className="rounded border border-amber-700 px-2 py-1 font-medium hover:bg-amber-100 dark:hover:bg-amber-900">
              {t("stop")}
            </button>
          </form>
        ) : (
          <p>{t("askOwner")}</p>
        )}
      </div>
      <FormMessage state={state} />
    </section>
  );
}
