import type { Metadata } from "next";
import { RoleRefusal } from "@/components/admin/role-refusal";
import { RemoveSubscriber } from "@/components/admin/subscription-admin";
import { buttonClass, inputClass } from "@/components/admin/field";
import { consoleAccess } from "@/server/session";
import { listSubscribers, subscriberCounts } from "@/server/subscribers";

export const metadata: Metadata = { title: "Subscribers" };

export default async function SubscribersPage({ searchParams }: { searchParams: Promise<{ q?: string; after?: string }> }) {
  const { actor, allowed } = await consoleAccess("admin");
  if (!allowed) return <RoleRefusal actorRole={actor?.role ?? null} role="admin" title="Subscribers" what="Seeing subscribers" />;
  const { q = "", after } = await searchParams;
  const query = String(q).slice(0, 254);
  const [counts, page] = await Promise.all([subscriberCounts(actor), listSubscribers(actor, { query, after: typeof after === "string" ? after.slice(0, 64) : undefined })]);
  return (
    <>
      <h1 className="text-2xl font-bold">Subscribers</h1>
      <p>
        <strong>{counts.confirmed.toLocaleString("en-GB")}</strong> confirmed, {counts.unconfirmed.toLocaleString("en-GB")} waiting for confirmation. Only confirmed addresses
        are sent updates.{" "}
        {counts.mailsWaiting ? `${counts.mailsWaiting.toLocaleString("en-GB")} confirmation ${counts.mailsWaiting === 1 ? "mail is" : "mails are"} waiting for the delivery worker. ` : null}
        <a href="/admin/subscribers/export" className="underline underline-offset-2" download>
          Export all as CSV
        </a>
      </p>
      <form method="get" className="flex flex-wrap items-end gap-2" role="search">
        <label htmlFor="q" className="block w-full font-medium">
          Find an address
        </label>
        <input id="q" name="q" type="search" defaultValue={query} maxLength={254} className={`${inputClass} max-w-sm`} />
        <button type="submit" className={buttonClass}>
          Find
        </button>
      </form>
      {page.rows.length === 0 ? (
        <p>{query ? "No address matches." : "Nobody has subscribed yet."}</p>
      ) : (
        <table className="w-full text-left text-sm">
          <thead>
            <tr className="border-b border-neutral-300 dark:border-neutral-700">
              <th scope="col" className="py-2">Address</th>
              <th scope="col">Services</th>
              <th scope="col">Status</th>
              <th scope="col"><span className="sr-only">Actions</span></th>
            </tr>
          </thead>
          <tbody>
            {page.rows.map((row) => (
              <tr key={row.id} className="border-b border-neutral-200 dark:border-neutral-800">
                <td className="py-2">{row.email}</td>
                <td>{row.services ? row.services.join(", ") : "All"}</td>
                <td>
                  {row.confirmedAt ? `Confirmed ${row.confirmedAt.toISOString().slice(0, 10)}` : "Not confirmed"}
                  {row.mailWaiting ? " · mail waiting to be sent" : ""}
                </td>
                <td className="text-right">
                  <RemoveSubscriber subscriberId={row.id} email={row.email} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {page.next ? (
        <p>
          <a href={`/admin/subscribers?${new URLSearchParams({ ...(query ? { q: query } : {}), after: page.next })}`} className="underline underline-offset-2">
            Next page
          </a>
        </p>
      ) : null}
    </>
  );
}
