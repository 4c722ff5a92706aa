import "server-only";
import type { TwoFactorSetup } from "@/lib/views/two-factor";
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { decodeBase32IgnorePadding, encodeBase32NoPadding, encodeBase32LowerCaseNoPadding } from "@oslojs/encoding";
import { createTOTPKeyURI, generateHOTP } from "@oslojs/otp";
import QRCode from "qrcode";
import { verify } from "@node-rs/argon2";
import { beginTwoFactorSchema, confirmTwoFactorSchema } from "@/lib/schemas/auth";
import { resetTwoFactorSchema } from "@/lib/schemas/users";
import type { UserActor } from "@/lib/views/actor";
import { audit } from "@/server/audit";
import { attemptFailed, attemptSucceeded, authorize, minutesUntil, takeAttempt, throttleCounters, type ThrottleClient } from "@/server/auth";
import { db, writeTransaction } from "@/server/db";
import { CHECK_FIELDS, mutation, MutationError, parseInput } from "@/server/mutation";
import { seal, SealError, unseal } from "@/server/secret-box";

// TOTP (RFC 6238, @oslojs/otp): 30-second steps, 6 digits, one step of clock drift
// either way, and no code accepted twice. Ten single-use recovery codes, stored hashed.

const STEP_SECONDS = 30;
const DIGITS = 6;
const RECOVERY_CODES = 10;

const sha256 = (value: string) => createHash("sha256").update(value).digest("hex");

function currentStep(now = Date.now()) {
  return Math.floor(now / 1000 / STEP_SECONDS);
}

/** The step a code belongs to (this one, the one before or after, for clock drift), or null. */
function matchingStep(key: Uint8Array, code: string): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const now = currentStep();
  for (const step of [now, now - 1, now + 1]) {
    // A TOTP code is the HOTP code of the time step (RFC 6238).
    const expected = generateHOTP(key, BigInt(step), DIGITS);
    if (timingSafeEqual(Buffer.from(expected), Buffer.from(code))) return step;
  }
  return null;
}

/**
 * A new secret to scan; not active until a code from it is confirmed. Outside the
 * mutation pipeline: it only parks the sealed secret on the user's row, which changes
 * nothing the account accepts, so there is nothing to audit until confirmTwoFactorSetup.
 * Replacing an authenticator that is on needs the password too, counted like a sign-in:
 * otherwise a borrowed session could move the second factor to the borrower's phone.
 */
export async function beginTwoFactorSetup(actor: UserActor, input: Record<string, unknown> = {}, client: ThrottleClient = { address: "" }): Promise<TwoFactorSetup> {
  authorize(actor, "self");
  const user = await db().user.findUniqueOrThrow({ where: { id: actor.id }, select: { totpSecret: true, passwordHash: true } });
  if (user.totpSecret) {
    const { password } = parseInput(beginTwoFactorSchema, input);
    const now = new Date();
    const attempt = await takeAttempt(throttleCounters(actor.email, actor.id, client), now);
    if (attempt.lockedUntil) throw new MutationError("rate_limited", `Too many wrong passwords. Try again in ${minutesUntil(attempt.lockedUntil, now)} minutes.`);
    if (!password || !(await verify(user.passwordHash, password))) {
      const locked = await attemptFailed(attempt, now);
      if (locked) throw new MutationError("rate_limited", `Too many wrong passwords. Try again in ${minutesUntil(locked, now)} minutes.`);
      throw new MutationError("invalid", CHECK_FIELDS, { password: "Enter your current password to replace your authenticator." });
    }
    await attemptSucceeded(attempt, { forgive: true });
  }
  const key = randomBytes(20);
  const secret = encodeBase32NoPadding(key);
  const settings = await db().pageSettings.findUnique({ where: { id: 1 }, select: { name: true } });
  await db().user.update({ where: { id: actor.id }, data: { totpPendingSecret: await seal(secret) } });
  const uri = createTOTPKeyURI(settings?.name ?? "Herald", actor.email, key, STEP_SECONDS, DIGITS);
  return { secret, uri, qrSvg: await QRCode.toString(uri, { type: "svg", margin: 1 }) };
}

