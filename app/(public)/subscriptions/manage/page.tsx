import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { buttonClass } from "@/components/admin/field";
import { LanguageForm } from "@/components/subscriptions/language-form";
import { ManageForm } from "@/components/subscriptions/manage-forms";
import { languageChoice } from "@/server/i18n/language-choice";
import type { Locale } from "@/lib/i18n/locales";
import { serviceOptions } from "@/server/services";
import { findSubscription } from "@/server/subscriptions";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Your subscription", robots: { index: false } };

export default async function ManagePage({ searchParams }: { searchParams: Promise<{ token?: string; confirmed?: string }> }) {
  const { token, confirmed } = await searchParams;
  const subscription = await findSubscription(token);
  if (!subscription) {
    return (
      <div className="max-w-xl space-y-4">
        <h1 className="text-2xl font-bold">No subscription here</h1>
        <p>This address is not subscribed (any more), or the link was copied incompletely.</p>
        <p>
          <Link href="/subscribe" className="underline underline-offset-2">
            Subscribe
          </Link>{" "}
          to get updates by email.
        </p>
      </div>
    );
  }
  return (
    <div className="max-w-xl space-y-8">
      <h1 className="text-2xl font-bold">Your subscription</h1>
      {confirmed === "1" && subscription.confirmed ? (
        <p role="status" className="rounded border border-ok px-3 py-2 text-ok">
          Confirmed: {subscription.email} will get our status updates. Keep this page&apos;s address (every mail links to it) to change your choice or unsubscribe.
        </p>
      ) : null}
      <p>
        Status updates go to <strong>{subscription.email}</strong>
        {subscription.confirmed ? "." : ", once you confirm it with the link we mailed."}
      </p>
      <ManageForm token={token!} services={await serviceOptions()} current={subscription} />
      <LanguageSection token={token!} current={subscription.locale} />
      <section aria-labelledby="unsubscribe" className="space-y-2 border-t border-neutral-300 pt-6 dark:border-neutral-700">
        <h2 id="unsubscribe" className="text-lg font-semibold">
          Unsubscribe
        </h2>
        <p>Stop all mail from us. Your address is deleted.</p>
        <form method="post" action={`/subscriptions/unsubscribe?token=${encodeURIComponent(token!)}`}>
          <button type="submit" name="confirm" value="yes" className={buttonClass}>
            Unsubscribe
          </button>
        </form>
      </section>
    </div>
  );
}

async function LanguageSection({ token, current }: { token: string; current: Locale }) {
  const t = await getTranslations("subscriberLanguage");
  return (
    <section aria-labelledby="language" className="space-y-2 border-t border-neutral-300 pt-6 dark:border-neutral-700">
      <h2 id="language" className="text-lg font-semibold">
        {t("heading")}
      </h2>
      <p>{t("explanation")}</p>
      <LanguageForm token={token} choice={await languageChoice(current)} save={t("save")} />
    </section>
  );
}
