import "server-only";
import type { SubscriberRow } from "@/lib/views/subscribers";
import { subscriberIdSchema } from "@/lib/schemas/subscriptions";
import { audit } from "@/server/audit";
import type { Actor } from "@/lib/views/actor";
import { authorize } from "@/server/auth";
import { db, writeTransaction } from "@/server/db";
import { mutation } from "@/server/mutation";

// The admin side of subscribers: counts, the list, removal and the CSV export. (A reader's
// own subscription, from subscribing to unsubscribing, is server/subscriptions.ts.)
// Subscriber addresses appear only here, behind the admin role, and in the audited export.

const PAGE = 50;

/** The chosen services' names, loaded with a subscriber or a webhook endpoint (server/webhooks.ts). */
export const withServiceNames = { services: { include: { service: { select: { name: true } } } } } as const;

/** Null for "all services", else the names of the chosen ones. */
export function chosenServices(row: { allServices: boolean; services: { service: { name: string } }[] }): string[] | null {
  return row.allServices ? null : row.services.map((link) => link.service.name);
}

export async function subscriberCounts(actor: Actor | null) {
  authorize(actor, "admin");
  const [confirmed, unconfirmed, mailsWaiting] = await Promise.all([
    db().subscriber.count({ where: { confirmedAt: { not: null } } }),
    db().subscriber.count({ where: { confirmedAt: null } }),
    db().subscriber.count({ where: { mailKind: { not: null } } }),
  ]);
  return { confirmed, unconfirmed, mailsWaiting };
}

/** One page of subscribers, newest last, optionally matching part of an address. */
export async function listSubscribers(actor: Actor | null, { query = "", after }: { query?: string; after?: string }): Promise<{ rows: SubscriberRow[]; next: string | null }> {
  authorize(actor, "admin");
  const rows = await db().subscriber.findMany({
    where: { ...(query ? { email: { contains: query.toLowerCase().slice(0, 254) } } : {}), ...(after ? { id: { gt: after } } : {}) },
    orderBy: { id: "asc" },
    take: PAGE + 1,
    include: withServiceNames,
  });
  return {
    rows: rows.slice(0, PAGE).map((row) => ({
      id: row.id,
      email: row.email,
      confirmedAt: row.confirmedAt,
      mailWaiting: row.mailKind !== null,
      createdAt: row.createdAt,
      services: chosenServices(row),
    })),
    next: rows.length > PAGE ? rows[PAGE - 1].id : null,
  };
}

export const removeSubscriber = mutation(
  { role: "admin", schema: subscriberIdSchema, audit: "subscriber", values: false, invalid: "That subscriber is not known." },
  async ({ tx, data, audit }) => {
    const subscriber = await tx.subscriber.findUnique({ where: { id: data.subscriberId } });
    if (!subscriber) return { message: "Already removed." };
    await tx.subscriber.delete({ where: { id: subscriber.id } });
    await audit({ action: "subscriber_removed", entityId: subscriber.id, before: { email: subscriber.email } });
    return { message: `${subscriber.email} is removed and will get nothing more.` };
  },
);

/** A spreadsheet cell that cannot be read as a formula (CSV injection), quoted per RFC 4180. */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/**
 * Streams every subscriber as CSV, a page at a time, and records who exported it. A read,
 * so not a mutation(): its audit entry is written on its own, before the first row.
 */
export async function exportSubscribers(actor: Actor | null): Promise<ReadableStream<Uint8Array>> {
  const who = authorize(actor, "admin");
  await writeTransaction((tx) => audit(tx, { actor: who, action: "subscribers_exported", entityType: "subscriber", entityId: "*" }));
  const encoder = new TextEncoder();
  let after = "";
  let header = true;
  return new ReadableStream({
    async pull(controller) {
      if (header) {
        header = false;
        controller.enqueue(encoder.encode("email,status,services,subscribed_at,confirmed_at\r\n"));
        return;
      }
      const rows = await db().subscriber.findMany({
        where: { id: { gt: after } },
        orderBy: { id: "asc" },
        take: 2_000,
        include: withServiceNames,
      });
      if (rows.length === 0) return controller.close();
      after = rows[rows.length - 1].id;
      const lines = rows.map((row) =>
        [
          row.email,
          row.confirmedAt ? "confirmed" : "unconfirmed",
          chosenServices(row)?.join("; ") ?? "all",
          row.createdAt.toISOString(),
          row.confirmedAt?.toISOString() ?? "",
        ]
          .map(csvCell)
          .join(","),
      );
      controller.enqueue(encoder.encode(lines.join("\r\n") + "\r\n"));
    },
  });
}
