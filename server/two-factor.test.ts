import { decodeBase32IgnorePadding } from "@oslojs/encoding";
import { generateHOTP } from "@oslojs/otp";
import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/views/actor";
import { authorize, createUser, signIn, THROTTLE, validateSession } from "@/server/auth";
import { db } from "@/server/db";
import { issueDeviceToken, trustedDevice } from "@/server/device-cookie";
import { sealWith } from "@/server/secret-box";
import { beginTwoFactorSetup, confirmTwoFactorSetup, resetTwoFactor, verifySecondFactor } from "@/server/two-factor";
import { addUser, changeUser, listUsers, setRequireTwoFactor } from "@/server/users";

const PASSWORD = "violet-harbour-tractor-seventeen";
const client = { address: "192.0.2.20", userAgent: "test" };
const codeFor = (secret: string, offsetSteps = 0) => generateHOTP(decodeBase32IgnorePadding(secret), BigInt(Math.floor(Date.now() / 30_000) + offsetSteps), 6);

async function signedIn(email: string) {
  const result = await signIn({ email, password: PASSWORD }, client);
  if (!result.ok) throw new Error(result.error);
  return { token: result.token, actor: (await validateSession(result.token))! };
}

describe("two-factor authentication", () => {
  let secret: string;
  let recoveryCodes: string[];

  beforeAll(async () => {
    await db().pageSettings.create({ data: { id: 1, name: "Example", url: "https://status.example.com", timeZone: "UTC" } });
    await createUser({ email: "owner@example.com", password: PASSWORD, role: "owner" }, null);
    await createUser({ email: "ops@example.com", password: PASSWORD, role: "editor" }, null);
  });

  it("turns on only after a code from the new secret, and hands out recovery codes", async () => {
    const { actor } = await signedIn("ops@example.com");
    const setup = await beginTwoFactorSetup(actor);
    secret = setup.secret;
    expect(setup.uri).toMatch(/^otpauth:\/\/totp\/Example:ops%40example\.com\?/);
    expect(setup.qrSvg).toContain("<svg");
    expect(await confirmTwoFactorSetup(actor, { code: "000000" })).toMatchObject({ ok: false });
    const confirmed = await confirmTwoFactorSetup(actor, { code: codeFor(secret) });
    if (!confirmed.ok) throw new Error(confirmed.error);
    recoveryCodes = confirmed.recoveryCodes;
    expect(recoveryCodes).toHaveLength(10);
    const stored = await db().recoveryCode.findMany({ where: { userId: actor.id } });
    expect(stored.map((row) => row.codeHash)).not.toContain(recoveryCodes[0]);
    // The seed is kept sealed: a copy of the database alone does not give the codes.
    const { totpSecret } = await db().user.findUniqueOrThrow({ where: { id: actor.id } });
    expect(totpSecret).toMatch(/^sealed:v1:/);
    expect(totpSecret).not.toContain(secret);
  });

  it("replaces an authenticator that is on only with the password, counted like a sign-in", async () => {
    const pending = await signedIn("ops@example.com");
    // Past the second factor, as after a good code.
    await db().session.update({ where: { id: pending.actor.sessionId }, data: { twoFactorVerified: true } });
    const actor = (await validateSession(pending.token))!;
    const before = await db().user.findUniqueOrThrow({ where: { id: actor.id } });
    // A session alone (borrowed, stolen) cannot start moving the second factor elsewhere.
    await expect(beginTwoFactorSetup(actor)).rejects.toMatchObject({ code: "invalid", fieldErrors: { password: "Enter your current password to replace your authenticator." } });
    await expect(beginTwoFactorSetup(actor, { password: "not-the-password" }, { address: "198.51.100.40" })).rejects.toMatchObject({ code: "invalid" });
    expect(await db().user.findUniqueOrThrow({ where: { id: actor.id } })).toMatchObject({ totpPendingSecret: before.totpPendingSecret, totpSecret: before.totpSecret });
    expect((await db().loginThrottle.findUnique({ where: { key: "account:ops@example.com|address:198.51.100.40" } }))?.failures).toBe(1);
    const setup = await beginTwoFactorSetup(actor, { password: PASSWORD }, { address: "198.51.100.40" });
    expect(setup.secret).toMatch(/^[A-Z2-7]+$/);
    // Nothing changes until a code from the new secret confirms it; the old one stays in force.
    expect((await db().user.findUniqueOrThrow({ where: { id: actor.id } })).totpSecret).toBe(before.totpSecret);
    await db().user.update({ where: { id: actor.id }, data: { totpPendingSecret: null } });
  });

  it("asks for the code after the password, and nothing is allowed before it", async () => {
    const result = await signIn({ email: "ops@example.com", password: PASSWORD }, client);
    if (!result.ok) throw new Error(result.error);
    expect(result.needsSecondFactor).toBe(true);
    const pending = (await validateSession(result.token))!;
    expect(pending.twoFactorPending).toBe(true);
    expect(() => authorize(pending, "editor")).toThrow(/two-factor code first/);

    // The code of the step just used at set-up cannot be used again.
    expect(await verifySecondFactor(pending, codeFor(secret), client)).toMatchObject({ ok: false });
    expect(await verifySecondFactor(pending, codeFor(secret, 1), client)).toEqual({ ok: true });
    expect(authorize((await validateSession(result.token))!, "editor").email).toBe("ops@example.com");
  });

  it("accepts each recovery code once", async () => {
    const { actor } = await signedIn("ops@example.com");
    expect(await verifySecondFactor(actor, recoveryCodes[0].toUpperCase(), client)).toEqual({ ok: true });
    const again = await signedIn("ops@example.com");
    expect(await verifySecondFactor(again.actor, recoveryCodes[0], client)).toMatchObject({ ok: false, error: "That code is not right, or it was already used." });
  });

  it("when the server's key cannot open the seed, says to use a recovery code, which still works", async () => {
    const { actor } = await signedIn("ops@example.com");
    const { totpSecret } = await db().user.findUniqueOrThrow({ where: { id: actor.id } });
    await db().user.update({ where: { id: actor.id }, data: { totpSecret: sealWith(randomBytes(32), secret) } });
    expect(await verifySecondFactor(actor, codeFor(secret), client)).toEqual({ ok: false, status: 401, error: expect.stringMatching(/^Codes cannot be checked on this server right now .* Use one of your recovery codes/) });
    expect(await verifySecondFactor(actor, recoveryCodes[1], client)).toEqual({ ok: true });
    await db().user.update({ where: { id: actor.id }, data: { totpSecret } });
  });

  it("counts wrong codes like wrong passwords: they lock the client that sent them, not the user's own sign-in elsewhere", async () => {
    const guesser = { ...client, address: "198.51.100.30" };
    const pending = await signIn({ email: "ops@example.com", password: PASSWORD }, guesser);
    if (!pending.ok) throw new Error(pending.error);
    const actor = (await validateSession(pending.token))!;
    for (let attempt = 1; attempt < THROTTLE.lockAfter; attempt++) {
      expect(await verifySecondFactor(actor, `wrong-code-${attempt}`, guesser)).toEqual({ ok: false, status: 401, error: "That code is not right, or it was already used." });
    }
    const locked = { ok: false, status: 429, error: expect.stringMatching(/^Too many wrong codes\. Try again in \d+ minutes\.$/) };
    expect(await verifySecondFactor(actor, "wrong-code-last", guesser)).toEqual(locked);
    // Locked means locked: a right code is refused too, and so is the password from that client.
    expect(await verifySecondFactor(actor, recoveryCodes[2], guesser)).toEqual(locked);
    expect(await signIn({ email: "ops@example.com", password: PASSWORD }, guesser)).toMatchObject({ ok: false, status: 429 });
    // The user, from their own address, signs in with password and code.
    const own = { ...client, address: "198.51.100.31" };
    const mine = await signIn({ email: "ops@example.com", password: PASSWORD }, own);
    if (!mine.ok) throw new Error(mine.error);
    expect(await verifySecondFactor((await validateSession(mine.token))!, recoveryCodes[2], own)).toEqual({ ok: true });
    // A browser with the user's device cookie is counted on its own, even at the locked address.
    const device = await trustedDevice((await issueDeviceToken(actor.id))!);
    const trusted = await signIn({ email: "ops@example.com", password: PASSWORD }, { ...guesser, device });
    if (!trusted.ok) throw new Error(trusted.error);
    expect(await verifySecondFactor((await validateSession(trusted.token))!, recoveryCodes[3], { ...guesser, device })).toEqual({ ok: true });
  }, 60_000);

  it("lets the owner reset it, ending the user's sessions; no one else may", async () => {
    const owner = (await signedIn("owner@example.com")).actor;
    const editor = await signedIn("ops@example.com");
    await expect(resetTwoFactor(editor.actor, { userId: editor.actor.id })).rejects.toThrow();
    expect(await resetTwoFactor(owner, { userId: editor.actor.id })).toMatchObject({ ok: true });
    expect(await validateSession(editor.token)).toBeNull();
    expect((await signIn({ email: "ops@example.com", password: PASSWORD }, client)) as { needsSecondFactor?: boolean }).toMatchObject({ needsSecondFactor: false });
  });

  it("can be required of everyone by the owner", async () => {
    const owner = (await signedIn("owner@example.com")).actor;
    await setRequireTwoFactor(owner, { required: true });
    const editor = await signedIn("ops@example.com");
    expect(editor.actor.mustSetUpTwoFactor).toBe(true);
    expect(() => authorize(editor.actor, "editor")).toThrow(/Set up two-factor/);
    await setRequireTwoFactor(owner, { required: false });
  });
});

