import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { ConfirmForm } from "@/components/subscriptions/manage-forms";
import { linkTag, strong } from "@/components/ui/rich-tags";
import { formatList } from "@/lib/i18n/locales";
import { publicLink } from "@/server/i18n/public-link";
import { serviceOptions } from "@/server/services";
import { previewConfirmation } from "@/server/subscriptions";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("subscriptions.confirm"))("title"), robots: { index: false } };
}

// Opening the link only shows what it would confirm: mail scanners open links too,
// so confirming takes a press of the button (a POST).
export default async function ConfirmPage({ searchParams }: { searchParams: Promise<{ token?: string }> }) {
  const { token } = await searchParams;
  const [{ check, subscription }, t, link, locale] = await Promise.all([previewConfirmation(token), getTranslations("subscriptions"), publicLink(), getLocale()]);
  if (!subscription) {
    return (
      <div className="max-w-xl space-y-4">
        <h1 className="text-2xl font-bold">{t("badLink.heading")}</h1>
        <p>{check === "expired" ? t("badLink.expired") : t("badLink.subscription")}</p>
        <p>{t.rich("badLink.subscribeAgain", { link: linkTag(link("/subscribe")) })}</p>
      </div>
    );
  }
  const names = subscription.allServices ? [t("everyService")] : (await serviceOptions(await getLocale())).filter((service) => subscription.serviceIds.includes(service.id)).map((service) => service.name);
  return (
    <div className="max-w-xl space-y-4">
      <h1 className="text-2xl font-bold">{t("confirm.title")}</h1>
      <p>{t.rich("confirm.question", { services: formatList(names, locale), email: subscription.email, strong })}</p>
      <ConfirmForm token={token!} />
    </div>
  );
}
