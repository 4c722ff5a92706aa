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
