import { ZxcvbnFactory } from "@zxcvbn-ts/core";
import { adjacencyGraphs, dictionary } from "@zxcvbn-ts/language-common";

// Long, and not guessable: zxcvbn scores a password against common passwords, names,
// keyboard patterns and dates; below 3 of 4 is refused.

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 200;

let checker: ZxcvbnFactory | undefined;

/** Null when the password is acceptable, else the reason in words. */
export function passwordProblem(password: string, userInputs: string[] = []): string | null {
  if (password.length < PASSWORD_MIN_LENGTH) return `Use at least ${PASSWORD_MIN_LENGTH} characters.`;
  if (password.length > PASSWORD_MAX_LENGTH) return `Use at most ${PASSWORD_MAX_LENGTH} characters.`;
  checker ??= new ZxcvbnFactory({ dictionary, graphs: adjacencyGraphs });
  const result = checker.check(password, userInputs);
  if (result.score < 3) return "This password is too common or too easy to guess. Try a longer phrase of unrelated words.";
  return null;
}
