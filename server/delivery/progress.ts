import "server-only";
import type { DeliveryStatus } from "@/lib/constants";
import type { DeliveryProgress } from "@/lib/views/deliveries";
import type { Actor } from "@/lib/views/actor";
import { authorize } from "@/server/auth";
import { db } from "@/server/db";
import { notificationSubject, notificationSubjectSelect } from "@/server/delivery/notification-subject";

// How far each notification (a published update or postmortem) has reached, for the
// console's live deliveries view.

/** Each recent notification's delivery progress (of one incident, if given), for the live admin view. */
export async function deliveryProgress(actor: Actor | null, { take = 20, incidentId }: { take?: number; incidentId?: string } = {}): Promise<DeliveryProgress[]> {
  authorize(actor, "editor");
  const notifications = await db().notification.findMany({
    where: incidentId ? { OR: [{ update: { incidentId } }, { postmortemOfId: incidentId }] } : {},
    orderBy: { createdAt: "desc" },
    take,
    select: { id: true, createdAt: true, expandedAt: true, ...notificationSubjectSelect },
  });
  const ids = notifications.map((notification) => notification.id);
  const waiting: DeliveryStatus[] = ["failed", "pending"];
  const [counts, reasons] = await Promise.all([
    db().delivery.groupBy({ by: ["notificationId", "status"], where: { notificationId: { in: ids } }, _count: { _all: true } }),
    db().delivery.groupBy({
      by: ["notificationId", "lastError"],
      where: { notificationId: { in: ids }, lastError: { not: null }, status: { in: waiting } },
      _count: { _all: true },
    }),
  ]);
  return notifications.map((notification) => {
    const mine = counts.filter((row) => row.notificationId === notification.id);
    const count = (status: DeliveryStatus) => mine.find((row) => row.status === status)?._count._all ?? 0;
    return {
      notificationId: notification.id,
      ...notificationSubject(notification),
      publishedAt: notification.createdAt.toISOString(),
      fannedOut: notification.expandedAt !== null,
      counts: { sent: count("sent"), pending: count("pending"), failed: count("failed"), skipped: count("skipped") },
      reasons: reasons
        .filter((row) => row.notificationId === notification.id)
        .map((row) => ({ reason: row.lastError!, count: row._count._all }))
        .sort((a, b) => b.count - a.count)
        .slice(0, 5),
    };
  });
}
