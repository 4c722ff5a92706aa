import "server-only";
import { db } from "@/server/db";
import { inLanes } from "@/server/delivery/batch";
import { claimDue, leaseRunningOut, type LeasedTable } from "@/server/delivery/claim";
import { firstLine, type WorkerContext } from "@/server/delivery/context";
import { MailError } from "@/server/delivery/mailer";
import { retryDelay } from "@/server/delivery/retry";
import { getPageSettings } from "@/server/settings";
import { linkContext, owedMail, type OwedMailKind } from "@/server/subscriptions";

// The mails the subscribe form owes (a confirmation, or "you already subscribe"): the form
// only records one on the subscriber's row (server/subscriptions.ts), so it answers as fast
// for a known address as for a new one; the worker sends it, leased like a delivery.

/**
 * A confirmation mail is retried for about a day at the default 30 s base (doubling to
 * an hour, then hourly) before it is given up; the form sends a new one when asked again.
 */
export const OWED_MAIL_MAX_ATTEMPTS = 30;

const dueMails = (now: Date) => ({ mailKind: { not: null }, mailDueAt: { lte: now } });

const heldMails = (claim: string) => db().subscriber.findMany({ where: { mailClaim: claim }, include: { services: { include: { service: { select: { name: true, translations: { select: { locale: true, name: true } } } } } } } });

type Owed = Awaited<ReturnType<typeof heldMails>>[number];

// The lease is the due time itself: pushed past the lease's end, the mail is due again if this worker dies.
const owedMails: LeasedTable<string, ReturnType<typeof dueMails>, Owed> = {
  due: dueMails,
  pick: (where, take) => db().subscriber.findMany({ where, orderBy: { mailDueAt: "asc" }, take, select: { id: true } }),
  mark: (where, lease) => db().subscriber.updateMany({ where, data: { mailClaim: lease.claim, mailDueAt: lease.until, mailAttempts: { increment: 1 } } }),
  held: heldMails,
};

/** Sends the mails the subscribe form owes; returns how many were due. */
export async function sendOwedMails(worker: WorkerContext): Promise<number> {
  // One round of sends per claim, so none waits behind others until its lease is nearly gone.
  const { lease, rows: owed } = await claimDue(owedMails, { workerId: worker.id, leaseMs: worker.settings.leaseMs, take: worker.settings.concurrency });
  if (owed.length === 0) return 0;
  const [settings, links] = await Promise.all([getPageSettings(), linkContext()]);
  // Each write is conditional on the claim: a new request from the form meanwhile
  // (new link, claim cleared) keeps its mail owed, so the newest link is always sent.
  const settle = (id: string, data: { mailKind?: null; mailDueAt: Date | null; mailAttempts?: number }) =>
    db().subscriber.updateMany({ where: { id, mailClaim: lease.claim }, data: { ...data, mailClaim: null } });
  const send = async (subscriber: Owed) => {
    if (leaseRunningOut(lease.until, worker.settings.leaseMs)) return;
    try {
      const message = owedMail(subscriber, subscriber.mailKind as OwedMailKind, settings.name, links);
      if (message) await worker.mail.send(message);
    } catch (error) {
      const giveUp = (error instanceof MailError && error.permanent) || subscriber.mailAttempts >= OWED_MAIL_MAX_ATTEMPTS;
      worker.log(`subscribe mail to subscriber ${subscriber.id}: ${firstLine(error)}${giveUp ? " (given up; the form sends a new one when asked again)" : ""}`);
      await settle(
        subscriber.id,
        giveUp ? { mailKind: null, mailDueAt: null } : { mailDueAt: new Date(Date.now() + retryDelay(worker.settings.retryBaseMs, subscriber.mailAttempts, 3600_000)) },
      );
      return;
    }
    await settle(subscriber.id, { mailKind: null, mailDueAt: null, mailAttempts: 0 });
  };
  // A database error leaves the row leased: the mail is owed again when the lease runs out.
  await inLanes(owed, worker.settings.concurrency, (subscriber) => send(subscriber).catch((error) => worker.log(`subscribe mail to subscriber ${subscriber.id}: ${firstLine(error)}`)));
  return owed.length;
}
