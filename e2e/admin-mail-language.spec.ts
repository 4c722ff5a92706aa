import { expect, test } from "@playwright/test";
import { openIncident, signIn } from "./admin";
import { OWNER } from "./base-url";
import { linkTo, waitForMail } from "./mail";

// A reader of the Japanese page subscribes there with JavaScript off and gets every mail
// in Japanese: the confirmation, then each update an admin posts, whose text (written in
// English, not translated yet) comes as written with a note saying so in Japanese.

test("a reader subscribes on /ja/subscribe, confirms from the Japanese mail and gets the update in Japanese, its untranslated text with a note", async ({ browser, page }) => {
  // Two contexts and two mail round trips through the worker: a slow test on two shared cores.
  test.slow();
  const phone = await browser.newContext({ javaScriptEnabled: false });
  const readerPage = await phone.newPage();
  const reader = `yuki.${Date.now()}@example.jp`;

  await readerPage.goto("/ja/subscribe");
  await expect(readerPage.locator("html")).toHaveAttribute("lang", "ja");
  // The mails' language starts as the page's, each language named in itself.
  const language = readerPage.getByLabel("メールの言語");
  await expect(language).toHaveValue("ja");
  await expect(language.locator("option")).toHaveText(["English", "日本語"]);
  await readerPage.getByLabel("メールアドレス").fill(reader);
  await readerPage.getByRole("radio", { name: /チェックしたサービスのみ/ }).check();
  await readerPage.getByRole("checkbox", { name: "Forums" }).check();
  await readerPage.getByRole("button", { name: "登録する" }).click();
  await expect(readerPage.getByRole("main").getByRole("status")).toContainText("受信トレイをご確認ください");

  // RFC 2047 on the wire; mailparser reads it back as Japanese.
  const [confirmation] = await waitForMail(reader, /お知らせメール登録の確認$/);
  expect(confirmation.headers).toMatch(/^Subject: =\?UTF-8\?[BQ]\?/m);
  expect(confirmation.parsed.text).toContain("Forumsについてのお知らせを受け取るための登録の申し込みがありました。");
  const confirmLink = linkTo(confirmation, "/subscriptions/confirm");
  expect(new URL(confirmLink).pathname).toBe("/ja/subscriptions/confirm");
  await readerPage.goto(confirmLink);
  await readerPage.getByRole("button", { name: "登録を確定する" }).click();
  await expect(readerPage.getByRole("main").getByRole("status").first()).toContainText("登録が完了しました。");
  await expect(readerPage.getByLabel("メールの言語")).toHaveValue("ja");

  // The comms lead posts in English, as always; nobody has translated it yet.
  await signIn(page, OWNER);
  const title = `Forum posts delayed ${Date.now()}`;
  await openIncident(page, { title, service: "Forums", body: "New posts take **minutes** to appear. We are on it." });
  const [notice] = await waitForMail(reader, new RegExp(`^\\[.+\\] ${title}（調査中）$`));
  expect(notice.headers).toMatch(/^Subject: =\?UTF-8\?[BQ]\?/m);
  const text = notice.parsed.text ?? "";
  expect(text).toMatch(/調査中 · \d{4}年\d{1,2}月\d{1,2}日 \d\d:\d\d \((GMT|BST)[+\d]*\)/);
  expect(text).toContain("この内容はまだ日本語に翻訳されていないため、原文（英語）のまま掲載しています。\n\nNew posts take minutes to appear. We are on it.");
  expect(text).toMatch(/ステータスページで見る：https?:\/\/\S+\/ja\/incidents\/\w+#update-\w+/);
  expect(text).toMatch(/配信停止：https?:\/\/\S+\/ja\/subscriptions\/unsubscribe\?token=/);
  const html = notice.parsed.html || "";
  expect(html).toContain('<html lang="ja">');
  expect(html).toContain('<div lang="en"><p>New posts take <strong>minutes</strong> to appear. We are on it.</p>');
  expect(html).toContain("原文（英語）のまま掲載しています。");

  // The link leads to the Japanese page of the incident.
  await readerPage.goto(/https?:\/\/\S+\/ja\/incidents\/\w+#update-\w+/.exec(text)![0]);
  await expect(readerPage.locator("html")).toHaveAttribute("lang", "ja");
  await expect(readerPage.getByRole("heading", { level: 1 })).toHaveText(title);

  // From the manage page in the mail, the reader switches to English: the next mail is English.
  await readerPage.goto(linkTo(notice, "/subscriptions/manage"));
  await readerPage.getByLabel("メールの言語").selectOption("en");
  await readerPage.getByRole("button", { name: "言語を保存" }).click();
  // Said in the language chosen, and marked as such on the Japanese page.
  await expect(readerPage.locator('[lang="en"]').getByText("Saved: our mails to you will be in English.")).toBeVisible();
  await expect(readerPage.getByLabel("メールの言語")).toHaveValue("en");
  await readerPage.goto("/ja/subscribe");
  await readerPage.getByLabel("メールアドレス").fill(reader);
  await readerPage.getByRole("button", { name: "登録する" }).click();
  const [already] = await waitForMail(reader, /^You already get updates from /);
  expect(new URL(linkTo(already, "/subscriptions/manage")).pathname).toBe("/subscriptions/manage");
  await phone.close();
});
