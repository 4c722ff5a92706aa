import { z } from "zod";

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
