import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { buttonClass } from "@/components/admin/field";
import { LanguageForm } from "@/components/subscriptions/language-form";
import { ManageForm } from "@/components/subscriptions/manage-forms";
import { linkTag, strong } from "@/components/ui/rich-tags";
import type { Locale } from "@/lib/i18n/locales";
import { languageChoice } from "@/server/i18n/language-choice";
import { publicLink } from "@/server/i18n/public-link";
import { serviceOptions } from "@/server/services";
import { findSubscription } from "@/server/subscriptions";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("subscriptions.manage"))("title"), robots: { index: false } };
}

export default async function ManagePage({ searchParams }: { searchParams: Promise<{ token?: string; confirmed?: string }> }) {
  const { token, confirmed } = await searchParams;
  const [subscription, t, link] = await Promise.all([findSubscription(token), getTranslations("subscriptions.manage"), publicLink()]);
  if (!subscription) {
    return (
      <div className="max-w-xl space-y-4">
        <h1 className="text-2xl font-bold">{t("missingHeading")}</h1>
        <p>{t("missing")}</p>
        <p>{t.rich("subscribe", { link: linkTag(link("/subscribe")) })}</p>
      </div>
    );
  }
  return (
    <div className="max-w-xl space-y-8">
      <h1 className="text-2xl font-bold">{t("title")}</h1>
      {confirmed === "1" && subscription.confirmed ? (
        <p role="status" className="rounded border border-ok px-3 py-2 text-ok">
          {t("confirmed", { email: subscription.email })}
        </p>
      ) : null}
      <p>{t.rich(subscription.confirmed ? "goesTo" : "goesToOnceConfirmed", { email: subscription.email, strong })}</p>
      <ManageForm token={token!} services={await serviceOptions(await getLocale())} current={subscription} />
      <LanguageSection token={token!} current={subscription.locale} />
      <section aria-labelledby="unsubscribe" className="space-y-2 border-t border-neutral-300 pt-6 dark:border-neutral-700">
        <h2 id="unsubscribe" className="text-lg font-semibold">
          {t("unsubscribeHeading")}
        </h2>
        <p>{t("unsubscribeText")}</p>
        <form method="post" action={link(`/subscriptions/unsubscribe?token=${encodeURIComponent(token!)}`)}>
          <button type="submit" name="confirm" value="yes" className={buttonClass}>
            {t("unsubscribe")}
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
