import { beforeAll, describe, expect, it } from "vitest";
import type { ApiKeyActor, UserActor } from "@/lib/views/actor";
import { API_KEY_PREFIX, authenticateApiKey, createApiKeyRow, hashApiKey, issueApiKey, listApiKeys, revokeApiKey } from "@/server/api-keys";
import { listAudit } from "@/server/audit";
import { db } from "@/server/db";

// Keys for the write API: issued by a person, stored hashed, working with their role until
// revoked or expired, every change audited.

let owner: UserActor;
let admin: UserActor;
let editor: UserActor;

async function person(email: string, role: UserActor["role"]): Promise<UserActor> {
  const user = await db().user.create({ data: { email, role, passwordHash: "x" } });
  return { kind: "user", id: user.id, email, name: "", role, sessionId: `session-${role}` };
}

/** Issues a key that must be accepted; its key and id. */
async function issued(actor: UserActor, input: Record<string, unknown>) {
  const result = await issueApiKey(actor, input);
  if (!result.ok) throw new Error(`Refused: ${result.error} ${JSON.stringify(result.fieldErrors)}`);
  return { key: result.key, id: result.apiKeyId, message: result.message };
}

beforeAll(async () => {
  owner = await person("owner@example.com", "owner");
  admin = await person("admin@example.com", "admin");
  editor = await person("editor@example.com", "editor");
});

describe("issuing a key", () => {
  it("gives an owner a key that acts with its role and name, stored only as its hash", async () => {
    const { key, id, message } = await issued(owner, { name: "Deploy bot", role: "editor", expiresInDays: "" });
    expect(key).toMatch(new RegExp(`^${API_KEY_PREFIX}[a-z2-7]{52}$`));
    expect(message).toBe("Created the API key “Deploy bot” (editor, never expires). Copy it now: you will not see it again.");
    expect(await authenticateApiKey(key, "192.0.2.1")).toEqual({ kind: "api_key", id, name: "Deploy bot", role: "editor" });

    const row = await db().apiKey.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ name: "Deploy bot", role: "editor", prefix: key.slice(0, 12), hash: hashApiKey(key), createdById: owner.id, expiresAt: null, revokedAt: null });
    expect(hashApiKey(key)).toMatch(/^[0-9a-f]{64}$/);
    // The key itself is nowhere: not in its row, not in the audit log.
    expect(JSON.stringify(row)).not.toContain(key);
    const entries = await db().auditLog.findMany({ where: { entityId: id } });
    expect(entries).toEqual([expect.objectContaining({ userId: owner.id, apiKeyId: null, action: "created", entityType: "api_key" })]);
    expect(JSON.parse(entries[0].after!)).toEqual({ name: "Deploy bot", role: "editor", prefix: key.slice(0, 12), expiresAt: null });
    expect(JSON.stringify(entries)).not.toContain(key);
  });

  it("gives an admin an admin key that expires after the days asked for", async () => {
    const before = Date.now();
    const { key, id } = await issued(admin, { name: "Monitor", role: "admin", expiresInDays: "30" });
    expect((await authenticateApiKey(key, "192.0.2.2"))?.role).toBe("admin");
    const expiresAt = (await db().apiKey.findUniqueOrThrow({ where: { id } })).expiresAt!.getTime();
    expect(expiresAt).toBeGreaterThanOrEqual(before + 30 * 86_400_000);
    expect(expiresAt).toBeLessThanOrEqual(Date.now() + 30 * 86_400_000);
  });

  it("refuses editors and keys: only admins and owners, in person, make keys", async () => {
    await expect(issueApiKey(editor, { name: "Mine", role: "editor" })).rejects.toThrow("This needs the admin role; you are signed in as editor.");
    const { id } = await issued(owner, { name: "Admin robot", role: "admin" });
    const robot: ApiKeyActor = { kind: "api_key", id, name: "Admin robot", role: "admin" };
    expect(await issueApiKey(robot, { name: "Offspring", role: "admin" })).toMatchObject({ ok: false, error: "Only a person signed in to the console can create API keys, not another key." });
    await expect(issueApiKey.run(robot, { name: "Offspring", role: "admin" })).rejects.toMatchObject({ status: 403 });
    expect(await db().apiKey.count({ where: { name: { in: ["Mine", "Offspring"] } } })).toBe(0);
  });

  it("refuses bad input with a message for each field, writing nothing", async () => {
    const count = await db().apiKey.count();
    const result = await issueApiKey(owner, { name: "  ", role: "owner", expiresInDays: "0" });
    expect(result).toMatchObject({
      ok: false,
      error: "Check the highlighted fields.",
      fieldErrors: {
        name: "Enter a name for the key.",
        role: "Choose editor or admin: a key cannot be an owner.",
        expiresInDays: expect.stringMatching(/^Enter a whole number of days from 1 to 3,650/),
      },
      values: { name: "  ", role: "owner", expiresInDays: "0" },
    });
    for (const expiresInDays of ["3651", "1.5", "soon", -1]) {
      expect(await issueApiKey(owner, { name: "Fine", role: "editor", expiresInDays })).toMatchObject({ ok: false, fieldErrors: { expiresInDays: expect.any(String) } });
    }
    expect(await issueApiKey(owner, { name: "x".repeat(61), role: "editor" })).toMatchObject({ ok: false, fieldErrors: { name: "Keep a name for the key under 60 characters." } });
    expect(await db().apiKey.count()).toBe(count);
  });

  it("refuses a name an active key has, and allows it again once that key is revoked or expired", async () => {
    const first = await issued(owner, { name: "CI", role: "editor" });
    const again = await issueApiKey(admin, { name: "CI", role: "admin" });
    expect(again).toMatchObject({ ok: false, fieldErrors: { name: "An active key is already called “CI”. Choose another name, or revoke that key first." } });
    expect(await revokeApiKey(owner, { apiKeyId: first.id, confirm: "yes" })).toMatchObject({ ok: true });
    const second = await issued(admin, { name: "CI", role: "admin" });
    expect(await authenticateApiKey(second.key, "x")).toMatchObject({ id: second.id });

    await createApiKeyRow({ name: "Old job", role: "editor", expiresAt: new Date(Date.now() - 1000) });
    expect(await issueApiKey(owner, { name: "Old job", role: "editor" })).toMatchObject({ ok: true });
  });
});

