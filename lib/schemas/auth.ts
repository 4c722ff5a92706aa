import { z } from "zod";
import { LOCALES } from "@/lib/i18n/locales";

export const signInSchema = z.object({
  email: z
    .string({ error: "Enter your email address." })
    .trim()
    .toLowerCase()
    .max(254, { error: "That email address is too long." })
    .pipe(z.email({ error: "Enter a valid email address." })),
  password: z.string({ error: "Enter your password." }).min(1, { error: "Enter your password." }).max(1024, { error: "That password is too long." }),
});

export type SignInInput = z.infer<typeof signInSchema>;

export const changePasswordSchema = z
  .object({
    currentPassword: z.string({ error: "Enter your current password." }).min(1, { error: "Enter your current password." }).max(1024),
    newPassword: z.string({ error: "Enter a new password." }).min(12, { error: "Use at least 12 characters." }).max(200, { error: "Use at most 200 characters." }),
    confirmPassword: z.string(),
  })
  .refine((value) => value.newPassword === value.confirmPassword, { error: "The two new passwords differ.", path: ["confirmPassword"] });

/** A code as typed, cut to `max` characters; a wrong one is refused by checking it, not by its shape. */
const typedCode = (max: number) =>
  z
    .string()
    .optional()
    .catch(undefined)
    .transform((value) => (value ?? "").slice(0, max));

/** The second step of signing in: a code from the app, or a recovery code. */
export const secondFactorSchema = z.object({ code: typedCode(100) });

/** The two-factor set-up form: "begin" makes a new secret to scan, "confirm" turns it on with a code. */
export const twoFactorStepSchema = z.object({ step: z.enum(["begin", "confirm"]).catch("confirm") });

export const confirmTwoFactorSchema = z.object({ code: typedCode(20) });

/** Replacing an authenticator that is already on asks for the password first: a borrowed session alone must not move the second factor. */
export const beginTwoFactorSchema = z.object({ password: typedCode(200) });

/** "Sign out everywhere" ends every session of the user, not only this one. */
export const signOutSchema = z.object({ everywhere: z.enum(["yes"]).optional().catch(undefined) });

/**
 * A person's console language: one Herald speaks, or "" to follow their browser's (stored
 * as null). `browser` is not typed by anyone: the server action adds the browser's
 * language, which the answer to "" is said in.
 */
export const consoleLanguageSchema = z.object({
  browser: z.enum(LOCALES).optional().catch(undefined),
  locale: z
    .union([z.literal(""), z.enum(LOCALES)], { error: "Choose one of the languages in the list." })
    .transform((value) => (value === "" ? null : value)),
});
