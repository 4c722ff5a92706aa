import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { linkTag } from "@/components/ui/rich-tags";
import { publicLink } from "@/server/i18n/public-link";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("subscriptions.unsubscribed"))("title") };
}

export default async function UnsubscribedPage() {
  const [t, link] = await Promise.all([getTranslations("subscriptions.unsubscribed"), publicLink()]);
  return (
    <div className="max-w-xl space-y-4">
      <h1 className="text-2xl font-bold">{t("heading")}</h1>
      <p>{t("text")}</p>
      <p>{linkTag(link("/"))(t("back"))}</p>
    </div>
  );
}
