import "server-only";
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { cookies } from "next/headers";
import { db } from "@/server/db";
import { seal, SealError, unseal } from "@/server/secret-box";
import { storedValue } from "@/server/secrets";
import { clientInfo, secureCookies } from "@/server/session";

// Device cookies (OWASP, "Slow down online guessing attacks with device cookies"): a
// browser that once signed in fully as a user carries `<userId>.<nonce>.<expires>.<hmac>`.
// Its wrong passwords and codes are counted and locked on its nonce alone, so guesses
// from elsewhere cannot lock the owner out of their own machine. The HMAC key is kept in
// the database sealed under the server's secret key: a copy of the database alone
// cannot mint trusted devices. The cookie opens nothing by itself; it only changes
// which counter a sign-in attempt goes to.

export const DEVICE_COOKIE = "herald_device";
/** Long, because an admin may sign in only when there is an incident (browsers cap cookies at 400 days). */
export const DEVICE_TRUST_MS = 365 * 24 * 60 * 60_000;
const KEY_NAME = "device-cookie-key";

export interface TrustedDevice {
  userId: string;
  nonce: string;
}

let cachedKey: Promise<Buffer | null> | undefined;

/** The signing key, or null when this server's secret key cannot open it (then no device is trusted). */
function deviceKey(): Promise<Buffer | null> {
  cachedKey ??= (async () => {
    const sealedFresh = await seal(randomBytes(32).toString("base64url"));
    return Buffer.from(await unseal(await storedValue(KEY_NAME, () => sealedFresh)), "base64url");
  })().catch((error: unknown) => {
    cachedKey = undefined;
    if (error instanceof SealError) return null;
    throw error;
  });
  return cachedKey;
}

/**
 * Signed over the user's password epoch too: changing the password (as after a suspected
 * theft) ends the trust every earlier cookie carried.
 */
function signature(key: Buffer, userId: string, epoch: number, nonce: string, expires: number): string {
  return createHmac("sha256", key).update(`device:${userId}:${epoch}:${nonce}:${expires}`).digest("base64url");
}

/** The user's password epoch, or null for an unknown or disabled user (whose browsers earn no trust). */
async function passwordEpoch(userId: string): Promise<number | null> {
  const user = await db().user.findUnique({ where: { id: userId }, select: { passwordChangedAt: true, disabled: true } });
  return user && !user.disabled ? user.passwordChangedAt.getTime() : null;
}

/** A new token trusting this browser for `userId`, with a fresh nonce; null when no key is available. */
export async function issueDeviceToken(userId: string, now = new Date()): Promise<string | null> {
  const [key, epoch] = await Promise.all([deviceKey(), passwordEpoch(userId)]);
  if (!key || epoch === null) return null;
  const nonce = randomBytes(16).toString("base64url");
  const expires = Math.floor((now.getTime() + DEVICE_TRUST_MS) / 1000);
  return `${userId}.${nonce}.${expires}.${signature(key, userId, epoch, nonce, expires)}`;
}

/** The device a token proves, or null when it is missing, malformed, expired or not signed by us. */
export async function trustedDevice(token: string | undefined, now = new Date()): Promise<TrustedDevice | null> {
  if (!token || token.length > 200) return null;
  const match = /^([A-Za-z0-9_-]{1,64})\.([A-Za-z0-9_-]{22})\.(\d{1,12})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!match) return null;
  const [, userId, nonce, expiresText, given] = match;
  const expires = Number(expiresText);
  if (expires * 1000 <= now.getTime()) return null;
  const [key, epoch] = await Promise.all([deviceKey(), passwordEpoch(userId)]);
  if (!key || epoch === null) return null;
  if (!timingSafeEqual(Buffer.from(signature(key, userId, epoch, nonce, expires)), Buffer.from(given))) return null;
  return { userId, nonce };
}

// --- the Next.js side -------------------------------------------------------------

/** The client as throttling counts it: its address, and its device when it proves one. */
export async function throttleClient() {
  const device = await trustedDevice((await cookies()).get(DEVICE_COOKIE)?.value);
  return { ...(await clientInfo()), device };
}

/** After a full sign-in (password, and the code when two-factor is on): trust this browser for the user. */
export async function rememberDevice(userId: string): Promise<void> {
  const token = await issueDeviceToken(userId);
  if (!token) return;
  // Secure on the same terms as the session cookie.
  (await cookies()).set(DEVICE_COOKIE, token, { httpOnly: true, sameSite: "lax", secure: await secureCookies(), path: "/admin", maxAge: DEVICE_TRUST_MS / 1000 });
}