/** Turns two-factor on with a code from the new secret, and returns recovery codes to show once. */
export const confirmTwoFactorSetup = mutation(
  // The code is not sent back on a refusal.
  { role: "self", schema: confirmTwoFactorSchema, audit: "user", values: false },
  async ({ tx, actor, data, audit }) => {
    const user = await tx.user.findUniqueOrThrow({ where: { id: actor.id } });
    if (!user.totpPendingSecret) throw new MutationError("conflict", "Start the set-up again: no new secret is waiting.");
    const step = matchingStep(decodeBase32IgnorePadding(await unseal(user.totpPendingSecret)), data.code.replace(/\s/g, ""));
    if (step === null) throw new MutationError("invalid", "That code does not match. Check the time on your phone and try the newest code.");
    const recoveryCodes = Array.from({ length: RECOVERY_CODES }, () => encodeBase32LowerCaseNoPadding(randomBytes(8)).replace(/(.{5})(?=.)/g, "$1-"));
    await tx.user.update({ where: { id: actor.id }, data: { totpSecret: user.totpPendingSecret, totpPendingSecret: null, totpLastStep: step } });
    await tx.recoveryCode.deleteMany({ where: { userId: actor.id } });
    await tx.recoveryCode.createMany({ data: recoveryCodes.map((recovery) => ({ userId: actor.id, codeHash: sha256(recovery) })) });
    // Other sessions signed in without the second factor end now.
    await tx.session.deleteMany({ where: { userId: actor.id, id: { not: actor.sessionId } } });
    await tx.session.update({ where: { id: actor.sessionId }, data: { twoFactorVerified: true } });
    await audit({ action: "two_factor_enabled", entityId: actor.id });
    return { recoveryCodes };
  },
);

export type VerifyResult = { ok: true } | { ok: false; error: string; status: 401 | 429 };

/**
 * The second step of signing in: a current code, or one unused recovery code. Wrong codes
 * count as failed sign-ins. Like sign-in, outside the mutation pipeline: the actor cannot
 * be authorised before the code, and the counts must outlive a refusal.
 */
export async function verifySecondFactor(actor: UserActor, input: string, client: ThrottleClient): Promise<VerifyResult> {
  const now = new Date();
  const attempt = await takeAttempt(throttleCounters(actor.email, actor.id, client), now);
  const locked = attempt.lockedUntil;
  if (locked) return { ok: false, status: 429, error: `Too many wrong codes. Try again in ${minutesUntil(locked, now)} minutes.` };
  const user = await db().user.findUniqueOrThrow({ where: { id: actor.id }, include: { recoveryCodes: { where: { usedAt: null } } } });
  const code = input.trim().toLowerCase();
  let accepted: { step?: number; recoveryId?: string } | null = null;
  if (user.totpSecret && /^\d{6}$/.test(code)) {
    const seed = await unseal(user.totpSecret).catch((error: unknown) => {
      if (error instanceof SealError) return null;
      throw error;
    });
    if (seed === null) {
      console.error(`two-factor: the seed of ${actor.email} cannot be opened with this server's secret key`);
      return { ok: false, status: 401, error: "Codes cannot be checked on this server right now (its secret key was changed). Use one of your recovery codes, or ask an owner to reset your two-factor." };
    }
    const step = matchingStep(decodeBase32IgnorePadding(seed), code);
    if (step !== null && step > (user.totpLastStep ?? -1)) accepted = { step };
  } else if (code.length <= 40) {
    const hashed = Buffer.from(sha256(code.replace(/\s/g, "")));
    const match = user.recoveryCodes.find((recovery) => timingSafeEqual(Buffer.from(recovery.codeHash), hashed));
    if (match) accepted = { recoveryId: match.id };
  }
  if (!accepted) {
    const nowLocked = await attemptFailed(attempt, now);
    if (nowLocked) return { ok: false, status: 429, error: `Too many wrong codes. Try again in ${minutesUntil(nowLocked, now)} minutes.` };
    return { ok: false, status: 401, error: "That code is not right, or it was already used." };
  }
  await writeTransaction(async (tx) => {
    if (accepted.step !== undefined) await tx.user.update({ where: { id: user.id }, data: { totpLastStep: accepted.step } });
    if (accepted.recoveryId) await tx.recoveryCode.update({ where: { id: accepted.recoveryId }, data: { usedAt: new Date() } });
    await tx.session.update({ where: { id: actor.sessionId }, data: { twoFactorVerified: true } });
    await attemptSucceeded(attempt, { forgive: true }, tx);
    await audit(tx, { actor, action: accepted.recoveryId ? "signed_in_with_recovery_code" : "signed_in", entityType: "user", entityId: user.id });
  });
  return { ok: true };
}

/** The owner's way out for someone who lost their phone: two-factor off, sessions ended. */
export const resetTwoFactor = mutation(
  { role: "owner", schema: resetTwoFactorSchema, audit: "user", invalid: "That user no longer exists." },
  async ({ tx, data: { userId }, audit }) => {
    const user = await tx.user.findUnique({ where: { id: userId } });
    if (!user) throw new MutationError("not_found", "That user no longer exists.");
    await tx.user.update({ where: { id: userId }, data: { totpSecret: null, totpPendingSecret: null, totpLastStep: null } });
    await tx.recoveryCode.deleteMany({ where: { userId } });
    await tx.session.deleteMany({ where: { userId } });
    await audit({ action: "two_factor_reset", entityId: userId, before: { twoFactor: user.totpSecret !== null }, after: { twoFactor: false } });
    return { message: `Two-factor is off for ${user.email}; they must set it up again.` };
  },
);
