import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { createUser } from "./admin";

// The console speaks each admin's language: the browser's until they choose, then their
// own choice on their account page, whatever the public page's default is.

const EDITOR = { email: "kaori.editor@sega.example", password: "amber-kettle-harbour-ninety-one" };

test.describe.configure({ mode: "serial" });

test.beforeAll(() => createUser(EDITOR));

/** A browser whose person reads `locale` first (its Accept-Language), with or without JavaScript. */
async function browserIn(browser: Browser, locale: string, javaScriptEnabled = true): Promise<Page> {
  const context = await browser.newContext({ locale, javaScriptEnabled });
  return context.newPage();
}

async function signIn(page: Page, labels: { email: string; password: string; submit: string }) {
  await page.goto("/admin/login");
  await page.getByLabel(labels.email).fill(EDITOR.email);
  await page.getByLabel(labels.password).fill(EDITOR.password);
  await page.getByRole("button", { name: labels.submit }).click();
  await expect(page).toHaveURL(/\/admin$/);
}

const JAPANESE = { email: "メールアドレス", password: "パスワード", submit: "ログイン" };
const ENGLISH = { email: "Email", password: "Password", submit: "Sign in" };

async function expectNoAxeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.map((violation) => `${page.url()} ${violation.id}: ${violation.nodes.map((node) => node.target.join(" ")).join(", ")}`)).toEqual([]);
}

test("a Japanese browser gets the sign-in page and the console in Japanese before anyone chooses", async ({ browser }) => {
  const page = await browserIn(browser, "ja-JP");
  await page.goto("/admin/login");
  await expect(page.locator("html")).toHaveAttribute("lang", "ja");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Heraldにログイン");
  await expect(page).toHaveTitle(/^ログイン/);
  await expectNoAxeViolations(page);
  await signIn(page, JAPANESE);
  const nav = page.getByRole("navigation", { name: "管理メニュー" });
  await expect(nav.getByRole("link", { name: "Herald 管理画面" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Sega Pass status：管理画面");
  await expect(page.getByRole("heading", { name: "対応中の障害・メンテナンス" })).toBeVisible();
  await expect(page.getByText(`${EDITOR.email}（編集者）`)).toBeVisible();
  await expectNoAxeViolations(page);
  // The form used most under pressure.
  await page.goto("/admin/incidents/new");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("障害を登録する");
  await expect(page.getByLabel("タイトル")).toBeVisible();
  await expect(page.getByLabel("影響度").locator("option:checked")).toHaveText("大");
  await expect(page.getByRole("group", { name: "影響を受けるサービスとステータス" })).toBeVisible();
  await expect(page.getByRole("button", { name: "障害を公開" })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.context().close();
});

test("an admin with an English browser chooses Japanese on their account page, without JavaScript, and back", async ({ browser }) => {
  // Signed in as usual (the sign-in form checks its fields with scripts), then the same session without them.
  const signedIn = await browserIn(browser, "en-US");
  await signIn(signedIn, ENGLISH);
  await expect(signedIn.getByRole("heading", { level: 1 })).toHaveText("Sega Pass status: admin");
  const context = await browser.newContext({ locale: "en-US", javaScriptEnabled: false, storageState: await signedIn.context().storageState() });
  await signedIn.context().close();
  const page = await context.newPage();
  await page.goto("/admin/account");
  const language = page.getByLabel("Console language");
  await expect(language).toHaveValue("");
  await language.selectOption("ja");
  await page.getByRole("button", { name: "Save language" }).click();

  // The answer, the page around it and every later page are in Japanese.
  await expect(page.getByRole("status")).toContainText("管理画面を日本語で表示します。");
  await expect(page.locator("html")).toHaveAttribute("lang", "ja");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("アカウント");
  await expect(page.getByLabel("管理画面の言語")).toHaveValue("ja");
  await page.goto("/admin");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Sega Pass status：管理画面");
  await expect(page.getByRole("button", { name: "ログアウト" })).toBeVisible();
  // The public page keeps its own language: the console's choice is the admin's alone.
  const publicPage = await page.request.get("/");
  expect(await publicPage.text()).toContain('<html lang="en"');

  // Back to the browser's language (English here).
  await page.goto("/admin/account");
  await page.getByLabel("管理画面の言語").selectOption("");
  await page.getByRole("button", { name: "言語を保存" }).click();
  await expect(page.getByRole("status")).toContainText("The console now follows your browser's language.");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Your account");
  await page.context().close();
});

test("the account page in Japanese has no accessibility violations", async ({ browser }) => {
  const page = await browserIn(browser, "ja-JP");
  await signIn(page, JAPANESE);
  await page.goto("/admin/account");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("アカウント");
  await expectNoAxeViolations(page);
  await page.context().close();
});
