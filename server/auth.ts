import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { hash, verify } from "@node-rs/argon2";
import { encodeBase32LowerCaseNoPadding } from "@oslojs/encoding";
import { stripBidiControls } from "@/lib/bidi";
import { hasRole, ROLES, type Role } from "@/lib/constants";
import { isLocale } from "@/lib/i18n/locales";
import { passwordProblem } from "@/lib/password-policy";
import { changePasswordSchema, signInSchema } from "@/lib/schemas/auth";
import { fieldErrorsOf, type MutationResult } from "@/lib/schemas/forms";
import { isUser, type Actor, type UserActor } from "@/lib/views/actor";
import { audit } from "@/server/audit";
import { db, writeTransaction, type Db } from "@/server/db";
import type { TrustedDevice } from "@/server/device-cookie";
import { AuthError, CHECK_FIELDS, MutationError, parseInput, refusal } from "@/server/mutation-error";
import { addressKey, countHit, lockedUntil, lockKey } from "@/server/rate-limit";

// Sign-in, sessions and throttling, after the Lucia guide: argon2id (@node-rs/argon2)
// for passwords, a random token in an httpOnly cookie with only its SHA-256 stored,
// idle and absolute timeouts, and failure counters in the database so every instance
// throttles alike.

export const SESSION_COOKIE = "herald_session";
export const SESSION_IDLE_MS = 30 * 60_000;
export const SESSION_ABSOLUTE_MS = 12 * 60 * 60_000;
const TOUCH_EVERY_MS = 60_000;

// OWASP's argon2id minimum: 19 MiB, 2 passes, 1 lane.
const ARGON2 = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2);
}

// Verified when an email is unknown, so the answer takes as long as for a real account.
let decoyHash: Promise<string> | undefined;

// --- throttling -----------------------------------------------------------------
// Exported for the second factor, which counts wrong codes on the same counters.
export { minutesUntil };

export const THROTTLE = {
  /** Failures counted within this window… */
  windowMs: 15 * 60_000,
  /** …after this many, each further try from the same client waits a little longer… */
  slowAfter: 3,
  /** …and after this many the account is locked for lockMs to that client: a browser by its device cookie, any other by its address… */
  lockAfter: 5,
  /** …and to every client without the account's device cookie once they fail this many times together (a guesser with many addresses)… */
  accountLockAfter: 30,
  /** …and a client address is locked over every account after this many, since many honest people may share one (an office, a NAT). */
  addressLockAfter: 30,
  lockMs: 15 * 60_000,
};

/** Who is trying, as the throttle sees it: `device` is a device cookie the caller has already checked. */
export interface ThrottleClient {
  address: string;
  device?: TrustedDevice | null;
}

export interface ThrottleCounter {
  key: string;
  lockAfter: number;
}

/**
 * The counters one client's attempts on one account go to, its own first. A browser with
 * this user's device cookie is counted on that cookie alone, so guesses from elsewhere
 * never lock its owner out; any other client on the account and its address, and on the
 * account's counter for all untrusted clients together, so spreading guesses over many
 * addresses does not lift the limit.
 */
export function throttleCounters(email: string, userId: string | null, client: ThrottleClient): ThrottleCounter[] {
  if (client.device && client.device.userId === userId) return [{ key: `device:${client.device.nonce}`, lockAfter: THROTTLE.lockAfter }];
  const address = addressKey(client.address);
  return [
    { key: `account:${email}|address:${address}`, lockAfter: THROTTLE.lockAfter },
    { key: `address:${address}`, lockAfter: THROTTLE.addressLockAfter },
    { key: `account:${email}`, lockAfter: THROTTLE.accountLockAfter },
  ];
}

/** The latest time any of the counters is locked until, or null. */
export function throttleLockedUntil(counters: ThrottleCounter[], now: Date): Promise<Date | null> {
  return lockedUntil(counters.map((counter) => counter.key), now);
}

/** One attempt, counted before the password or code is checked. */
export interface Attempt {
  counters: ThrottleCounter[];
  /** Each counter's count with this attempt, in the order of `counters`. */
  counts: number[];
  /** Set when the attempt is refused unchecked: a lock already in force, or one this attempt went past. */
  lockedUntil: Date | null;
}

