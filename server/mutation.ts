import "server-only";
import type { z } from "zod";
import type { Role } from "@/lib/constants";
import type { MutationResult } from "@/lib/schemas/forms";
import type { Actor, UserActor } from "@/lib/views/actor";
import { audit as writeAudit } from "@/server/audit";
import { authorize } from "@/server/auth";
import { type Tx, writeTransaction } from "@/server/db";
import { MutationError, parseInput, refusal } from "@/server/mutation-error";

export { AuthError, CHECK_FIELDS, MutationError, MUTATION_STATUS, parseInput, refusal, type MutationCode } from "@/server/mutation-error";

/**
 * Every write, in one order (after dub's safe-action and openstatus's services):
 *
 *   authorise the actor → validate with the form's schema (lib/schemas/) → one transaction
 *   holding the write, its audit entry and the public-change signal → one result.
 *
 *   export const setServiceStatus = mutation(
 *     { role: "editor", schema: serviceStatusSchema, audit: "service", public: true },
 *     async ({ tx, actor, data, audit }) => {
 *       const service = await tx.service.findUnique({ where: { id: data.serviceId } });
 *       if (!service) throw new MutationError("not_found", "That service no longer exists.");
 *       await tx.service.update({ where: { id: service.id }, data: { status: data.status } });
 *       await audit({ action: "status_changed", entityId: service.id, after: { status: data.status } });
 *       return { message: `${service.name} is now ${data.status}.` };
 *     },
 *   );
 *
 *   await setServiceStatus(actor, formValues)      // forms and tests: a MutationResult
 *   await setServiceStatus.run(apiKeyActor, body)  // the JSON API: the output, or a thrown MutationError
 *
 * The handler refuses by throwing MutationError, which rolls the transaction back. Called
 * as a function, a mutation answers refusals of its input as `{ ok: false, error,
 * fieldErrors, values }` and throws refusals of its caller (AuthError), as admin reads do;
 * the form glue (server/form-guard.ts) shows either. A public ("anyone") mutation is called
 * with the input alone. With `public: true` each audited change is one the public sees
 * unless it says `public: false` (a draft); the public version moves once per transaction.
 */

/**
 * Who may run it, as authorize() checks it: a role, or "self" (a person acting on their
 * own account, even while two-factor set-up is owed); or "anyone", for public forms the
 * handler authorises itself (a signed link in the form).
 */
export type Access = Role | "self" | "anyone";

type ActorFor<A extends Access> = A extends "anyone" ? null : A extends "self" ? UserActor : Actor;

/** One audited change. */
export interface Change {
  action: string;
  /** Defaults to the mutation's `audit`. */
  entityType?: string;
  entityId: string;
  before?: unknown;
  after?: unknown;
  /** Whether the public sees this change; defaults to the mutation's `public` (false for a draft). */
  public?: boolean;
}

export interface MutationContext<Data, A extends Access> {
  tx: Tx;
  actor: ActorFor<A>;
  /** The input as the schema parsed it. */
  data: Data;
  /** Writes the change's audit entry in this transaction; a public one also bumps the public version (once). */
  audit(change: Change): Promise<void>;
}

export interface MutationOptions<S extends z.ZodType, A extends Access> {
  role: A;
  /** The form's own schema, the one its page imports too. */
  schema: S;
  /** The entity type its audit entries are about, e.g. "service". */
  audit?: string;
  /** The public sees what it changes: the front servers re-render when its transaction commits. */
  public?: boolean;
  /** What a refusal hands back for the form to show again; by default all that was sent. Leave out secrets. */
  values?: false | ((input: Record<string, unknown>) => Record<string, unknown>);
  /** The message over the fields when the schema refuses; by default "Check the highlighted fields." */
  invalid?: string;
}

type Input = Record<string, unknown>;

/** Called with the actor and the input; a public ("anyone") mutation with the input alone. */
type Call<A extends Access, Result> = A extends "anyone" ? (input: Input) => Promise<Result> : (actor: Actor | null, input: Input) => Promise<Result>;

export type Mutation<Output extends object, A extends Access = Role> = Call<A, MutationResult<Output>> & {
  /** For callers that answer errors themselves (the JSON API): the output, or a thrown MutationError. */
  run: Call<A, Output>;
  /**
   * As run(), inside a transaction the caller opened: one API request that takes several
   * steps (rename, then post an update) commits all of them or, refused at any step, none.
   */
  within: (tx: Tx, actor: Actor | null, input: Input) => Promise<Output>;
};

/** The actor the access level admits, or a thrown AuthError. */
function admit<A extends Access>(access: A, actor: Actor | null): ActorFor<A> {
  if (access === "anyone") return null as ActorFor<A>;
  if (access === "self") return authorize(actor, "self") as ActorFor<A>;
  return authorize(actor, access as Role) as ActorFor<A>;
}

/**
 * Every public change bumps this counter in its own transaction: the front servers of
 * every instance poll it and re-render when it moves.
 */
export async function recordPublicChange(tx: Tx): Promise<void> {
  await tx.pageSettings.update({ where: { id: 1 }, data: { version: { increment: 1 } } });
}

export function mutation<S extends z.ZodType, A extends Access, Output extends object>(
  options: MutationOptions<S, A>,
  handler: (context: MutationContext<z.output<S>, A>) => Promise<Output>,
): Mutation<Output, A> {
  async function perform(actor: ActorFor<A>, input: Input, outer?: Tx): Promise<Output> {
    const data = parseInput(options.schema, input, options.invalid);
    const work = async (tx: Tx) => {
      let publicChange = false;
      const audit = async ({ public: seen = options.public ?? false, entityType = options.audit, ...change }: Change) => {
        if (!entityType) throw new Error("An audited change needs an entity type: set the mutation's `audit`.");
        await writeAudit(tx, { actor, entityType, ...change });
        publicChange ||= seen;
      };
      const output = await handler({ tx, actor, data, audit });
      if (publicChange) await recordPublicChange(tx);
      return output;
    };
    return outer ? work(outer) : writeTransaction(work);
  }

  async function form(actor: Actor | null, input: Input): Promise<MutationResult<Output>> {
    const admitted = admit(options.role, actor);
    try {
      return { ok: true, ...(await perform(admitted, input)) };
    } catch (error) {
      if (!(error instanceof MutationError)) throw error;
      const values = options.values === false ? undefined : options.values ? options.values(input) : input;
      return refusal(error, values) as MutationResult<Output>;
    }
  }

  const run = async (actor: Actor | null, input: Input) => perform(admit(options.role, actor), input);
  const within = async (tx: Tx, actor: Actor | null, input: Input) => perform(admit(options.role, actor), input, tx);
  if (options.role === "anyone") return Object.assign((input: Input) => form(null, input), { run: (input: Input) => run(null, input), within }) as Mutation<Output, A>;
  return Object.assign(form, { run, within }) as Mutation<Output, A>;
}
