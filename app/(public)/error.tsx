"use client";

import { useTranslations } from "next-intl";

// Shown inside the site's header and footer when a page fails to render.
export default function PublicError({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const t = useTranslations("errors");
  return (
    <div className="space-y-3">
      <h1 className="text-2xl font-bold">{t("heading")}</h1>
      <p>{t("text")}</p>
      <p>
        {t.rich("retry", {
          button: (chunks) => (
            <button type="button" onClick={reset} className="rounded border border-neutral-400 px-3 py-1 underline-offset-2 hover:underline">
              {chunks}
            </button>
          ),
          home: (chunks) => (
            // A full page load: the error may have come from the client runtime itself.
            // eslint-disable-next-line @next/next/no-html-link-for-pages
            <a href="/" className="underline underline-offset-2">
              {chunks}
            </a>
          ),
        })}
      </p>
    </div>
  );
}
