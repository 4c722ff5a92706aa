import Link from "next/link";
import { redirect } from "next/navigation";
import type { ReactNode } from "react";
import { signOutAction } from "@/app/admin/actions";
import { ROLE_LABELS } from "@/lib/constants";
import { currentActor } from "@/server/session";

export const dynamic = "force-dynamic";

export default async function ConsoleLayout({ children }: { children: ReactNode }) {
  const actor = await currentActor();
  if (!actor) redirect("/admin/login");
  if (actor.twoFactorPending) redirect("/admin/login/verify");
  if (actor.mustSetUpTwoFactor) redirect("/admin/two-factor");
  return (
    <>
      <header className="border-b border-neutral-300 bg-white dark:border-neutral-800 dark:bg-neutral-900">
        <div className="mx-auto flex max-w-4xl flex-wrap items-center justify-between gap-3 px-4 py-3">
          <nav aria-label="Admin">
            <ul className="flex flex-wrap gap-4">
              <li>
                <Link href="/admin" className="font-bold">
                  Herald admin
                </Link>
              </li>
              <li>
                <Link href="/admin/incidents/new" className="underline-offset-2 hover:underline">
                  New incident
                </Link>
              </li>
              <li>
                <Link href="/admin/maintenance/new" className="underline-offset-2 hover:underline">
                  Plan maintenance
                </Link>
              </li>
              {actor.role !== "editor" ? (
                <li>
                  <Link href="/admin/services" className="underline-offset-2 hover:underline">
                    Services
                  </Link>
                </li>
              ) : null}
              <li>
                <Link href="/admin/audit" className="underline-offset-2 hover:underline">
                  Audit log
                </Link>
              </li>
              {actor.role === "owner" ? (
                <>
                  <li>
                    <Link href="/admin/users" className="underline-offset-2 hover:underline">
                      Users
                    </Link>
                  </li>
                  <li>
                    <Link href="/admin/settings" className="underline-offset-2 hover:underline">
                      Settings
                    </Link>
                  </li>
                </>
              ) : null}
              <li>
                <Link href="/admin/account" className="underline-offset-2 hover:underline">
                  Your account
                </Link>
              </li>
              <li>
                <a href="/" className="underline-offset-2 hover:underline">
                  Public page
                </a>
              </li>
            </ul>
          </nav>
          <div className="flex items-center gap-3 text-sm">
            <span>
              {actor.email} ({ROLE_LABELS[actor.role]})
            </span>
            <form action={signOutAction}>
              <button type="submit" className="underline underline-offset-2">
                Sign out
              </button>
            </form>
          </div>
        </div>
      </header>
      <main id="main" className="mx-auto max-w-4xl space-y-8 px-4 py-6">
        {children}
      </main>
    </>
  );
}
