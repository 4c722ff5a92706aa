"use client";

import { useActionState, type ReactNode } from "react";
import { catalogAction } from "@/app/admin/actions";
import { FormMessage } from "@/components/admin/field";
import type { FormState } from "@/lib/schemas/forms";

/** A services-and-groups form: the fields come from the page, the outcome shows here. */
export function CatalogForm({ intent, children, className = "" }: { intent: string; children: ReactNode; className?: string }) {
  const [state, action, pending] = useActionState<FormState, FormData>(catalogAction, { ok: false });
  return (
    <form action={action} className={className} noValidate aria-busy={pending}>
      <input type="hidden" name="intent" value={intent} />
      {children}
      <FormMessage state={state} />
      {state.fieldErrors ? (
        <ul className="text-sm text-major">
          {Object.entries(state.fieldErrors).map(([field, message]) => (
            <li key={field}>{message}</li>
          ))}
        </ul>
      ) : null}
    </form>
  );
}
