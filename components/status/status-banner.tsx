import { useLocale, useTranslations } from "next-intl";
import type { OverallStatus } from "@/lib/status";
import { FORMAT_LOCALE } from "@/lib/i18n/locales";
import { StatusIcon } from "@/components/status/status-icon";
import { STATUS_BORDER_CLASS, STATUS_TEXT_CLASS } from "@/components/status/status-style";

export function StatusBanner({ overall, checkedAt }: { overall: OverallStatus; checkedAt: string }) {
  const t = useTranslations("status");
  const names = new Intl.ListFormat(FORMAT_LOCALE[useLocale()], { type: "conjunction" });
  return (
    <section
      aria-labelledby="overall-status"
      className={`rounded-lg border-2 bg-white p-4 sm:p-5 dark:bg-neutral-900 ${STATUS_BORDER_CLASS[overall.status]}`}
    >
      <h2 id="overall-status" className={`flex items-center gap-2 text-xl font-semibold sm:text-2xl ${STATUS_TEXT_CLASS[overall.status]}`}>
        <StatusIcon status={overall.status} className="h-7 w-7" />
        {t(`overall.${overall.headline}`)}
      </h2>
      {overall.affected.length > 0 ? (
        // One sentence per status, each on its own line: no language has to put a space between them.
        <p className="mt-2 text-neutral-800 dark:text-neutral-200">
          {overall.affected.map(({ status, names: affected }, index) => (
            <span key={status} className="block">
              {index > 0 ? " " : null}
              {t(`detail.${status}`, { names: names.format(affected), count: affected.length })}
            </span>
          ))}
        </p>
      ) : null}
      {/* data-as-of: public/live.js does not count this line moving on as news. */}
      <p data-as-of className="mt-2 text-sm text-neutral-600 dark:text-neutral-400">
        {t("asOf", { time: checkedAt })}
      </p>
    </section>
  );
}
