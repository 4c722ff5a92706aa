"use client";

// Shown inside the site's header and footer when a page fails to render.
export default function PublicError({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div className="space-y-3">
      <h1 className="text-2xl font-bold">This page could not be loaded</h1>
      <p>Something went wrong on our side while preparing this page. Please try again in a moment.</p>
      <p>
        <button type="button" onClick={reset} className="rounded border border-neutral-400 px-3 py-1 underline-offset-2 hover:underline">
          Try again
        </button>{" "}
        or{" "}
        {/* A full page load: the error may have come from the client runtime itself. */}
        {/* eslint-disable-next-line @next/next/no-html-link-for-pages */}
        <a href="/" className="underline underline-offset-2">
          go to the current status
        </a>
        .
      </p>
    </div>
  );
}
