import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { hash, verify } from "@node-rs/argon2";
import { encodeBase32LowerCaseNoPadding } from "@oslojs/encoding";
import { hasRole, ROLES, type Role } from "@/lib/constants";
import { passwordProblem } from "@/lib/password-policy";
import { changePasswordSchema, signInSchema } from "@/lib/schemas/auth";
import { audit } from "@/server/audit";
import { db } from "@/server/db";
import { countHit, lockedUntil, lockKey } from "@/server/rate-limit";

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

export interface Actor {
  id: string;
  email: string;
  name: string;
  role: Role;
  sessionId: string;
  /** Signed in with the password, but the two-factor code is still owed. */
  twoFactorPending?: boolean;
  /** The page requires two-factor and this user has not set it up yet. */
  mustSetUpTwoFactor?: boolean;
  hasTwoFactor?: boolean;
}

export class AuthError extends Error {
  constructor(
    readonly status: 401 | 403,
    message: string,
  ) {
    super(message);
  }
}

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2);
}

// Verified when an email is unknown, so the answer takes as long as for a real account.
let decoyHash: Promise<string> | undefined;

// --- throttling -----------------------------------------------------------------
// Exported for the second factor, which counts failures on the same account key.
export { lockedUntil, recordFailure, minutesUntil };

export const THROTTLE = {
  /** Failures counted within this window… */
  windowMs: 15 * 60_000,
  /** …after this many, each further try waits a little longer… */
  slowAfter: 3,
  /** …and after this many the account is locked for lockMs… */
  lockAfter: 5,
  /** …or the client address, which many honest people may share (an office, a NAT). */
  addressLockAfter: 30,
  lockMs: 15 * 60_000,
};

function throttleKeys(email: string, address: string) {
  return [`account:${email}`, `address:${address || "unknown"}`];
}

/** Counts a failed attempt on each key, locking those past their limit; returns the account's count. */
async function recordFailure(keys: string[], now: Date): Promise<number> {
  let worst = 0;
  for (const key of keys) {
    const failures = await countHit(key, THROTTLE.windowMs, now);
    const limit = key.startsWith("address:") ? THROTTLE.addressLockAfter : THROTTLE.lockAfter;
    if (failures >= limit) await lockKey(key, new Date(now.getTime() + THROTTLE.lockMs));
    if (key.startsWith("account:")) worst = Math.max(worst, failures);
  }
  return worst;
}

function minutesUntil(until: Date, now: Date) {
  return Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 60_000));
}

// --- sign-in --------------------------------------------------------------------

export type SignInResult =
  | { ok: true; token: string; expiresAt: Date; actor: Actor; needsSecondFactor: boolean }
  | { ok: false; error: string; fieldErrors?: Record<string, string>; status: 400 | 401 | 429 };

const WRONG = "Email or password is incorrect.";

