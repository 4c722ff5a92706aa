import { z } from "zod";

// What every resource of the write API validates and answers alike.

/** true/false, or their form spellings (a Rails-style form sends strings). */
export const apiBoolean = z
  .union([z.boolean(), z.enum(["true", "false", "1", "0"])], { error: "Send true or false." })
  .transform((value) => value === true || value === "true" || value === "1");

/** Every refusal's body: a sentence, and one per field when fields are at fault. */
export const errorObject = z.object({ error: z.string(), fields: z.record(z.string(), z.string()).optional() });
