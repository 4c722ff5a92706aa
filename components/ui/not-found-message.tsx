import Link from "next/link";
import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { useLocalizedLink } from "@/components/ui/use-localized-link";
import type { Locale } from "@/lib/i18n/locales";

export function NotFoundMessage({ defaultLocale }: { defaultLocale: Locale }) {
  const t = useTranslations("notFound");
  const localized = useLocalizedLink(defaultLocale);
  const link = (href: string) =>
    function LinkTag(chunks: ReactNode) {
      return (
        <Link href={localized(href)} className="underline underline-offset-2">
          {chunks}
        </Link>
      );
    };
  return (
    <div className="space-y-3">
      <h1 className="text-2xl font-bold">{t("heading")}</h1>
      <p>{t("explanation")}</p>
      <p>{t.rich("next", { status: link("/"), history: link("/history") })}</p>
    </div>
  );
}