/** Checks credentials; on success opens a new session (a fresh id at every sign-in). */
export async function signIn(input: unknown, client: { address: string; userAgent: string }): Promise<SignInResult> {
  const parsed = signInSchema.safeParse(input);
  if (!parsed.success) {
    const fieldErrors = Object.fromEntries(parsed.error.issues.map((issue) => [String(issue.path[0]), issue.message]));
    return { ok: false, status: 400, error: "Check the highlighted fields.", fieldErrors };
  }
  const { email, password } = parsed.data;
  const now = new Date();
  const keys = throttleKeys(email, client.address);
  const locked = await lockedUntil(keys, now);
  if (locked) {
    return { ok: false, status: 429, error: `Too many failed sign-ins. Try again in ${minutesUntil(locked, now)} minutes.` };
  }

  const user = await db().user.findUnique({ where: { email } });
  decoyHash ??= hashPassword(randomBytes(16).toString("hex"));
  const valid = user ? await verify(user.passwordHash, password) : (await verify(await decoyHash, password), false);

  if (!valid || !user || user.disabled) {
    const failures = await recordFailure(keys, now);
    if (failures > THROTTLE.slowAfter) {
      // Each failure past the first few costs the guesser a little more time.
      await new Promise((resolve) => setTimeout(resolve, Math.min(4_000, 250 * 2 ** (failures - THROTTLE.slowAfter))));
    }
    const nowLocked = await lockedUntil(keys, new Date());
    if (nowLocked) return { ok: false, status: 429, error: `Too many failed sign-ins. Try again in ${minutesUntil(nowLocked, now)} minutes.` };
    return { ok: false, status: 401, error: WRONG };
  }

  const needsSecondFactor = user.totpSecret !== null;
  // With two-factor, the password alone does not clear the account's failures.
  if (!needsSecondFactor) await db().loginThrottle.deleteMany({ where: { key: keys[0] } });
  const token = encodeBase32LowerCaseNoPadding(randomBytes(20));
  const expiresAt = new Date(now.getTime() + SESSION_ABSOLUTE_MS);
  const sessionId = sessionIdOf(token);
  await db().$transaction(async (tx) => {
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
    actor: { id: user.id, email: user.email, name: user.name, role: user.role as Role, sessionId, twoFactorPending: needsSecondFactor },
  };
}

export function sessionIdOf(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** The person behind a session token, or null when it is unknown, expired, idle or disabled. */
export async function validateSession(token: string | undefined): Promise<Actor | null> {
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
    id: session.user.id,
    email: session.user.email,
    name: session.user.name,
    role: session.user.role as Role,
    sessionId: id,
    hasTwoFactor,
    twoFactorPending: !session.twoFactorVerified,
    mustSetUpTwoFactor: Boolean(settings?.requireTwoFactor) && !hasTwoFactor,
  };
}

export async function signOut(actor: Actor, everywhere = false): Promise<void> {
  await db().$transaction(async (tx) => {
    await tx.session.deleteMany({ where: everywhere ? { userId: actor.id } : { id: actor.sessionId } });
    await audit(tx, { actorId: actor.id, action: everywhere ? "signed_out_everywhere" : "signed_out", entityType: "user", entityId: actor.id });
  });
}

/** Throws unless the actor may act as `role`. Hiding a button is not a check: this is. */
export function authorize(actor: Actor | null, role: Role): Actor {
  if (!actor) throw new AuthError(401, "Your session has ended. Sign in again.");
  if (actor.twoFactorPending) throw new AuthError(401, "Enter your two-factor code first.");
  if (actor.mustSetUpTwoFactor) throw new AuthError(403, "Set up two-factor authentication first: this page requires it.");
  if (!hasRole(actor.role, role)) throw new AuthError(403, `This needs the ${role} role; you are signed in as ${actor.role}.`);
  return actor;
}

// --- users -----------------------------------------------------------------------

export async function createUser({ email, password, role, name = "" }: { email: string; password: string; role: Role; name?: string }, actorId: string | null) {
  const normalised = email.trim().toLowerCase();
  if (!(ROLES as readonly string[]).includes(role)) throw new Error(`Unknown role "${role}": use ${ROLES.join(", ")}.`);
  const problem = passwordProblem(password, [normalised, name]);
  if (problem) throw new Error(`Password refused: ${problem}`);
  const passwordHash = await hashPassword(password);
  return db().$transaction(async (tx) => {
    const user = await tx.user.create({ data: { email: normalised, name, role, passwordHash } });
    await audit(tx, { actorId, action: "created", entityType: "user", entityId: user.id, after: { email: normalised, role, name } });
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

/** Changes the actor's own password; every other session of theirs ends. */
export async function changePassword(actor: Actor | null, input: unknown): Promise<{ ok: boolean; error?: string; fieldErrors?: Record<string, string>; message?: string }> {
  const who = authorize(actor, "editor");
  const parsed = changePasswordSchema.safeParse(input);
  if (!parsed.success) {
    return { ok: false, error: "Check the highlighted fields.", fieldErrors: Object.fromEntries(parsed.error.issues.map((issue) => [String(issue.path[0]), issue.message])) };
  }
  const user = await db().user.findUniqueOrThrow({ where: { id: who.id } });
  if (!(await verify(user.passwordHash, parsed.data.currentPassword))) {
    return { ok: false, error: "Check the highlighted fields.", fieldErrors: { currentPassword: "That is not your current password." } };
  }
  const problem = passwordProblem(parsed.data.newPassword, [user.email, user.name]);
  if (problem) return { ok: false, error: "Check the highlighted fields.", fieldErrors: { newPassword: problem } };
  const passwordHash = await hashPassword(parsed.data.newPassword);
  await db().$transaction(async (tx) => {
    // Sessions older than this moment stop validating; this one is kept.
    const changedAt = new Date();
    await tx.user.update({ where: { id: who.id }, data: { passwordHash, passwordChangedAt: changedAt } });
    await tx.session.deleteMany({ where: { userId: who.id, id: { not: who.sessionId } } });
    await tx.session.update({ where: { id: who.sessionId }, data: { createdAt: changedAt } });
    await audit(tx, { actorId: who.id, action: "password_changed", entityType: "user", entityId: who.id });
  });
  return { ok: true, message: "Password changed. You were signed out everywhere else." };
}
