import { z } from "zod";
import { ROLES } from "@/lib/constants";
import { id } from "@/lib/schemas/forms";

// The owner's user management forms.

export const newUserSchema = z.object({
  email: z.string().trim().toLowerCase().max(254).pipe(z.email({ error: "Enter a valid email address." })),
  role: z.enum(ROLES, { error: "Choose a role." }),
  name: z.string().trim().max(100, { error: "Keep the name under 100 characters." }).default(""),
});

export const changeUserSchema = z.object({
  userId: id,
  role: z.enum(ROLES).optional(),
  disabled: z.enum(["true", "false"]).optional(),
});

export const resetTwoFactorSchema = z.object({ userId: id });

/** "true" or "false" from the form; a boolean from a JSON caller. */
export const requireTwoFactorSchema = z.object({
  required: z.union([z.boolean(), z.enum(["true", "false"]).transform((value) => value === "true")], { error: "Choose whether two-factor is required." }),
});

/** The users page's forms share one action; `intent` picks the change (none: a role or disabled change). */
export const userIntentSchema = z.object({ intent: z.enum(["reset-two-factor", "require-two-factor"]).optional().catch(undefined) });
