"use client";

import "./globals.css";

// Last resort when even the layout fails (for example, settings cannot be read): no
// catalog can be trusted here, so it says the same in every language Herald speaks.
export default function GlobalError() {
  return (
    <html lang="en">
      <body className="min-h-screen bg-neutral-100 font-sans text-neutral-900 dark:bg-neutral-950 dark:text-neutral-100">
        <main id="main" className="mx-auto max-w-3xl space-y-6 px-4 py-10">
          <div className="space-y-3">
            <h1 className="text-2xl font-bold">The status page is having trouble</h1>
            <p>We could not prepare this page just now. Please reload in a moment.</p>
          </div>
          <div lang="ja" className="space-y-3">
            <h2 className="text-2xl font-bold">ステータスページで問題が発生しています</h2>
            <p>現在このページを表示できません。しばらくしてから再読み込みしてください。</p>
          </div>
          <p>
            {/* A full page load: the error may have come from the client runtime itself. */}
            {/* eslint-disable-next-line @next/next/no-html-link-for-pages */}
            <a href="/" className="underline underline-offset-2">
              Reload the status page
            </a>{" "}
            /{" "}
            <a href="/ja" lang="ja" hrefLang="ja" className="underline underline-offset-2">
              ステータスページを再読み込み
            </a>
          </p>
        </main>
      </body>
    </html>
  );
}