/**
 * Counts an attempt on every counter before anything is checked. Each count is the
 * request's own (one atomic UPDATE), so a parallel burst cannot all pass a check made
 * before the first of them failed: the attempt past a limit is refused unchecked. The
 * client's own counter comes first and an attempt refused there counts nowhere else, so
 * one client's burst adds at most its own limit to the shared counters.
 */
export async function takeAttempt(counters: ThrottleCounter[], now: Date): Promise<Attempt> {
  const locked = await throttleLockedUntil(counters, now);
  if (locked) return { counters, counts: [], lockedUntil: locked };
  const counts: number[] = [];
  for (const { key, lockAfter } of counters) {
    const count = await countHit(key, THROTTLE.windowMs, now);
    counts.push(count);
    if (count > lockAfter) {
      await lockKey(key, new Date(now.getTime() + THROTTLE.lockMs));
      return { counters, counts, lockedUntil: await throttleLockedUntil(counters, now) };
    }
  }
  return { counters, counts, lockedUntil: null };
}

/** The attempt failed: counters at their limit lock, and the answer slows past the client's first few; returns the lock now in force, if any. */
export async function attemptFailed({ counters, counts }: Attempt, now: Date): Promise<Date | null> {
  const until = new Date(now.getTime() + THROTTLE.lockMs);
  for (const [index, { key, lockAfter }] of counters.entries()) {
    if (counts[index] >= lockAfter) await lockKey(key, until);
  }
  const own = counts[0] ?? 0;
  if (own > THROTTLE.slowAfter) {
    // Each failure past the first few costs the guesser a little more time.
    await new Promise((resolve) => setTimeout(resolve, Math.min(4_000, 250 * 2 ** (own - THROTTLE.slowAfter))));
  }
  return throttleLockedUntil(counters, new Date());
}

/**
 * The attempt was right, so it was no failure: it comes off the shared counters, and with
 * `forgive` the client's own failures are cleared too (not after a password that still
 * owes its second factor). The shared counters otherwise run out by themselves.
 */
export async function attemptSucceeded({ counters, counts }: Attempt, { forgive }: { forgive: boolean }, database: Pick<Db, "loginThrottle"> = db()): Promise<void> {
  for (const [index, { key }] of counters.entries()) {
    if (index === 0 && forgive) await database.loginThrottle.deleteMany({ where: { key } });
    else if (counts[index] > 0) await database.loginThrottle.updateMany({ where: { key, failures: { gt: 0 } }, data: { failures: { decrement: 1 } } });
  }
}

function minutesUntil(until: Date, now: Date) {
  return Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 60_000));
}

const signInLocked = (until: Date, now: Date) => `Too many failed sign-ins. Try again in ${minutesUntil(until, now)} minutes.`;

// --- sign-in --------------------------------------------------------------------
// Sign-in, the second factor and sign-out are writes outside the mutation pipeline
// (server/mutation.ts): there is no actor to authorise yet (or, signing out, any session
// may end itself, even one owing its code), and wrong passwords are counted outside any
// transaction so a refusal still counts. Each still validates with its schema and writes
// its session change and audit entry in one transaction.

export type SignInResult =
  | { ok: true; token: string; expiresAt: Date; actor: UserActor; needsSecondFactor: boolean }
  | { ok: false; error: string; fieldErrors?: Record<string, string>; status: 400 | 401 | 429 };

const WRONG = "Email or password is incorrect.";