describe("authenticating", () => {
  it("answers null for a wrong, a revoked and an expired key", async () => {
    const good = await createApiKeyRow({ name: "Checker", role: "editor" });
    expect(await authenticateApiKey(good.key, "x")).not.toBeNull();
    expect(await authenticateApiKey(good.key.slice(0, -1) + (good.key.endsWith("a") ? "b" : "a"), "x")).toBeNull();
    expect(await authenticateApiKey("", "x")).toBeNull();
    expect(await authenticateApiKey(hashApiKey(good.key), "x")).toBeNull();

    const expired = await createApiKeyRow({ name: "Expired", role: "admin", expiresAt: new Date(Date.now() - 1) });
    expect(await authenticateApiKey(expired.key, "x")).toBeNull();

    const revoked = await createApiKeyRow({ name: "Revoked", role: "admin" });
    expect(await authenticateApiKey(revoked.key, "x")).not.toBeNull();
    expect(await revokeApiKey(admin, { apiKeyId: revoked.id, confirm: "yes" })).toEqual({ ok: true, message: "Revoked the API key “Revoked”: it no longer works." });
    // At once: no cache stands between the revocation and the next request.
    expect(await authenticateApiKey(revoked.key, "x")).toBeNull();
  });

  it("records the last use and where from, at most once a minute", async () => {
    const { key, id } = await createApiKeyRow({ name: "Busy", role: "editor" });
    expect(await db().apiKey.findUniqueOrThrow({ where: { id } })).toMatchObject({ lastUsedAt: null, lastUsedFrom: "" });
    await authenticateApiKey(key, "198.51.100.7");
    const first = await db().apiKey.findUniqueOrThrow({ where: { id } });
    expect(first.lastUsedFrom).toBe("198.51.100.7");
    expect(Date.now() - first.lastUsedAt!.getTime()).toBeLessThan(10_000);

    await Promise.all([authenticateApiKey(key, "203.0.113.9"), authenticateApiKey(key, "203.0.113.9")]);
    expect(await db().apiKey.findUniqueOrThrow({ where: { id } })).toMatchObject({ lastUsedAt: first.lastUsedAt, lastUsedFrom: "198.51.100.7" });

    const twoMinutesAgo = new Date(Date.now() - 120_000);
    await db().apiKey.update({ where: { id }, data: { lastUsedAt: twoMinutesAgo } });
    await authenticateApiKey(key, "203.0.113.9\n");
    const later = await db().apiKey.findUniqueOrThrow({ where: { id } });
    expect(later.lastUsedAt!.getTime()).toBeGreaterThan(twoMinutesAgo.getTime() + 60_000);
    expect(later.lastUsedFrom).toBe("203.0.113.9");
  });
});

