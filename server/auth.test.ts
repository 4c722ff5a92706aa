import { beforeAll, describe, expect, it } from "vitest";
import { authorize, changePassword, createUser, ensureFirstOwner, signIn, signOut, THROTTLE, validateSession } from "@/server/auth";
import { db } from "@/server/db";

const client = { address: "192.0.2.10", userAgent: "test" };
const PASSWORD = "violet-harbour-tractor-seventeen";

describe("sign-in and sessions", () => {
  beforeAll(async () => {
    expect(await ensureFirstOwner(undefined, undefined)).toBe("missing");
    expect(await ensureFirstOwner("Owner@Example.com", PASSWORD)).toBe("created");
    expect(await ensureFirstOwner("someone@example.com", PASSWORD)).toBe("exists");
    await createUser({ email: "editor@example.com", password: PASSWORD, role: "editor" }, null);
  });

  it("stores argon2id hashes, never the password", async () => {
    const owner = await db().user.findUniqueOrThrow({ where: { email: "owner@example.com" } });
    expect(owner.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(owner.role).toBe("owner");
  });

  it("refuses weak passwords and unknown roles", async () => {
    await expect(createUser({ email: "weak@example.com", password: "password123456", role: "editor" }, null)).rejects.toThrow(/too common/);
    await expect(createUser({ email: "x@example.com", password: PASSWORD, role: "root" as never }, null)).rejects.toThrow(/Unknown role/);
  });

  it("gives the same answer for a wrong password and an unknown email", async () => {
    const wrong = await signIn({ email: "owner@example.com", password: "not-the-password" }, { ...client, address: "192.0.2.11" });
    const unknown = await signIn({ email: "nobody@example.com", password: "not-the-password" }, { ...client, address: "192.0.2.11" });
    expect(wrong).toEqual({ ok: false, status: 401, error: "Email or password is incorrect." });
    expect(unknown).toEqual(wrong);
  });

  it("explains malformed input without touching the database", async () => {
    const result = await signIn({ email: "not an email", password: "" }, client);
    expect(result).toMatchObject({ ok: false, status: 400, fieldErrors: { email: "Enter a valid email address.", password: "Enter your password." } });
  });

  it("opens a fresh session per sign-in and closes it at sign-out", async () => {
    const first = await signIn({ email: "OWNER@example.com ", password: PASSWORD }, client);
    const second = await signIn({ email: "owner@example.com", password: PASSWORD }, client);
    if (!first.ok || !second.ok) throw new Error("sign-in failed");
    expect(first.token).not.toBe(second.token);
    // Only the token's hash is stored.
    expect(await db().session.count({ where: { id: first.token } })).toBe(0);
    const actor = (await validateSession(first.token))!;
    expect(actor).toMatchObject({ email: "owner@example.com", role: "owner" });
    await signOut(actor);
    expect(await validateSession(first.token)).toBeNull();
    expect(await validateSession(second.token)).not.toBeNull();
  });

  it("ends idle sessions, and every session of a disabled user or after a password change", async () => {
    const result = await signIn({ email: "editor@example.com", password: PASSWORD }, client);
    if (!result.ok) throw new Error("sign-in failed");
    await db().session.update({ where: { id: result.actor.sessionId }, data: { lastSeenAt: new Date(Date.now() - 31 * 60_000) } });
    expect(await validateSession(result.token)).toBeNull();

    const again = await signIn({ email: "editor@example.com", password: PASSWORD }, client);
    if (!again.ok) throw new Error("sign-in failed");
    await db().user.update({ where: { email: "editor@example.com" }, data: { passwordChangedAt: new Date(Date.now() + 1000) } });
    expect(await validateSession(again.token)).toBeNull();
    await db().user.update({ where: { email: "editor@example.com" }, data: { passwordChangedAt: new Date(0), disabled: true } });
    const disabled = await signIn({ email: "editor@example.com", password: PASSWORD }, client);
    expect(disabled).toMatchObject({ ok: false, error: "Email or password is incorrect." });
    await db().user.update({ where: { email: "editor@example.com" }, data: { disabled: false } });
  });

  it("locks an account after repeated failures, with a clear message, even for the right password", async () => {
    const address = { ...client, address: "198.51.100.7" };
    for (let attempt = 1; attempt < THROTTLE.lockAfter; attempt++) {
      expect((await signIn({ email: "editor@example.com", password: `wrong-${attempt}` }, address)).ok).toBe(false);
    }
    const locked = await signIn({ email: "editor@example.com", password: "wrong-last" }, address);
    expect(locked).toMatchObject({ ok: false, status: 429 });
    if (!locked.ok) expect(locked.error).toMatch(/^Too many failed sign-ins\. Try again in \d+ minutes\.$/);
    expect(await signIn({ email: "editor@example.com", password: PASSWORD }, client)).toMatchObject({ ok: false, status: 429 });
  }, 60_000);

  it("counts every guess of a parallel burst, so a burst cannot slip under the lock", async () => {
    await createUser({ email: "burst@example.com", password: PASSWORD, role: "editor" }, null);
    const guesses = Array.from({ length: 12 }, (_, index) => signIn({ email: "burst@example.com", password: `guess-${index}` }, { ...client, address: `203.0.113.${index + 1}` }));
    expect((await Promise.all(guesses)).every((result) => !result.ok)).toBe(true);
    expect((await db().loginThrottle.findUniqueOrThrow({ where: { key: "account:burst@example.com" } })).failures).toBe(12);
    expect(await signIn({ email: "burst@example.com", password: PASSWORD }, { ...client, address: "203.0.113.99" })).toMatchObject({ ok: false, status: 429 });
  }, 60_000);

  it("changes a password only with the current one, and ends the other sessions", async () => {
    const here = await signIn({ email: "owner@example.com", password: PASSWORD }, client);
    const elsewhere = await signIn({ email: "owner@example.com", password: PASSWORD }, client);
    if (!here.ok || !elsewhere.ok) throw new Error("sign-in failed");
    const actor = (await validateSession(here.token))!;
    const NEW = "pelican-granite-lantern-ninety";
    expect(await changePassword(actor, { currentPassword: "wrong", newPassword: NEW, confirmPassword: NEW })).toMatchObject({ ok: false, fieldErrors: { currentPassword: "That is not your current password." } });
    expect(await changePassword(actor, { currentPassword: PASSWORD, newPassword: "password1234", confirmPassword: "password1234" })).toMatchObject({ ok: false, fieldErrors: { newPassword: expect.stringMatching(/too common/) } });
    expect(await changePassword(actor, { currentPassword: PASSWORD, newPassword: NEW, confirmPassword: `${NEW}x` })).toMatchObject({ ok: false, fieldErrors: { confirmPassword: "The two new passwords differ." } });
    expect(await changePassword(actor, { currentPassword: PASSWORD, newPassword: NEW, confirmPassword: NEW })).toMatchObject({ ok: true });
    expect(await validateSession(here.token)).not.toBeNull();
    expect(await validateSession(elsewhere.token)).toBeNull();
    expect((await signIn({ email: "owner@example.com", password: NEW }, client)).ok).toBe(true);
    expect((await signIn({ email: "owner@example.com", password: PASSWORD }, { ...client, address: "192.0.2.99" })).ok).toBe(false);
  });

  it("checks roles on the server", () => {
    const editor = { id: "u", email: "e", name: "", role: "editor" as const, sessionId: "s" };
    expect(() => authorize(null, "editor")).toThrow(/session has ended/);
    expect(() => authorize(editor, "admin")).toThrow(/needs the admin role/);
    expect(authorize(editor, "editor")).toBe(editor);
  });
});
