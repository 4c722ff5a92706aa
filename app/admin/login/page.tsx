import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { LoginForm } from "@/components/admin/login-form";
import { currentActor } from "@/server/session";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("console.login");
  return { title: t("title"), robots: { index: false } };
}
export const dynamic = "force-dynamic";

export default async function LoginPage() {
  if (await currentActor()) redirect("/admin");
  const t = await getTranslations("console.login");
  return (
    <main id="main" className="mx-auto max-w-sm space-y-6 px-4 py-12">
      <h1 className="text-2xl font-bold">{t("heading")}</h1>
      <LoginForm labels={{ email: t("email"), password: t("password"), submit: t("submit"), pending: t("pending") }} />
    </main>
  );
}
