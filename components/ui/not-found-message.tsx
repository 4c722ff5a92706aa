import Link from "next/link";

export function NotFoundMessage() {
  return (
    <div className="space-y-3">
      <h1 className="text-2xl font-bold">Page not found</h1>
      <p>There is no page at this address. It may have been moved, or the link may be mistyped.</p>
      <p>
        <Link href="/" className="underline underline-offset-2">
          See the current status
        </Link>{" "}
        or{" "}
        <Link href="/history" className="underline underline-offset-2">
          browse past incidents
        </Link>
        .
      </p>
    </div>
  );
}
