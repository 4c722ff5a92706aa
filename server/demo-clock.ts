import "server-only";
import { DEMO_CLOCK_CONFIRM_FIELD, demoClockConfirmSchema } from "@/lib/schemas/demo-clock";
import type { FormState } from "@/lib/schemas/forms";
import { formatDateTime } from "@/lib/time";
import { getPageSettings } from "@/server/settings";

// While the demo clock is on, the public page shows the story's frozen "now", and anything
// published today sits in it dated today. The console's publishing forms ask first: each
// carries a "Publish anyway" box while the clock is on (components/admin/demo-clock-confirm.tsx),
// and this refuses a publication without it. Drafts are not published, so they are not asked.
// Only the console asks: a tool using the write API has no one to ask.

/** A refusal to show on the form, or null when the publication may go ahead (`draft`: the form saves a draft). */
export async function askBeforePublishingUnderDemoClock(values: Record<string, unknown>, { draft = values.publish === "draft" } = {}): Promise<FormState | null> {
  if (draft) return null;
  const settings = await getPageSettings();
  if (!settings.asOf || demoClockConfirmSchema.safeParse(values).success) return null;
  const asOf = formatDateTime(settings.asOf, settings.timeZone);
  return {
    ok: false,
    error: `The demo clock is on: the public page shows the demo story as of ${asOf}, and what you publish now is dated today. Tick “Publish anyway” to publish it all the same, or turn the demo clock off first. Nothing was saved.`,
    fieldErrors: { [DEMO_CLOCK_CONFIRM_FIELD]: "Tick this to publish while the demo clock is on." },
    values,
  };
}
