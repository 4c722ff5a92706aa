import type { Metadata } from "next";
import { RoleRefusal } from "@/components/admin/role-refusal";
import { RequireTwoFactorForm, UserControls, AddUserForm } from "@/components/admin/user-forms";
import { ROLE_LABELS } from "@/lib/constants";
import { consoleAccess } from "@/server/session";
import { isTwoFactorRequired, listUsers } from "@/server/users";

export const metadata: Metadata = { title: "Users" };

export default async function UsersPage() {
  const { actor, allowed } = await consoleAccess("owner");
  if (!allowed) return <RoleRefusal actorRole={actor?.role ?? null} role="owner" title="Users" what="Managing users" />;
  const [users, required] = await Promise.all([listUsers(actor), isTwoFactorRequired(actor)]);
  return (
    <>
      <h1 className="text-2xl font-bold">Users</h1>
      <section aria-labelledby="people" className="space-y-3">
        <h2 id="people" className="text-xl font-semibold">
          Everyone who can sign in
        </h2>
        <ul className="space-y-3">
          {users.map((user) => (
            <li key={user.id} className="space-y-2 rounded border border-neutral-300 p-3 dark:border-neutral-700">
              <p>
                <span className="font-medium">{user.email}</span> · {ROLE_LABELS[user.role]} · two-factor {user.twoFactor ? "on" : "off"}
                {user.disabled ? " · disabled" : ""}
              </p>
              {user.id === actor.id ? null : <UserControls userId={user.id} email={user.email} role={user.role} disabled={user.disabled} twoFactor={user.twoFactor} />}
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="add" className="space-y-3">
        <h2 id="add" className="text-xl font-semibold">
          Add a user
        </h2>
        <AddUserForm />
      </section>
      <section aria-labelledby="policy" className="space-y-3">
        <h2 id="policy" className="text-xl font-semibold">
          Two-factor policy
        </h2>
        <p>{required ? "Everyone must use two-factor authentication." : "Two-factor authentication is optional."}</p>
        <RequireTwoFactorForm required={required} />
      </section>
    </>
  );
}
