import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { loadNotificationContent, mailFooter, messageKey, webhookMessageId } from "@/server/delivery/notification-content";

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

// A subscriber reads the mail in their language: the catalogs' words, the page's dates in
// that language, the incident's translations; an update nobody translated yet comes as
// written, marked with its language, and says so in the reader's language.
describe("notification content in the subscriber's language", () => {
  let serviceId: string;

  beforeAll(async () => {
    const service = await db().service.create({ data: { slug: "forums", name: "Forums", position: 1, translations: { create: { locale: "ja", name: "フォーラム" } } } });
    serviceId = service.id;
  });

  async function incidentWith({ title, advice, body, translated }: { title: string; advice: string; body: string; translated: { title?: string; advice?: string; body?: string } }) {
    const at = new Date("2024-03-03T14:05:00Z");
    const incident = await db().incident.create({
      data: {
        title,
        impact: "minor",
        status: "investigating",
        startedAt: at,
        publishedAt: at,
        advice,
        adviceUpdatedAt: at,
        services: { create: [{ serviceId }] },
        translations: translated.title || translated.advice ? { create: { locale: "ja", title: translated.title, advice: translated.advice } } : undefined,
        updates: {
          create: {
            status: "investigating",
            body,
            displayAt: at,
            changes: { create: [{ serviceId, oldStatus: "operational", newStatus: "major_outage" }] },
            translations: translated.body ? { create: { locale: "ja", body: translated.body } } : undefined,
          },
        },
      },
      include: { updates: true },
    });
    const notification = await db().notification.create({ data: { updateId: incident.updates[0].id } });
    return { incidentId: incident.id, updateId: incident.updates[0].id, notificationId: notification.id };
  }

  it("writes the whole mail in Japanese from the catalogs and the translations", async () => {
    const { incidentId, updateId, notificationId } = await incidentWith({
      title: "Forum posts delayed",
      advice: "Save your post before sending it.",
      body: "We are **looking into it**.",
      translated: { title: "フォーラムの投稿の遅延", advice: "送信する前に投稿を保存してください。", body: "**原因を調査しています**。" },
    });
    const content = (await loadNotificationContent(notificationId, "ja"))!;
    expect(content.locale).toBe("ja");
    expect(content.subject).toBe("[Example status] フォーラムの投稿の遅延（調査中）");
    expect(content.link).toBe(`https://status.example.com/ja/incidents/${incidentId}#update-${updateId}`);
    expect(content.text).toBe(
      [
        "お客様へのお願い",
        "送信する前に投稿を保存してください。",
        "",
        "----",
        "",
        "フォーラムの投稿の遅延",
        "調査中 · 2024年3月3日 14:05 (UTC)",
        "",
        "原因を調査しています。",
        "",
        "フォーラム：大規模障害",
        "",
        `ステータスページで見る：${content.link}`,
      ].join("\n"),
    );
    expect(content.html).toContain('<html lang="ja">');
    expect(content.html).toContain("<strong>原因を調査しています</strong>");
    expect(content.html).toContain(`<a href="${content.link}">ステータスページで見る</a>`);
    // Everything is in the reader's language: nothing is marked as another, and no note.
    expect(content.html).not.toMatch(/ lang="en"/);
    expect(content.text + content.html).not.toContain("翻訳されていない");

    const footer = mailFooter(content, { manage: "https://status.example.com/ja/subscriptions/manage?token=t", unsubscribe: "https://status.example.com/ja/subscriptions/unsubscribe?token=t" });
    expect(footer.text).toContain("\n--\nExample statusのお知らせにご登録いただいているため、このメールをお送りしています。\n受け取るサービスや言語の変更：https://status.example.com/ja/subscriptions/manage?token=t\n配信停止：");
    expect(footer.html).toContain('<a href="https://status.example.com/ja/subscriptions/unsubscribe?token=t">配信停止</a></p></body></html>');

    // The same notification in English is the original, and the same message for machines.
    const english = (await loadNotificationContent(notificationId, "en"))!;
    expect(english.subject).toBe("[Example status] Forum posts delayed (Investigating)");
    expect(english.text).toContain("Forums: Major outage");
    expect(english.link).toBe(`https://status.example.com/incidents/${incidentId}#update-${updateId}`);
    expect(messageKey(english.about)).toBe(messageKey(content.about));
    expect(JSON.parse(english.webhookBody).incident).toEqual(JSON.parse(content.webhookBody).incident);
  });

  it("sends an update not yet translated as written, marked English, with a note in Japanese in both parts", async () => {
    const { notificationId } = await incidentWith({
      title: "Forum posts delayed",
      advice: "Save your post before sending it.",
      body: "Posts take **minutes** to appear.",
      translated: { title: "フォーラムの投稿の遅延", advice: "送信する前に投稿を保存してください。" },
    });
    const content = (await loadNotificationContent(notificationId, "ja"))!;
    const note = "この内容はまだ日本語に翻訳されていないため、原文（英語）のまま掲載しています。";
    expect(content.subject).toBe("[Example status] フォーラムの投稿の遅延（調査中）");
    expect(content.text).toContain(`フォーラムの投稿の遅延\n調査中 · 2024年3月3日 14:05 (UTC)\n${note}\n\nPosts take minutes to appear.`);
    expect(content.html).toContain(`<p style="color:#555;font-style:italic;margin:.25rem 0">${note}</p>\n<div lang="en"><p>Posts take <strong>minutes</strong> to appear.</p>`);
    // The translated title and advice are not marked, and the advice box has no note.
    expect(content.html).toMatch(/<h1 style=/);
    expect(content.html.split(note)).toHaveLength(2);
    expect(content.text.split(note)).toHaveLength(2);
  });

  it("marks an untranslated title and advice too, and an English reader of a Japanese incident gets the note in English", async () => {
    const { notificationId, incidentId } = await incidentWith({ title: "Forum posts delayed", advice: "Save your post first.", body: "Looking into it.", translated: {} });
    const content = (await loadNotificationContent(notificationId, "ja"))!;
    expect(content.subject).toBe("[Example status] Forum posts delayed（調査中）");
    expect(content.html).toContain('<h1 lang="en" style=');
    expect(content.html).toContain('<div lang="en"><p>Save your post first.</p>');
    // One note in the advice box, one under the heading.
    expect(content.html.split("原文（英語）")).toHaveLength(3);

    await db().incident.update({ where: { id: incidentId }, data: { sourceLocale: "ja" } });
    const english = (await loadNotificationContent(notificationId, "en"))!;
    expect(english.html).toContain('<html lang="en">');
    expect(english.html).toContain('<h1 lang="ja" style=');
    expect(english.text).toContain("Not yet translated into English: shown as written, in Japanese.");
  });
});
