import "server-only";
import type { z } from "zod";
import { fieldErrorsOf, type FieldErrors, type MutationResult } from "@/lib/schemas/forms";
import { isDatabaseUnavailable } from "@/server/db";
import { SealError } from "@/server/secret-box";

// The one error a write (or an admin read) is refused with. The form glue
// (server/form-guard.ts) shows its message; an API route answers with its HTTP status.
// The pipeline (server/mutation.ts) uses the helpers at the end; so do the few writes
// that cannot run inside its one transaction (sign-in, password change, subscribe).

export type MutationCode =
  /** No one is signed in, or the second factor is still owed. */
  | "unauthenticated"
  /** Signed in, but the role (or the rule) does not allow it. */
  | "forbidden"
  /** The input fails the form's schema, or a rule about it (a slug taken, a time in the future). */
  | "invalid"
  /** What it names no longer exists. */
  | "not_found"
  /** Someone else changed it first (a stale revision). */
  | "conflict"
  | "rate_limited"
  /** The database, or the server's secret key, cannot do it right now. */
  | "unavailable";

export const MUTATION_STATUS: Record<MutationCode, number> = {
  unauthenticated: 401,
  forbidden: 403,
  invalid: 400,
  not_found: 404,
  conflict: 409,
  rate_limited: 429,
  unavailable: 503,
};

export class MutationError extends Error {
  readonly status: number;

  constructor(
    readonly code: MutationCode,
    /** Read by a person: the form shows it above the fields. */
    message: string,
    /** One message per field, shown beside it. */
    readonly fieldErrors?: FieldErrors,
  ) {
    super(message);
    this.name = "MutationError";
    this.status = MUTATION_STATUS[code];
  }

  /** The refusal an error stands for, or null for a bug (which should be logged, not shown). */
  static from(error: unknown): MutationError | null {
    if (error instanceof MutationError) return error;
    if (error instanceof SealError) return new MutationError("unavailable", error.message);
    if (isDatabaseUnavailable(error)) return new MutationError("unavailable", "The database cannot be reached right now, so nothing was saved.");
    return null;
  }
}

/** Refused for who the caller is: no session, the second factor owed, or too low a role. */
export class AuthError extends MutationError {
  declare readonly status: 401 | 403;

  constructor(status: 401 | 403, message: string) {
    super(status === 401 ? "unauthenticated" : "forbidden", message);
    this.name = "AuthError";
  }
}

export const CHECK_FIELDS = "Check the highlighted fields.";

/** The input as `schema` parses it, or a MutationError("invalid") with one message per field. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, message = CHECK_FIELDS): z.output<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw new MutationError("invalid", message, fieldErrorsOf(parsed.error));
  return parsed.data;
}

/** A refusal as a form shows it; `values` is what was sent, to show again (never a secret). */
export function refusal(error: MutationError, values?: Record<string, unknown>): MutationResult {
  return { ok: false, error: error.message, ...(error.fieldErrors ? { fieldErrors: error.fieldErrors } : {}), ...(values ? { values } : {}) };
}
