import "server-only";
import { randomBytes } from "node:crypto";
import { encodeBase32LowerCaseNoPadding } from "@oslojs/encoding";
import type { Role } from "@/lib/constants";
import { changeUserSchema, newUserSchema, requireTwoFactorSchema } from "@/lib/schemas/users";
import type { UserView } from "@/lib/views/users";
import type { Actor } from "@/lib/views/actor";
import { authorize, newUserRow } from "@/server/auth";
import { db } from "@/server/db";
import { mutation, MutationError } from "@/server/mutation";

// The owner's user management: who may sign in, with which role, and whether every
// account must use two-factor.

export async function listUsers(actor: Actor | null): Promise<UserView[]> {
  authorize(actor, "owner");
  const rows = await db().user.findMany({ orderBy: { createdAt: "asc" } });
  return rows.map((row) => ({ id: row.id, email: row.email, name: row.name, role: row.role as Role, disabled: row.disabled, twoFactor: row.totpSecret !== null, createdAt: row.createdAt }));
}

/** Creates a user with a generated password, shown to the owner once to pass on. */
export const addUser = mutation({ role: "owner", schema: newUserSchema, audit: "user" }, async ({ tx, data, audit }) => {
  if (await tx.user.findUnique({ where: { email: data.email } })) {
    throw new MutationError("invalid", "Check the highlighted fields.", { email: "Someone already has this email address." });
  }
  const password = encodeBase32LowerCaseNoPadding(randomBytes(15)).replace(/(.{6})(?=.)/g, "$1-");
  const { passwordHash, ...shown } = await newUserRow({ ...data, password });
  const user = await tx.user.create({ data: { ...shown, passwordHash } });
  await audit({ action: "created", entityId: user.id, after: { email: shown.email, role: shown.role, name: shown.name } });
  return { message: `Created ${data.email} (${data.role}). Their password, shown once: ${password}`, password };
});

/** Changes a role or disables a user; disabling ends their sessions at once. */
export const changeUser = mutation(
  { role: "owner", schema: changeUserSchema, audit: "user", invalid: "That change is not possible.", values: false },
  async ({ tx, actor, data: { userId, role, disabled }, audit }) => {
    if (userId === actor.id) throw new MutationError("forbidden", "You cannot change your own role or disable yourself; ask another owner.");
    const user = await tx.user.findUnique({ where: { id: userId } });
    if (!user) throw new MutationError("not_found", "That user no longer exists.");
    const after = { role: role ?? user.role, disabled: disabled === undefined ? user.disabled : disabled === "true" };
    await tx.user.update({ where: { id: userId }, data: after });
    if (after.disabled) await tx.session.deleteMany({ where: { userId } });
    await audit({ action: "changed", entityId: userId, before: { role: user.role, disabled: user.disabled }, after });
    return { message: `${user.email}: ${after.disabled ? "disabled" : `role ${after.role}`}.` };
  },
);

/** Whether every account must use two-factor; the public never sees it, so no public change. */
export const setRequireTwoFactor = mutation({ role: "owner", schema: requireTwoFactorSchema, audit: "settings" }, async ({ tx, data: { required }, audit }) => {
  await tx.pageSettings.update({ where: { id: 1 }, data: { requireTwoFactor: required } });
  await audit({ action: "changed", entityId: "1", after: { requireTwoFactor: required } });
  return { message: required ? "Everyone must now use two-factor authentication." : "Two-factor authentication is now optional." };
});

export async function isTwoFactorRequired(actor: Actor | null): Promise<boolean> {
  authorize(actor, "owner");
  const settings = await db().pageSettings.findUnique({ where: { id: 1 }, select: { requireTwoFactor: true } });
  return Boolean(settings?.requireTwoFactor);
}
