import { describe, expect, it, beforeAll } from "vitest";
import type { Actor } from "@/lib/views/actor";
import { db } from "@/server/db";
import { loadDemoStory } from "@/server/demo";
import { deliveryProgress } from "@/server/delivery/progress";
import { openIncident } from "@/server/incident-updates";

// What the console's deliveries view shows: each published update's deliveries add up.

const actor = (id: string, role: Actor["role"]): Actor => ({ id, email: `${role}@sega.example`, name: "", role, sessionId: "s" });
let editor: Actor;

beforeAll(async () => {
  await loadDemoStory(db(), "https://status.sega.example");
  editor = actor((await db().user.create({ data: { email: "editor@sega.example", role: "editor", passwordHash: "x" } })).id, "editor");
  const now = new Date();
  await db().subscriber.createMany({ data: [{ email: "one@example.com", manageNonce: "a", confirmedAt: now }, { email: "two@example.com", manageNonce: "b", confirmedAt: now }] });
});

describe("delivery progress", () => {
  it("counts each published update's deliveries by status, with the reasons", async () => {
    const result = await openIncident(editor, { title: "Forums down", impact: "major", status: "investigating", body: "Down." });
    const notification = await db().notification.findFirstOrThrow({ where: { update: { incidentId: result.incidentId } } });
    const subscribers = await db().subscriber.findMany();
    await db().delivery.createMany({
      data: [
        { notificationId: notification.id, subscriberId: subscribers[0].id, status: "sent" },
        { notificationId: notification.id, subscriberId: subscribers[1].id, status: "failed", lastError: "550 No such user" },
      ],
    });
    const [progress] = await deliveryProgress(editor);
    expect(progress).toMatchObject({
      incidentId: result.incidentId,
      title: "Forums down",
      fannedOut: false,
      counts: { sent: 1, pending: 0, failed: 1, skipped: 0 },
      reasons: [{ reason: "550 No such user", count: 1 }],
    });
    expect(await deliveryProgress(editor, { incidentId: result.incidentId })).toHaveLength(1);
    expect(await deliveryProgress(editor, { incidentId: "no-such-incident" })).toEqual([]);
  });
});
