"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { savePostmortemAction } from "@/app/admin/incident-text-actions";
import { DemoClockConfirm } from "@/components/admin/demo-clock-confirm";
import { buttonClass, FieldError, FormMessage } from "@/components/admin/field";
import { PreviewedMarkdown } from "@/components/admin/previewed-markdown";
import { POSTMORTEM_MAX } from "@/lib/schemas/advice";
import type { FormState } from "@/lib/schemas/forms";

/**
 * A resolved incident's postmortem: a private draft until published, then each save is a
 * public revision. `note` says where it stands ("Draft saved …", "Published … · Revised …").
 * Until it is published, a box asks whether publishing tells subscribers; revisions never do.
 */
export function PostmortemForm({ incidentId, revision, body, published, note }: { incidentId: string; revision: number; body: string; published: boolean; note: string | null }) {
  const [state, action, pending] = useActionState<FormState, FormData>(savePostmortemAction, { ok: false });
  const value = state.ok ? body : String(state.values?.body ?? body);
  const error = state.fieldErrors?.body;
  // A checkbox ignores a new default once mounted: keyed by the value sent back after a refusal.
  const notify = !state.ok && state.values?.notify === "on";
  const notifyError = state.fieldErrors?.notify;
  const t = useTranslations("console.incident.postmortemForm");
  return (
    <form action={action} className="space-y-3" noValidate key={state.ok ? `saved-${revision}` : "editing"}>
      <input type="hidden" name="incidentId" value={incidentId} />
      <input type="hidden" name="revision" value={revision} />
      <FormMessage state={state} />
      {note ? <p>{note}</p> : null}
      <div className="space-y-1">
        <label htmlFor="postmortem" className="block font-medium">
          {t("label")}
        </label>
        <p id="postmortem-hint" className="text-sm text-neutral-600 dark:text-neutral-400">
          {published ? t("hintPublished") : t("hintDraft")}
        </p>
        <PreviewedMarkdown
          id="postmortem"
          name="body"
          label={t("preview")}
          rows={12}
          maxLength={POSTMORTEM_MAX}
          defaultValue={value}
          invalid={Boolean(error)}
          describedBy={error ? "postmortem-hint postmortem-error" : "postmortem-hint"}
        />
        <FieldError id="postmortem" error={error} />
      </div>
      {published ? null : (
        <div className="space-y-1">
          <label className="flex items-center gap-2">
            <input
              key={String(notify)}
              id="postmortem-notify"
              type="checkbox"
              name="notify"
              value="on"
              defaultChecked={notify}
              aria-describedby={notifyError ? "postmortem-notify-hint postmortem-notify-error" : "postmortem-notify-hint"}
            />{" "}
            {t("notify")}
          </label>
          <p id="postmortem-notify-hint" className="text-sm text-neutral-600 dark:text-neutral-400">
            {t("notifyHint")}
          </p>
          <FieldError id="postmortem-notify" error={notifyError} />
        </div>
      )}
      <DemoClockConfirm state={state} />
      <div className="flex flex-wrap gap-3">
        {published ? (
          <button type="submit" name="intent" value="revise" className={buttonClass} disabled={pending}>
            {t("revise")}
          </button>
        ) : (
          <>
            <button type="submit" name="intent" value="draft" className={buttonClass} disabled={pending}>
              {t("saveDraft")}
            </button>
            <button type="submit" name="intent" value="publish" className={buttonClass} disabled={pending}>
              {t("publish")}
            </button>
          </>
        )}
      </div>
    </form>
  );
}
