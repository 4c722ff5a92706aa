"use server";

import { revalidatePath } from "next/cache";
import { formToObject, type FormState } from "@/lib/schemas/forms";
import { guarded } from "@/server/form-guard";
import { currentActor } from "@/server/session";
import { stopDemoClock } from "@/server/settings";

// The console banner's "use the real time" button (components/admin/demo-clock-banner.tsx).
export async function stopDemoClockAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const values = formToObject(formData);
  const state = await guarded(values, async () => stopDemoClock(await currentActor(), values));
  if (state.ok) revalidatePath("/admin", "layout");
  return state;
}
