"use client";

// Shown inside the console when a page cannot be prepared, typically because the
// database is unreachable; the public pages keep answering from memory meanwhile.
export default function ConsoleError({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div role="alert" className="space-y-3">
      <h1 className="text-2xl font-bold">The admin console cannot reach its data</h1>
      <p>Nothing was changed. The public status page keeps showing the last published state. Try again in a moment.</p>
      <button type="button" onClick={reset} className="rounded border border-neutral-500 px-3 py-1">
        Try again
      </button>
    </div>
  );
}
