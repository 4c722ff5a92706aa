import type { Metadata } from "next";
import Link from "next/link";

export const metadata: Metadata = { title: "Unsubscribed" };

export default function UnsubscribedPage() {
  return (
    <div className="max-w-xl space-y-4">
      <h1 className="text-2xl font-bold">You are unsubscribed</h1>
      <p>We will not mail you again, and your address is deleted.</p>
      <p>
        <Link href="/" className="underline underline-offset-2">
          Back to the status page
        </Link>
      </p>
    </div>
  );
}
