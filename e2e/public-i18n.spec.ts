import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { baseURL } from "./base-url";

/** The site's root as Next writes it in <link> tags: without its slash. */
const ROOT = new RegExp(`^${baseURL.replace(/[.]/g, "\\.")}/?$`);

// A Japanese customer on the Sega Pass status page during the breach, with JavaScript
// off: the page in Japanese at /ja, English at /, whatever the browser says it prefers.

async function expectNoAxeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(" ")).join(", ")}`)).toEqual([]);
}

test.describe("the status page in Japanese", () => {
  test("reads in Japanese at /ja, with its dates written the Japanese way", async ({ page }) => {
    const response = await page.goto("/ja");
    expect(response?.status()).toBe(200);
    await expect(page.locator("html")).toHaveAttribute("lang", "ja");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Sega Pass status：現在の稼働状況");

    const banner = page.getByRole("region", { name: "大規模な障害が発生しています" });
    await expect(banner).toContainText("Sega Pass ログイン、Sega Pass パスワード再設定、フォーラムが停止しています。");
    await expect(banner).toContainText(/2011年6月17日 \d\d:\d\d \(GMT\+1\)現在/);
    for (const heading of ["お客様へのお願い", "発生中の障害", "各サービスの状態", "メンテナンス予定", "最近終了した障害・メンテナンス"]) {
      await expect(page.getByRole("heading", { name: heading, exact: true }), heading).toBeVisible();
    }

    const services = page.getByRole("region", { name: "各サービスの状態" });
    // The demo's services and incident are translated (server/demo-ja.ts).
    await expect(services.getByRole("listitem").filter({ has: page.getByRole("link", { name: "フォーラム", exact: true }) }).first()).toContainText("大規模障害");
    await expect(services.getByRole("listitem").filter({ has: page.getByRole("link", { name: "決済", exact: true }) }).first()).toContainText("正常");
    await expect(page.locator('[data-uptime="Sega Pass ログイン"] > li').nth(88)).toHaveAttribute("title", /^2011年6月16日\(木\)：大規模障害（\d+時間(\d+分)?停止）。関連する障害：Sega Pass データベースへの不正アクセスについて。$/);
    await expect(page.getByText(/^決済の過去90日間：稼働率 100\.00%、問題の記録はありません。$/)).toBeAttached();

    // Its latest update is left untranslated on purpose: shown in English, marked, with a note.
    const incident = page.getByRole("article", { name: "Sega Pass データベースへの不正アクセスについて" });
    await expect(incident.getByRole("article").first().locator('[lang="en"]')).toContainText("LulzSec");
    await expect(incident.getByRole("article").first()).toContainText("この更新はまだ日本語に翻訳されていません。原文（英語）を表示しています。");
    await expect(incident).toContainText("影響度：重大");
    await expect(incident.getByRole("article").first()).toContainText("2011年6月17日 19:30 (GMT+1)");
    await expect(page.getByRole("contentinfo")).toContainText("時刻はすべてタイムゾーン「Europe/London」で表示しています。");
    await expect(page.getByText(/^デモ：このページは2011年6月17日 \d\d:\d\d \(GMT\+1\)時点の状況を表示しています。$/)).toBeVisible();
  });

  test("names its English twin for search engines and links to it without scripts", async ({ page }) => {
    await page.goto("/ja");
    await expect(page.locator('link[rel="canonical"]')).toHaveAttribute("href", `${baseURL}/ja`);
    await expect(page.locator('link[rel="alternate"][hreflang="en"]')).toHaveAttribute("href", ROOT);
    await expect(page.locator('link[rel="alternate"][hreflang="ja"]')).toHaveAttribute("href", `${baseURL}/ja`);
    await expect(page.locator('link[rel="alternate"][hreflang="x-default"]')).toHaveAttribute("href", ROOT);

    const english = page.getByRole("navigation", { name: "言語" }).getByRole("link", { name: "English" });
    await expect(english).toHaveAttribute("href", "/");
    await expect(english).toHaveAttribute("lang", "en");
    await english.click();
    await expect(page).toHaveURL(`${baseURL}/`);
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Sega Pass status: current status");
    const japanese = page.getByRole("navigation", { name: "Language" }).getByRole("link", { name: "日本語" });
    await expect(japanese).toHaveAttribute("href", "/ja");
    await expect(japanese).toHaveAttribute("hreflang", "ja");
    await expect(page.locator('link[rel="alternate"][hreflang="ja"]')).toHaveAttribute("href", `${baseURL}/ja`);
  });

  test("leaves / in English for a browser that prefers Japanese: no redirect, one response for everyone", async ({ request }) => {
    const response = await request.get("/", { headers: { "Accept-Language": "ja-JP,ja;q=0.9,en;q=0.5" }, maxRedirects: 0 });
    expect(response.status()).toBe(200);
    expect(response.headers()["vary"] ?? "").not.toMatch(/accept-language/i);
    const html = await response.text();
    expect(html).toContain('<html lang="en"');
    expect(html).toContain("Major outage");
    expect(html).not.toContain("大規模な障害が発生しています");
    // The English language's prefix is the same page, named once.
    const prefixed = await request.get("/en", { maxRedirects: 0 });
    expect(prefixed.status()).toBe(200);
    const canonical = /<link rel="canonical" href="([^"]*)"/.exec(await prefixed.text())?.[1];
    expect(canonical).toMatch(ROOT);
    expect((await request.get("/ja", { headers: { "Accept-Language": "en" } })).headers()["vary"] ?? "").not.toMatch(/accept-language/i);
  });

  test("answers a page that has no Japanese version yet with a Japanese 404", async ({ page }) => {
    const response = await page.goto("/ja/history");
    expect(response?.status()).toBe(404);
    await expect(page.locator("html")).toHaveAttribute("lang", "ja");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("ページが見つかりません");
    // The switch leads to the other language's home page, which exists.
    await expect(page.getByRole("navigation", { name: "言語" }).getByRole("link", { name: "English" })).toHaveAttribute("href", "/");
    await expect(page.getByRole("link", { name: "現在の稼働状況" })).toHaveAttribute("href", "/ja");
  });

  test("is readable at 320 px wide without sideways scrolling", async ({ page }) => {
    await page.setViewportSize({ width: 320, height: 800 });
    for (const path of ["/ja", "/ja/no-such-page"]) {
      await page.goto(path);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, path).toBeLessThanOrEqual(0);
    }
  });

  for (const colorScheme of ["light", "dark"] as const) {
    test(`has no accessibility violations in Japanese (${colorScheme})`, async ({ browser }) => {
      test.slow();
      // axe runs as a script in the page, so this check alone turns JavaScript on.
      const context = await browser.newContext({ javaScriptEnabled: true, colorScheme });
      const page = await context.newPage();
      for (const path of ["/ja", "/ja/no-such-page"]) {
        await page.goto(path);
        await expectNoAxeViolations(page);
      }
      await context.close();
    });
  }
});
