import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { RoleRefusal } from "@/components/admin/role-refusal";
import { RequireTwoFactorForm, UserControls, AddUserForm } from "@/components/admin/user-forms";
import { consoleAccess } from "@/server/session";
import { isTwoFactorRequired, listUsers } from "@/server/users";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("console.users"))("title") };
}

const strong = (chunks: ReactNode) => <span className="font-medium">{chunks}</span>;

export default async function UsersPage() {
  const { actor, allowed } = await consoleAccess("owner");
  const [t, roles] = await Promise.all([getTranslations("console.users"), getTranslations("console.roles")]);
  if (!allowed) return <RoleRefusal actorRole={actor?.role ?? null} role="owner" title={t("title")} what={t("what")} />;
  const [users, required] = await Promise.all([listUsers(actor), isTwoFactorRequired(actor)]);
  return (
    <>
      <h1 className="text-2xl font-bold">{t("title")}</h1>
      <section aria-labelledby="people" className="space-y-3">
        <h2 id="people" className="text-xl font-semibold">
          {t("everyone")}
        </h2>
        <ul className="space-y-3">
          {users.map((user) => (
            <li key={user.id} className="space-y-2 rounded border border-neutral-300 p-3 dark:border-neutral-700">
              <p>{t.rich("line", { email: user.email, role: roles(user.role), twoFactor: user.twoFactor ? "on" : "off", disabled: user.disabled ? "yes" : "no", strong })}</p>
              {user.id === actor.id ? null : <UserControls userId={user.id} email={user.email} role={user.role} disabled={user.disabled} twoFactor={user.twoFactor} />}
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="add" className="space-y-3">
        <h2 id="add" className="text-xl font-semibold">
          {t("add")}
        </h2>
        <AddUserForm />
      </section>
      <section aria-labelledby="policy" className="space-y-3">
        <h2 id="policy" className="text-xl font-semibold">
          {t("policy")}
        </h2>
        <p>{required ? t("required") : t("optional")}</p>
        <RequireTwoFactorForm required={required} />
      </section>
    </>
  );
}
