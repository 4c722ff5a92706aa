import "server-only";
import { randomBytes } from "node:crypto";
import { encodeBase32LowerCaseNoPadding } from "@oslojs/encoding";
import { z } from "zod";
import { ROLES, type Role } from "@/lib/constants";
import { fieldErrorsOf, id, type FormState } from "@/lib/schemas/forms";
import { audit } from "@/server/audit";
import { authorize, createUser, type Actor } from "@/server/auth";
import { db } from "@/server/db";

// The owner's user management: who may sign in, with which role, and whether every
// account must use two-factor.

export interface UserView {
  id: string;
  email: string;
  name: string;
  role: Role;
  disabled: boolean;
  twoFactor: boolean;
  createdAt: Date;
}

export async function listUsers(actor: Actor | null): Promise<UserView[]> {
  authorize(actor, "owner");
  const rows = await db().user.findMany({ orderBy: { createdAt: "asc" } });
  return rows.map((row) => ({ id: row.id, email: row.email, name: row.name, role: row.role as Role, disabled: row.disabled, twoFactor: row.totpSecret !== null, createdAt: row.createdAt }));
}

export const newUserSchema = z.object({
  email: z.string().trim().toLowerCase().max(254).pipe(z.email({ error: "Enter a valid email address." })),
  role: z.enum(ROLES, { error: "Choose a role." }),
  name: z.string().trim().max(100, { error: "Keep the name under 100 characters." }).default(""),
});

/** Creates a user with a generated password, shown to the owner once to pass on. */
export async function addUser(actor: Actor | null, input: Record<string, unknown>): Promise<FormState & { password?: string }> {
  const owner = authorize(actor, "owner");
  const parsed = newUserSchema.safeParse(input);
  if (!parsed.success) return { ok: false, error: "Check the highlighted fields.", fieldErrors: fieldErrorsOf(parsed.error), values: input };
  if (await db().user.findUnique({ where: { email: parsed.data.email } })) {
    return { ok: false, error: "Check the highlighted fields.", fieldErrors: { email: "Someone already has this email address." }, values: input };
  }
  const password = encodeBase32LowerCaseNoPadding(randomBytes(15)).replace(/(.{6})(?=.)/g, "$1-");
  await createUser({ ...parsed.data, password }, owner.id);
  return { ok: true, message: `Created ${parsed.data.email} (${parsed.data.role}). Their password, shown once: ${password}`, password };
}

const changeSchema = z.object({
  userId: id,
  role: z.enum(ROLES).optional(),
  disabled: z.enum(["true", "false"]).optional(),
});

/** Changes a role or disables a user; disabling ends their sessions at once. */
export async function changeUser(actor: Actor | null, input: Record<string, unknown>): Promise<FormState> {
  const owner = authorize(actor, "owner");
  const parsed = changeSchema.safeParse(input);
  if (!parsed.success) return { ok: false, error: "That change is not possible.", fieldErrors: fieldErrorsOf(parsed.error) };
  const { userId, role, disabled } = parsed.data;
  if (userId === owner.id) return { ok: false, error: "You cannot change your own role or disable yourself; ask another owner." };
  const user = await db().user.findUnique({ where: { id: userId } });
  if (!user) return { ok: false, error: "That user no longer exists." };
  const after = { role: role ?? user.role, disabled: disabled === undefined ? user.disabled : disabled === "true" };
  await db().$transaction(async (tx) => {
    await tx.user.update({ where: { id: userId }, data: after });
    if (after.disabled) await tx.session.deleteMany({ where: { userId } });
    await audit(tx, { actorId: owner.id, action: "changed", entityType: "user", entityId: userId, before: { role: user.role, disabled: user.disabled }, after });
  });
  return { ok: true, message: `${user.email}: ${after.disabled ? "disabled" : `role ${after.role}`}.` };
}

export async function setRequireTwoFactor(actor: Actor | null, required: boolean): Promise<FormState> {
  const owner = authorize(actor, "owner");
  await db().$transaction(async (tx) => {
    await tx.pageSettings.update({ where: { id: 1 }, data: { requireTwoFactor: required } });
    await audit(tx, { actorId: owner.id, action: "changed", entityType: "settings", entityId: "1", after: { requireTwoFactor: required } });
  });
  return { ok: true, message: required ? "Everyone must now use two-factor authentication." : "Two-factor authentication is now optional." };
}

export async function isTwoFactorRequired(actor: Actor | null): Promise<boolean> {
  authorize(actor, "owner");
  const settings = await db().pageSettings.findUnique({ where: { id: 1 }, select: { requireTwoFactor: true } });
  return Boolean(settings?.requireTwoFactor);
}
