import { z } from "zod";

/** The console's "Publish anyway" box, carried by every publishing form while the demo clock is on. */
export const DEMO_CLOCK_CONFIRM_FIELD = "publishUnderDemoClock";

export const demoClockConfirmSchema = z.object({ [DEMO_CLOCK_CONFIRM_FIELD]: z.literal("yes") });
