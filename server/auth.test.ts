import { beforeAll, describe, expect, it } from "vitest";
import { authorize, changePassword, createUser, ensureFirstOwner, signIn, signOut, THROTTLE, validateSession } from "@/server/auth";
import { db } from "@/server/db";
import { issueDeviceToken, trustedDevice } from "@/server/device-cookie";
import { addressKey } from "@/server/rate-limit";

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

  it("locks an account to the client that failed, with a clear message, while the right password from elsewhere still signs in", async () => {
    await createUser({ email: "target@example.com", password: PASSWORD, role: "owner" }, null);
    const guesser = { ...client, address: "198.51.100.7" };
    for (let attempt = 1; attempt < THROTTLE.lockAfter; attempt++) {
      expect(await signIn({ email: "target@example.com", password: `wrong-${attempt}` }, guesser)).toMatchObject({ ok: false, status: 401 });
    }
    const locked = await signIn({ email: "target@example.com", password: "wrong-last" }, guesser);
    expect(locked).toMatchObject({ ok: false, status: 429 });
    if (!locked.ok) expect(locked.error).toMatch(/^Too many failed sign-ins\. Try again in \d+ minutes\.$/);
    // A locked client is refused even the right password…
    expect(await signIn({ email: "target@example.com", password: PASSWORD }, guesser)).toMatchObject({ ok: false, status: 429, error: expect.stringMatching(/^Too many failed sign-ins/) });
    // …but the real owner of the account, from their own address, is not locked out.
    expect(await signIn({ email: "target@example.com", password: PASSWORD }, { ...client, address: "198.51.100.8" })).toMatchObject({ ok: true });
  }, 60_000);

  it("counts IPv6 clients by their /64, so changing address within it does not reset the count", async () => {
    expect(addressKey("2001:db8:1:2::a")).toBe("2001:db8:1:2::/64");
    expect(addressKey("2001:0DB8:0001:0002:ffff:0:0:1")).toBe("2001:db8:1:2::/64");
    expect(addressKey("::ffff:192.0.2.1")).toBe("192.0.2.1");
    expect(addressKey("")).toBe("unknown");
    await createUser({ email: "six@example.com", password: PASSWORD, role: "editor" }, null);
    for (let attempt = 1; attempt <= THROTTLE.lockAfter; attempt++) {
      await signIn({ email: "six@example.com", password: `wrong-${attempt}` }, { ...client, address: `2001:db8:1:2::${attempt}` });
    }
    expect(await signIn({ email: "six@example.com", password: PASSWORD }, { ...client, address: "2001:db8:1:2::99" })).toMatchObject({ ok: false, status: 429 });
    expect(await signIn({ email: "six@example.com", password: PASSWORD }, { ...client, address: "2001:db8:1:3::1" })).toMatchObject({ ok: true });
  }, 60_000);

  it("counts a parallel burst from one client before checking any of it: five guesses are checked, and the burst adds no more than five to the account", async () => {
    await createUser({ email: "race@example.com", password: PASSWORD, role: "editor" }, null);
    const here = { ...client, address: "198.51.100.9" };
    const answers = await Promise.all(Array.from({ length: 40 }, (_, index) => signIn({ email: "race@example.com", password: index === 11 ? PASSWORD : `guess-${index}` }, here)));
    const checked = answers.filter((answer) => answer.ok || answer.status === 401);
    expect(checked.length).toBeLessThanOrEqual(THROTTLE.lockAfter);
    expect(answers.filter((answer) => !answer.ok && answer.status === 429)).toHaveLength(40 - checked.length);
    expect((await db().loginThrottle.findUniqueOrThrow({ where: { key: "account:race@example.com" } })).failures).toBeLessThanOrEqual(THROTTLE.lockAfter);
    // Change password: the same for wrong current passwords sent at once.
    const signedIn = await signIn({ email: "race@example.com", password: PASSWORD }, { ...client, address: "198.51.100.10" });
    if (!signedIn.ok) throw new Error("expected a sign-in from another address");
    const elsewhere = { ...client, address: "198.51.100.11" };
    const changes = await Promise.all(Array.from({ length: 30 }, (_, index) => changePassword(signedIn.actor, { currentPassword: `nope-${index}`, newPassword: "a-new-passphrase-long-enough", confirmPassword: "a-new-passphrase-long-enough" }, elsewhere)));
    expect(changes.filter((change) => !change.ok && change.fieldErrors?.currentPassword).length).toBeLessThanOrEqual(THROTTLE.lockAfter);
  }, 60_000);

  it("still stops guessing spread over many addresses, counting every guess of a parallel burst", async () => {
    await createUser({ email: "burst@example.com", password: PASSWORD, role: "editor" }, null);
    const wrong = (index: number, address: string) => signIn({ email: "burst@example.com", password: `guess-${index}` }, { ...client, address });
    // One address gets its five tries, and the account is still open to everyone else…
    for (let attempt = 1; attempt <= THROTTLE.lockAfter; attempt++) await wrong(attempt, "203.0.113.200");
    expect(await wrong(0, "203.0.113.200")).toMatchObject({ ok: false, status: 429 });
    expect(await signIn({ email: "burst@example.com", password: PASSWORD }, { ...client, address: "203.0.113.201" })).toMatchObject({ ok: true });
    // …until untrusted clients together reach the account's limit (30): a parallel burst from as many addresses cannot slip under it.
    const burst = 30;
    const answers = await Promise.all(Array.from({ length: burst }, (_, index) => wrong(index, `203.0.113.${index + 1}`)));
    expect(answers.every((result) => !result.ok)).toBe(true);
    expect((await db().loginThrottle.findUniqueOrThrow({ where: { key: "account:burst@example.com" } })).failures).toBe(5 + burst);
    expect(await signIn({ email: "burst@example.com", password: PASSWORD }, { ...client, address: "203.0.113.250" })).toMatchObject({
      ok: false,
      status: 429,
      error: expect.stringMatching(/^Too many failed sign-ins/),
    });
  }, 60_000);

  it("lets a browser with the account's device cookie in while the account is locked to untrusted clients, and locks that browser on its own", async () => {
    const trusted = await createUser({ email: "trusted@example.com", password: PASSWORD, role: "editor" }, null);
    const other = await createUser({ email: "other@example.com", password: PASSWORD, role: "editor" }, null);
    const home = { ...client, address: "192.0.2.50" };
    expect(await signIn({ email: "trusted@example.com", password: PASSWORD }, home)).toMatchObject({ ok: true });
    // The cookie an earlier good sign-in left, as the sign-in action issues it.
    const device = await trustedDevice((await issueDeviceToken(trusted.id))!);
    expect(device).toMatchObject({ userId: trusted.id });
    // Guesses from 6 addresses × 5 lock the account to every client without the cookie, the owner's own address included.
    await Promise.all(
      Array.from({ length: 6 }, async (_, net) => {
        for (let attempt = 1; attempt <= THROTTLE.lockAfter; attempt++) await signIn({ email: "trusted@example.com", password: `guess-${attempt}` }, { ...client, address: `100.64.${net}.1` });
      }),
    );
    expect(await signIn({ email: "trusted@example.com", password: PASSWORD }, home)).toMatchObject({ ok: false, status: 429 });
    expect(await signIn({ email: "trusted@example.com", password: PASSWORD }, { ...home, device })).toMatchObject({ ok: true });
    // A cookie of another account, or a forged one, earns no trust.
    const othersDevice = await trustedDevice((await issueDeviceToken(other.id))!);
    expect(await signIn({ email: "trusted@example.com", password: PASSWORD }, { ...home, device: othersDevice })).toMatchObject({ ok: false, status: 429 });
    const token = (await issueDeviceToken(trusted.id))!;
    expect(await trustedDevice(`${other.id}${token.slice(trusted.id.length)}`)).toBeNull();
    expect(await trustedDevice(token.replace(/\.(\d+)\./, (_, expires) => `.${Number(expires) + 1}.`))).toBeNull();
    expect(await trustedDevice(token, new Date(Date.now() + 400 * 24 * 60 * 60_000))).toBeNull();
    // Guessing from a trusted browser is throttled too, on its own counter.
    for (let attempt = 1; attempt <= THROTTLE.lockAfter; attempt++) await signIn({ email: "trusted@example.com", password: `wrong-${attempt}` }, { ...home, device });
    expect(await signIn({ email: "trusted@example.com", password: PASSWORD }, { ...home, device })).toMatchObject({ ok: false, status: 429 });
    const fresh = await trustedDevice((await issueDeviceToken(trusted.id))!);
    expect(await signIn({ email: "trusted@example.com", password: PASSWORD }, { ...home, device: fresh })).toMatchObject({ ok: true });
    // A password change (say, after a stolen laptop) or disabling the user ends every earlier cookie's trust.
    const beforeChange = (await issueDeviceToken(trusted.id))!;
    expect(await trustedDevice(beforeChange)).not.toBeNull();
    await db().user.update({ where: { id: trusted.id }, data: { passwordChangedAt: new Date() } });
    expect(await trustedDevice(beforeChange)).toBeNull();
    const afterChange = (await issueDeviceToken(trusted.id))!;
    await db().user.update({ where: { id: trusted.id }, data: { disabled: true } });
    expect(await trustedDevice(afterChange)).toBeNull();
    expect(await issueDeviceToken(trusted.id)).toBeNull();
  }, 60_000);

  it("locks a client address after thirty failures over any accounts, except for browsers with a device cookie", async () => {
    const owner = await db().user.findUniqueOrThrow({ where: { email: "owner@example.com" } });
    const shared = { ...client, address: "192.0.2.77" };
    await Promise.all(
      Array.from({ length: 6 }, async (_, index) => {
        for (let attempt = 1; attempt <= THROTTLE.lockAfter; attempt++) await signIn({ email: `nobody-${index}@example.com`, password: `guess-${attempt}` }, shared);
      }),
    );
    expect(await signIn({ email: "owner@example.com", password: PASSWORD }, shared)).toMatchObject({ ok: false, status: 429 });
    expect(await signIn({ email: "owner@example.com", password: PASSWORD }, { ...shared, address: "192.0.2.78" })).toMatchObject({ ok: true });
    const device = await trustedDevice((await issueDeviceToken(owner.id))!);
    expect(await signIn({ email: "owner@example.com", password: PASSWORD }, { ...shared, device })).toMatchObject({ ok: true });
  }, 60_000);

  it("counts wrong current passwords in change password as failed sign-ins, and refuses even the right one once locked", async () => {
    await createUser({ email: "changer@example.com", password: PASSWORD, role: "editor" }, null);
    const here = { ...client, address: "192.0.2.60" };
    const session = await signIn({ email: "changer@example.com", password: PASSWORD }, here);
    if (!session.ok) throw new Error(session.error);
    const actor = (await validateSession(session.token))!;
    const NEW = "pelican-granite-lantern-ninety";
    const change = (currentPassword: string) => changePassword(actor, { currentPassword, newPassword: NEW, confirmPassword: NEW }, here);
    for (let attempt = 1; attempt < THROTTLE.lockAfter; attempt++) {
      expect(await change(`wrong-${attempt}`)).toMatchObject({ ok: false, fieldErrors: { currentPassword: "That is not your current password." } });
    }
    expect(await change("wrong-last")).toEqual({ ok: false, error: expect.stringMatching(/^Too many wrong passwords\. Try again in \d+ minutes\.$/) });
    expect(await change(PASSWORD)).toEqual({ ok: false, error: expect.stringMatching(/^Too many wrong passwords\. Try again in \d+ minutes\.$/) });
    // The same throttle as sign-in: that client cannot sign in either, and the password was not changed.
    expect(await signIn({ email: "changer@example.com", password: PASSWORD }, here)).toMatchObject({ ok: false, status: 429 });
    expect(await signIn({ email: "changer@example.com", password: PASSWORD }, { ...here, address: "192.0.2.61" })).toMatchObject({ ok: true });
  }, 60_000);

  it("changes a password only with the current one, and ends the other sessions", async () => {
    const here = await signIn({ email: "owner@example.com", password: PASSWORD }, client);
    const elsewhere = await signIn({ email: "owner@example.com", password: PASSWORD }, client);
    if (!here.ok || !elsewhere.ok) throw new Error("sign-in failed");
    const actor = (await validateSession(here.token))!;
    const NEW = "pelican-granite-lantern-ninety";
    expect(await changePassword(actor, { currentPassword: "wrong", newPassword: NEW, confirmPassword: NEW }, client)).toMatchObject({ ok: false, fieldErrors: { currentPassword: "That is not your current password." } });
    expect(await changePassword(actor, { currentPassword: PASSWORD, newPassword: "password1234", confirmPassword: "password1234" }, client)).toMatchObject({ ok: false, fieldErrors: { newPassword: expect.stringMatching(/too common/) } });
    expect(await changePassword(actor, { currentPassword: PASSWORD, newPassword: NEW, confirmPassword: `${NEW}x` }, client)).toMatchObject({ ok: false, fieldErrors: { confirmPassword: "The two new passwords differ." } });
    expect(await changePassword(actor, { currentPassword: PASSWORD, newPassword: NEW, confirmPassword: NEW }, client)).toMatchObject({ ok: true });
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
