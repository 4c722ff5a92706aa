"use client";

import "./globals.css";

// Last resort when even the layout fails (for example, settings cannot be read).
export default function GlobalError() {
  return (
    <html lang="en">
      <body className="min-h-screen bg-neutral-100 font-sans text-neutral-900 dark:bg-neutral-950 dark:text-neutral-100">
        <main id="main" className="mx-auto max-w-3xl space-y-3 px-4 py-10">
          <h1 className="text-2xl font-bold">The status page is having trouble</h1>
          <p>We could not prepare this page just now. Please reload in a moment.</p>
          <p>
            {/* A full page load: the error may have come from the client runtime itself. */}
            {/* eslint-disable-next-line @next/next/no-html-link-for-pages */}
            <a href="/" className="underline underline-offset-2">
              Reload the status page
            </a>
          </p>
        </main>
      </body>
    </html>
  );
}
