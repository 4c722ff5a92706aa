import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { signOutAction } from "@/app/admin/actions";
import { ChangePasswordForm, ConsoleLanguageForm } from "@/components/admin/account-forms";
import { LANGUAGES } from "@/lib/i18n/catalogs";
import { consoleAccess } from "@/server/session";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("console.account");
  return { title: t("title") };
}

export default async function AccountPage() {
  const { actor } = await consoleAccess("editor");
  const t = await getTranslations("console.account");
  return (
    <>
      <h1 className="text-2xl font-bold">{t("title")}</h1>
      <section aria-labelledby="language" className="space-y-3">
        <h2 id="language" className="text-xl font-semibold">
          {t("language")}
        </h2>
        <p>{t("languageHelp")}</p>
        <ConsoleLanguageForm locale={actor.locale ?? null} languages={LANGUAGES} />
      </section>
      <section aria-labelledby="password" className="space-y-3">
        <h2 id="password" className="text-xl font-semibold">
          {t("password")}
        </h2>
        <p>{t("passwordHelp")}</p>
        <ChangePasswordForm />
      </section>
      <section aria-labelledby="two-factor" className="space-y-2">
        <h2 id="two-factor" className="text-xl font-semibold">
          {t("twoFactor")}
        </h2>
        <p>
          <Link href="/admin/two-factor" className="underline underline-offset-2">
            {t("twoFactorLink")}
          </Link>
        </p>
      </section>
      <section aria-labelledby="sessions" className="space-y-2">
        <h2 id="sessions" className="text-xl font-semibold">
          {t("sessions")}
        </h2>
        <form action={signOutAction}>
          <input type="hidden" name="everywhere" value="yes" />
          <button type="submit" className="rounded border border-neutral-500 px-3 py-1">
            {t("signOutEverywhere")}
          </button>
        </form>
      </section>
    </>
  );
}
