import { beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import type { Actor, ApiKeyActor, UserActor } from "@/lib/views/actor";
import { db } from "@/server/db";
import { AuthError, mutation, MutationError } from "@/server/mutation";

// The pipeline itself, with a small mutation of its own: who may, what is valid, and that
// the write, its audit entry and the public version commit or roll back together.

const nameSchema = z.object({ name: z.string().trim().min(1, { error: "Enter a name." }), secret: z.string().optional() });

/** Adds a group; "taken" is refused after the write, to show the write is rolled back. */
const addGroup = mutation({ role: "admin", schema: nameSchema, audit: "group", public: true }, async ({ tx, data, audit }) => {
  const group = await tx.serviceGroup.create({ data: { name: data.name } });
  await audit({ action: "created", entityId: group.id, after: { name: data.name } });
  if (data.name === "taken") throw new MutationError("conflict", "That name is taken.");
  return { groupId: group.id, message: `Added ${data.name}.` };
});

const addDraft = mutation({ role: "editor", schema: nameSchema, audit: "group", public: true, values: ({ name }) => ({ name }) }, async ({ tx, data, audit }) => {
  const group = await tx.serviceGroup.create({ data: { name: data.name } });
  await audit({ action: "drafted", entityId: group.id, public: false });
  return { message: "Drafted." };
});

const whoAmI = mutation({ role: "self", schema: z.object({}) }, async ({ actor }) => ({ message: actor.email }));
const echo = mutation({ role: "anyone", schema: nameSchema }, async ({ actor, data }) => ({ message: `${actor ?? "anyone"}: ${data.name}` }));

let admin: UserActor;
let editor: UserActor;
const apiKey: ApiKeyActor = { kind: "api_key", id: "key_1", name: "Deploy bot", role: "admin" };
const version = async () => (await db().pageSettings.findUniqueOrThrow({ where: { id: 1 } })).version;
const groups = () => db().serviceGroup.count();

beforeAll(async () => {
  await db().pageSettings.create({ data: { id: 1, name: "Example", url: "https://status.example.com", timeZone: "UTC" } });
  const a = await db().user.create({ data: { email: "admin@example.com", role: "admin", passwordHash: "x" } });
  const e = await db().user.create({ data: { email: "editor@example.com", role: "editor", passwordHash: "x" } });
  admin = { kind: "user", id: a.id, email: a.email, name: "", role: "admin", sessionId: "s" };
  editor = { kind: "user", id: e.id, email: e.email, name: "", role: "editor", sessionId: "s" };
  await db().apiKey.create({ data: { id: apiKey.id, name: apiKey.name, role: "admin", prefix: "hrld_test", hash: "not-a-real-key", createdById: a.id } });
});

describe("mutation()", () => {
  it("writes, audits and bumps the public version in one go, and answers with the handler's output", async () => {
    const before = await version();
    const result = await addGroup(admin, { name: " Web " });
    expect(result).toEqual({ ok: true, groupId: expect.any(String), message: "Added Web." });
    const entry = await db().auditLog.findFirstOrThrow({ where: { entityId: result.groupId } });
    expect(entry).toMatchObject({ userId: admin.id, action: "created", entityType: "group", after: '{"name":"Web"}' });
    expect(await version()).toBe(before + 1);
  });

  it("refuses the caller before anything else, by throwing", async () => {
    const before = await groups();
    await expect(addGroup(null, { name: "x" })).rejects.toThrow(AuthError);
    await expect(addGroup(editor, { name: "x" })).rejects.toThrow(/needs the admin role/);
    await expect(addGroup({ ...admin, twoFactorPending: true }, { name: "" })).rejects.toMatchObject({ code: "unauthenticated", status: 401 });
    expect(await groups()).toBe(before);
  });

  it("answers invalid input with one message per field, keeping what was sent", async () => {
    expect(await addGroup(admin, { name: " ", secret: "s3cret" })).toEqual({
      ok: false,
      error: "Check the highlighted fields.",
      fieldErrors: { name: "Enter a name." },
      values: { name: " ", secret: "s3cret" },
    });
    // A mutation can say what to send back: never a secret.
    expect(await addDraft(editor, { name: "", secret: "s3cret" })).toMatchObject({ values: { name: "" } });
    expect((await addDraft(editor, { name: "", secret: "s3cret" })).values).not.toHaveProperty("secret");
  });

  it("rolls the write and its audit entry back when the handler refuses", async () => {
    const [before, audited, published] = [await groups(), await db().auditLog.count(), await version()];
    expect(await addGroup(admin, { name: "taken" })).toEqual({ ok: false, error: "That name is taken.", values: { name: "taken" } });
    expect([await groups(), await db().auditLog.count(), await version()]).toEqual([before, audited, published]);
  });

  it("leaves the public version alone for a change the public does not see", async () => {
    const before = await version();
    expect(await addDraft(editor, { name: "Draft" })).toEqual({ ok: true, message: "Drafted." });
    expect(await version()).toBe(before);
  });

  it("runs for an API key by its role, audited as the key, and throws every refusal from run()", async () => {
    const result = await addGroup.run(apiKey, { name: "From the API" });
    expect(result).toMatchObject({ message: "Added From the API." });
    expect(await db().auditLog.findFirstOrThrow({ where: { entityId: result.groupId } })).toMatchObject({ userId: null, apiKeyId: apiKey.id, action: "created" });
    await expect(addGroup.run(apiKey, { name: "" })).rejects.toMatchObject({ code: "invalid", status: 400, fieldErrors: { name: "Enter a name." } });
    await expect(addGroup.run(apiKey, { name: "taken" })).rejects.toMatchObject({ code: "conflict", status: 409, message: "That name is taken." });
    await expect(addGroup.run({ ...apiKey, role: "editor" }, { name: "x" })).rejects.toMatchObject({ code: "forbidden", status: 403 });
  });

  it("keeps a person's own account to people, even while their two-factor set-up is owed", async () => {
    expect(await whoAmI({ ...editor, mustSetUpTwoFactor: true }, {})).toEqual({ ok: true, message: "editor@example.com" });
    await expect(addDraft({ ...editor, mustSetUpTwoFactor: true }, { name: "x" })).rejects.toThrow(/Set up two-factor/);
    await expect(whoAmI(apiKey as Actor, {})).rejects.toMatchObject({ code: "forbidden" });
  });

  it("takes only the input for a public form, with no actor", async () => {
    expect(await echo({ name: "Reader" })).toEqual({ ok: true, message: "anyone: Reader" });
  });
});