describe("user management", () => {
  let owner: Actor;

  beforeAll(async () => {
    owner = (await signedIn("owner@example.com")).actor;
  });

  it("adds users with a generated password and refuses duplicates", async () => {
    const added = await addUser(owner, { email: "New.Admin@Example.com", role: "admin", name: "New admin" });
    expect(added.ok).toBe(true);
    const login = await signIn({ email: "new.admin@example.com", password: added.password! }, client);
    expect(login.ok).toBe(true);
    expect(await addUser(owner, { email: "new.admin@example.com", role: "admin" })).toMatchObject({ ok: false, fieldErrors: { email: "Someone already has this email address." } });
    expect(await addUser(owner, { email: "x@example.com", role: "god" })).toMatchObject({ ok: false, fieldErrors: { role: "Choose a role." } });
  });

  it("disables a user and ends their sessions at once", async () => {
    const editor = await signedIn("ops@example.com");
    expect(await changeUser(owner, { userId: editor.actor.id, disabled: "true" })).toMatchObject({ ok: true });
    expect(await validateSession(editor.token)).toBeNull();
    expect((await signIn({ email: "ops@example.com", password: PASSWORD }, client)).ok).toBe(false);
    await changeUser(owner, { userId: editor.actor.id, disabled: "false", role: "admin" });
    expect((await listUsers(owner)).find((user) => user.email === "ops@example.com")).toMatchObject({ role: "admin", disabled: false });
  });

  it("is the owner's alone, and an owner cannot lock themselves out", async () => {
    const editor = (await signedIn("ops@example.com")).actor;
    await expect(listUsers(editor)).rejects.toThrow(/owner role/);
    await expect(addUser(editor, { email: "y@example.com", role: "owner" })).rejects.toThrow(/owner role/);
    expect(await changeUser(owner, { userId: owner.id, disabled: "true" })).toMatchObject({ ok: false });
  });
});