/** Checks credentials; on success opens a new session (a fresh id at every sign-in). */
export async function signIn(input: unknown, client: ThrottleClient & { userAgent: string }): Promise<SignInResult> {
  const parsed = signInSchema.safeParse(input);
  if (!parsed.success) return { ok: false, status: 400, error: CHECK_FIELDS, fieldErrors: fieldErrorsOf(parsed.error) };
  const { email, password } = parsed.data;
  const now = new Date();
  const user = await db().user.findUnique({ where: { email } });
  const attempt = await takeAttempt(throttleCounters(email, user?.id ?? null, client), now);
  if (attempt.lockedUntil) return { ok: false, status: 429, error: signInLocked(attempt.lockedUntil, now) };

  decoyHash ??= hashPassword(randomBytes(16).toString("hex"));
  const valid = user ? await verify(user.passwordHash, password) : (await verify(await decoyHash, password), false);

  if (!valid || !user || user.disabled) {
    const nowLocked = await attemptFailed(attempt, now);
    if (nowLocked) return { ok: false, status: 429, error: signInLocked(nowLocked, now) };
    return { ok: false, status: 401, error: WRONG };
  }

  const needsSecondFactor = user.totpSecret !== null;
  // With two-factor, the password alone does not clear the client's failures.
  await attemptSucceeded(attempt, { forgive: !needsSecondFactor });
  const token = encodeBase32LowerCaseNoPadding(randomBytes(20));
  const expiresAt = new Date(now.getTime() + SESSION_ABSOLUTE_MS);
  const sessionId = sessionIdOf(token);
  await writeTransaction(async (tx) => {
    await tx.session.create({
      data: {
        id: sessionId,
        userId: user.id,
        expiresAt,
        userAgent: client.userAgent.slice(0, 300),
        address: client.address.slice(0, 100),
        twoFactorVerified: !needsSecondFactor,
      },
    });
    await audit(tx, { actorId: user.id, action: needsSecondFactor ? "password_accepted" : "signed_in", entityType: "user", entityId: user.id, after: { address: client.address } });
  });
  return {
    ok: true,
    token,
    expiresAt,
    needsSecondFactor,
    actor: { kind: "user", id: user.id, email: user.email, name: user.name, role: user.role as Role, sessionId, twoFactorPending: needsSecondFactor },
  };
}

