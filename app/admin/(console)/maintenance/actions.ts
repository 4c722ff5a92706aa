"use server";

import { revalidatePath } from "next/cache";
import { formToObject, type FormState } from "@/lib/schemas/forms";
import { askBeforePublishingUnderDemoClock } from "@/server/demo-clock";
import { guarded } from "@/server/form-guard";
import { cancelMaintenance, rescheduleMaintenance } from "@/server/maintenance";
import { currentActor } from "@/server/session";

// Glue for a maintenance window's own controls on its console page (server/maintenance.ts).

export async function rescheduleMaintenanceAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const values = formToObject(formData);
  const state = await guarded(values, async () => (await askBeforePublishingUnderDemoClock(values)) ?? rescheduleMaintenance(await currentActor(), values));
  if (state.ok) revalidatePath("/admin", "layout");
  return state;
}

export async function cancelMaintenanceAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const values = formToObject(formData);
  const state = await guarded(values, async () => (await askBeforePublishingUnderDemoClock(values)) ?? cancelMaintenance(await currentActor(), values));
  if (state.ok) revalidatePath("/admin", "layout");
  return state;
}