describe("revoking", () => {
  it("audits the revocation as whoever did it, a key included, and refuses to do it twice", async () => {
    const robot = await createApiKeyRow({ name: "Janitor", role: "admin", createdById: owner.id });
    const target = await createApiKeyRow({ name: "Leaked", role: "editor" });
    const robotActor = (await authenticateApiKey(robot.key, "x"))!;
    expect(await revokeApiKey.run(robotActor, { apiKeyId: target.id, confirm: "yes" })).toEqual({ message: "Revoked the API key “Leaked”: it no longer works." });
    const entry = await db().auditLog.findFirstOrThrow({ where: { entityId: target.id, action: "revoked" } });
    expect(entry).toMatchObject({ userId: null, apiKeyId: robot.id, entityType: "api_key" });
    expect((await listAudit(owner, { entityType: "api_key" })).find((shown) => shown.id === entry.id)?.actor).toBe("API key “Janitor” (created by owner@example.com)");

    expect(await revokeApiKey(owner, { apiKeyId: target.id, confirm: "yes" })).toMatchObject({ ok: false, error: "The API key “Leaked” was already revoked." });
    expect(await revokeApiKey(owner, { apiKeyId: "no-such-key", confirm: "yes" })).toMatchObject({ ok: false, error: "That API key no longer exists. Reload the page." });
  });

  it("needs the box ticked and the admin role", async () => {
    const { key, id } = await createApiKeyRow({ name: "Keeper", role: "editor" });
    expect(await revokeApiKey(admin, { apiKeyId: id })).toMatchObject({ ok: false, fieldErrors: { confirm: "Tick the box to confirm: whatever uses this key stops working at once." } });
    await expect(revokeApiKey(editor, { apiKeyId: id, confirm: "yes" })).rejects.toThrow(/needs the admin role/);
    const editorKey = (await authenticateApiKey(key, "x"))!;
    await expect(revokeApiKey.run(editorKey, { apiKeyId: id, confirm: "yes" })).rejects.toThrow("This needs the admin role; Keeper has the editor role.");
    expect(await authenticateApiKey(key, "x")).not.toBeNull();
  });
});

describe("listing", () => {
  it("shows admins every key's state and last use, never the key or its hash", async () => {
    const fresh = await createApiKeyRow({ name: "Listed", role: "editor", createdById: admin.id });
    await authenticateApiKey(fresh.key, "2001:db8::1");
    const keys = await listApiKeys(admin);
    const listed = keys.find((key) => key.id === fresh.id)!;
    expect(listed).toMatchObject({ name: "Listed", role: "editor", prefix: fresh.key.slice(0, 12), createdBy: "admin@example.com", status: "active", lastUsedFrom: "2001:db8::1", revokedAt: null, expiresAt: null });
    expect(listed.lastUsedAt).toBeInstanceOf(Date);
    expect(keys.find((key) => key.name === "Expired")?.status).toBe("expired");
    expect(keys.find((key) => key.name === "Revoked")?.status).toBe("revoked");
    expect(keys.find((key) => key.name === "Checker")?.createdBy).toBeNull();
    expect(JSON.stringify(keys)).not.toContain(fresh.key);
    expect(JSON.stringify(keys)).not.toContain(hashApiKey(fresh.key));
    await expect(listApiKeys(editor)).rejects.toThrow(/needs the admin role/);
    await expect(listApiKeys(null)).rejects.toThrow(/session has ended/);
  });
});
