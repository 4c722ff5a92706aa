"use client";

import { useTranslations } from "next-intl";
import { createContext, useContext, useId, type ReactNode } from "react";
import { FieldError } from "@/components/admin/field";
import { DEMO_CLOCK_CONFIRM_FIELD } from "@/lib/schemas/demo-clock";
import type { FormState } from "@/lib/schemas/forms";

// The console layout says whether the demo clock is on (and the story's "now", written in the
// page's style); each publishing form then asks before publishing (server/demo-clock.ts refuses
// without the tick). A plain checkbox: it works with JavaScript off.

const DemoClockContext = createContext<string | null>(null);

export function DemoClockProvider({ asOf, children }: { asOf: string | null; children: ReactNode }) {
  return <DemoClockContext.Provider value={asOf}>{children}</DemoClockContext.Provider>;
}

/** Nothing while the demo clock is off. `state` is the form's: a refusal keeps the tick and shows why it is needed. */
export function DemoClockConfirm({ state }: { state: FormState }) {
  const asOf = useContext(DemoClockContext);
  const id = useId();
  const t = useTranslations("console.incidentForm");
  if (!asOf) return null;
  const error = state.ok ? undefined : state.fieldErrors?.[DEMO_CLOCK_CONFIRM_FIELD];
  const ticked = !state.ok && state.values?.[DEMO_CLOCK_CONFIRM_FIELD] === "yes";
  return (
    <div className="rounded border border-amber-600 bg-amber-50 p-3 text-amber-950 dark:bg-amber-950 dark:text-amber-50">
      <div className="flex items-start gap-2">
        {/* Keyed by the value sent back: React resets a form after its action, to the first default. */}
        <input
          key={String(ticked)}
          defaultChecked={ticked}
          id={id}
          type="checkbox"
          name={DEMO_CLOCK_CONFIRM_FIELD}
          value="yes"
          className="mt-1 size-4"
          aria-describedby={`${id}-hint${error ? ` ${id}-error` : ""}`}
          aria-invalid={error ? true : undefined}
        />
        <div>
          <label htmlFor={id} className="font-medium">
            {t("publishAnyway")}
          </label>
          <p id={`${id}-hint`} className="text-sm">
            {t("publishAnywayHint", { asOf })}
          </p>
        </div>
      </div>
      <FieldError id={id} error={error} />
    </div>
  );
}
