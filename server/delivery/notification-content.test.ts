import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { loadNotificationContent, messageKey, webhookMessageId } from "@/server/delivery/notification-content";

const RLO = "\u202E", RLI = "\u2067";

// A title or name saved before the schemas dropped bidi controls would reorder the
// subject line around it: "[Status] Login gpj.exe (Resolved)" shown back to front.
describe("notification content", () => {
  let notificationId: string;

  beforeAll(async () => {
    await db().pageSettings.create({ data: { id: 1, name: `Example ${RLI}status`, url: "https://status.example.com", timeZone: "UTC" } });
    const service = await db().service.create({ data: { slug: "login", name: `${RLO}Login`, position: 0 } });
    const at = new Date("2024-03-01T10:00:00Z");
    const incident = await db().incident.create({
      data: {
        title: `Password reset ${RLO}gpj.exe`,
        impact: "minor",
        status: "investigating",
        startedAt: at,
        publishedAt: at,
        services: { create: [{ serviceId: service.id }] },
        updates: { create: { status: "investigating", body: "Looking into it.", displayAt: at, changes: { create: [{ serviceId: service.id, oldStatus: "operational", newStatus: "major_outage" }] } } },
      },
      include: { updates: true },
    });
    notificationId = (await db().notification.create({ data: { updateId: incident.updates[0].id } })).id;
  });

  it("names the page and the incident in the subject without bidi controls", async () => {
    const content = (await loadNotificationContent(notificationId))!;
    expect(content.subject).toBe("[Example status] Password reset gpj.exe (Investigating)");
    expect(content.pageName).toBe("Example status");
    for (const text of [content.text, content.html, content.webhookBody]) {
      expect(text).not.toMatch(/[\u202A-\u202E\u2066-\u2069]/);
    }
    expect(content.text).toContain("Login: Major outage");
  });

  // A mail has no address of its own: a relative link would lead nowhere.
  it("links to the page absolutely in the mail, without nofollow on the operator's own links", async () => {
    const at = new Date("2024-03-01T11:00:00Z");
    const incident = await db().incident.create({
      data: {
        title: "Password reset",
        impact: "minor",
        status: "identified",
        startedAt: at,
        publishedAt: at,
        updates: { create: { status: "identified", body: "See [our advice](/incidents/abc#update-1), [status](history) and [others](https://example.org/).", displayAt: at } },
      },
      include: { updates: true },
    });
    const content = (await loadNotificationContent((await db().notification.create({ data: { updateId: incident.updates[0].id } })).id))!;
    expect(content.html).toContain(
      '<p>See <a href="https://status.example.com/incidents/abc#update-1">our advice</a>, <a href="https://status.example.com/history">status</a> ' +
        'and <a href="https://example.org/" rel="nofollow noopener noreferrer ugc">others</a>.</p>',
    );
  });

  // A postmortem is told with its own subject, anchor, event and ids, never an update's.
  it("tells a published postmortem, and nothing for one that is not public", async () => {
    const at = new Date("2024-03-02T09:00:00Z");
    const incident = await db().incident.create({
      data: {
        title: "Password reset",
        impact: "major",
        status: "resolved",
        startedAt: at,
        resolvedAt: at,
        publishedAt: at,
        postmortemBody: "A **cache** failed. [Timeline](/incidents/x#update-1).",
        postmortemPublishedAt: at,
        postmortemUpdatedAt: at,
        updates: { create: { status: "resolved", body: "Fixed.", displayAt: at } },
      },
    });
    const content = (await loadNotificationContent((await db().notification.create({ data: { postmortemOfId: incident.id } })).id))!;
    expect(content.about).toEqual({ kind: "postmortem", incidentId: incident.id });
    expect(content.subject).toBe("[Example status] Postmortem: Password reset");
    expect(content.link).toBe(`https://status.example.com/incidents/${incident.id}#postmortem`);
    expect(content.text).toContain("Postmortem · 2 March 2024");
    expect(content.html).toContain('<strong>cache</strong> failed. <a href="https://status.example.com/incidents/x#update-1">Timeline</a>');
    expect(JSON.parse(content.webhookBody)).toMatchObject({ meta: { event: "incident.postmortem" }, incident: { id: incident.id, postmortem_body: "A **cache** failed. [Timeline](/incidents/x#update-1)." } });
    expect(content.chat).toMatchObject({ statusLabel: "Postmortem", final: true, changes: [], link: content.link });
    expect(messageKey(content.about)).toBe(`postmortem-${incident.id}`);
    expect(webhookMessageId(content.about, "ep1")).toBe(`msg_postmortem_${incident.id}_ep1`);

    // Back to a draft before it was sent: nothing goes out.
    await db().incident.update({ where: { id: incident.id }, data: { postmortemPublishedAt: null } });
    expect(await loadNotificationContent(content.notificationId)).toBeNull();
  });
});