export function sessionIdOf(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** The person behind a session token, or null when it is unknown, expired, idle or disabled. */
export async function validateSession(token: string | undefined): Promise<UserActor | null> {
  if (!token || token.length > 100) return null;
  const id = sessionIdOf(token);
  const [session, settings] = await Promise.all([
    db().session.findUnique({ where: { id }, include: { user: true } }),
    db().pageSettings.findUnique({ where: { id: 1 }, select: { requireTwoFactor: true } }),
  ]);
  if (!session) return null;
  const now = Date.now();
  const expired =
    session.expiresAt.getTime() <= now ||
    now - session.lastSeenAt.getTime() > SESSION_IDLE_MS ||
    session.user.disabled ||
    session.createdAt < session.user.passwordChangedAt;
  if (expired) {
    await db().session.deleteMany({ where: { id } });
    return null;
  }
  if (now - session.lastSeenAt.getTime() > TOUCH_EVERY_MS) {
    await db().session.update({ where: { id }, data: { lastSeenAt: new Date(now) } });
  }
  const hasTwoFactor = session.user.totpSecret !== null;
  return {
    kind: "user",
    id: session.user.id,
    email: session.user.email,
    name: session.user.name,
    role: session.user.role as Role,
    sessionId: id,
    hasTwoFactor,
    twoFactorPending: !session.twoFactorVerified,
    mustSetUpTwoFactor: Boolean(settings?.requireTwoFactor) && !hasTwoFactor,
    locale: isLocale(session.user.locale) ? session.user.locale : null,
  };
}

export async function signOut(actor: UserActor, everywhere = false): Promise<void> {
  await writeTransaction(async (tx) => {
    await tx.session.deleteMany({ where: everywhere ? { userId: actor.id } : { id: actor.sessionId } });
    await audit(tx, { actorId: actor.id, action: everywhere ? "signed_out_everywhere" : "signed_out", entityType: "user", entityId: actor.id });
  });
}

/**
 * Throws unless the actor may act as `role`. Hiding a button is not a check: this is.
 * "self" is a person acting on their own account (two-factor set-up): any role, the
 * code given, and allowed while the set-up that the page requires is still owed.
 */
export function authorize(actor: Actor | null, role: "self"): UserActor;
export function authorize<A extends Actor>(actor: A | null, role: Role): A;
export function authorize(actor: Actor | null, role: Role | "self"): Actor {
  if (!actor) throw new AuthError(401, "Your session has ended. Sign in again.");
  if (isUser(actor) && actor.twoFactorPending) throw new AuthError(401, "Enter your two-factor code first.");
  if (role === "self") {
    if (!isUser(actor)) throw new AuthError(403, "Only a person signed in to the console can do this.");
    return actor;
  }
  if (isUser(actor) && actor.mustSetUpTwoFactor) throw new AuthError(403, "Set up two-factor authentication first: this page requires it.");
  if (!hasRole(actor.role, role)) {
    throw new AuthError(403, isUser(actor) ? `This needs the ${role} role; you are signed in as ${actor.role}.` : `This needs the ${role} role; ${actor.name} has the ${actor.role} role.`);
  }
  return actor;
}

// --- users -----------------------------------------------------------------------

/** A new user's row, the password checked against the policy and hashed; a plain Error says why not (for the command line). */
export async function newUserRow({ email, password, role, name = "" }: { email: string; password: string; role: Role; name?: string }) {
  const normalised = email.trim().toLowerCase();
  name = stripBidiControls(name.trim());
  if (!(ROLES as readonly string[]).includes(role)) throw new Error(`Unknown role "${role}": use ${ROLES.join(", ")}.`);
  const problem = passwordProblem(password, [normalised, name]);
  if (problem) throw new Error(`Password refused: ${problem}`);
  return { email: normalised, name, role, passwordHash: await hashPassword(password) };
}

/**
 * A user made by the system: the command line (`npm run user`) and the first start,
 * outside the mutation pipeline since no actor signs in to do it. The console adds users
 * through addUser (server/users.ts), which is a pipeline mutation.
 */
export async function createUser(input: { email: string; password: string; role: Role; name?: string }, actorId: string | null) {
  const { passwordHash, ...shown } = await newUserRow(input);
  return writeTransaction(async (tx) => {
    const user = await tx.user.create({ data: { ...shown, passwordHash } });
    await audit(tx, { actorId, action: "created", entityType: "user", entityId: user.id, after: { email: shown.email, role: shown.role, name: shown.name } });
    return user;
  });
}

/** On first start: the owner from ADMIN_EMAIL and ADMIN_PASSWORD, when no user exists yet. */
export async function ensureFirstOwner(email: string | undefined, password: string | undefined): Promise<"created" | "exists" | "missing"> {
  if ((await db().user.count()) > 0) return "exists";
  if (!email || !password) return "missing";
  await createUser({ email, password, role: "owner", name: "Owner" }, null);
  return "created";
}

const changeLocked = (until: Date, now: Date) => `Too many wrong passwords. Try again in ${minutesUntil(until, now)} minutes.`;

/**
 * Changes the actor's own password; every other session of theirs ends. The pipeline's
 * steps, but not its one transaction: wrong current passwords count as failed sign-ins,
 * and those counts must outlive the refusal. A refusal never sends the passwords back.
 */
export async function changePassword(actor: UserActor | null, input: Record<string, unknown>, client: ThrottleClient): Promise<MutationResult> {
  const who = authorize(actor, "editor");
  try {
    const data = parseInput(changePasswordSchema, input);
    const now = new Date();
    const attempt = await takeAttempt(throttleCounters(who.email, who.id, client), now);
    if (attempt.lockedUntil) throw new MutationError("rate_limited", changeLocked(attempt.lockedUntil, now));
    const user = await db().user.findUniqueOrThrow({ where: { id: who.id } });
    if (!(await verify(user.passwordHash, data.currentPassword))) {
      const nowLocked = await attemptFailed(attempt, now);
      if (nowLocked) throw new MutationError("rate_limited", changeLocked(nowLocked, now));
      throw new MutationError("invalid", CHECK_FIELDS, { currentPassword: "That is not your current password." });
    }
    await attemptSucceeded(attempt, { forgive: true });
    const problem = passwordProblem(data.newPassword, [user.email, user.name]);
    if (problem) throw new MutationError("invalid", CHECK_FIELDS, { newPassword: problem });
    const passwordHash = await hashPassword(data.newPassword);
    await writeTransaction(async (tx) => {
      // Sessions older than this moment stop validating; this one is kept.
      const changedAt = new Date();
      await tx.user.update({ where: { id: who.id }, data: { passwordHash, passwordChangedAt: changedAt } });
      await tx.session.deleteMany({ where: { userId: who.id, id: { not: who.sessionId } } });
      await tx.session.update({ where: { id: who.sessionId }, data: { createdAt: changedAt } });
      await audit(tx, { actor: who, action: "password_changed", entityType: "user", entityId: who.id });
    });
    return { ok: true, message: "Password changed. You were signed out everywhere else." };
  } catch (error) {
    if (error instanceof MutationError) return refusal(error);
    throw error;
  }
}
