import type { Metadata } from "next";
import Link from "next/link";
import { signOutAction } from "@/app/admin/actions";
import { ChangePasswordForm } from "@/components/admin/account-forms";
import { consoleAccess } from "@/server/session";

export const metadata: Metadata = { title: "Your account" };

export default async function AccountPage() {
  await consoleAccess("editor");
  return (
    <>
      <h1 className="text-2xl font-bold">Your account</h1>
      <section aria-labelledby="password" className="space-y-3">
        <h2 id="password" className="text-xl font-semibold">
          Change your password
        </h2>
        <p>At least 12 characters, and not a common or guessable one. Your other sessions end when it changes.</p>
        <ChangePasswordForm />
      </section>
      <section aria-labelledby="two-factor" className="space-y-2">
        <h2 id="two-factor" className="text-xl font-semibold">
          Two-factor authentication
        </h2>
        <p>
          <Link href="/admin/two-factor" className="underline underline-offset-2">
            Set up or replace your authenticator
          </Link>
        </p>
      </section>
      <section aria-labelledby="sessions" className="space-y-2">
        <h2 id="sessions" className="text-xl font-semibold">
          Sessions
        </h2>
        <form action={signOutAction}>
          <input type="hidden" name="everywhere" value="yes" />
          <button type="submit" className="rounded border border-neutral-500 px-3 py-1">
            Sign out everywhere
          </button>
        </form>
      </section>
    </>
  );
}
