import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";

// A customer on the Sega Pass status page during the breach, with JavaScript off.

async function expectNoAxeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(" ")).join(", ")}`)).toEqual([]);
}

test.describe("the status page", () => {
  test("answers: is it working, what happened, what should I do", async ({ page }) => {
    const response = await page.goto("/");
    expect(response?.status()).toBe(200);
    await expect(page).toHaveTitle("Sega Pass status");

    const banner = page.getByRole("region", { name: "Major outage" });
    await expect(banner).toContainText("Sega Pass login, Sega Pass password reset and Forums are down.");

    const services = page.getByRole("region", { name: "Services" });
    for (const [name, status] of [
      ["Sega Pass login", "Major outage"],
      ["Sega Pass password reset", "Major outage"],
      ["Forums", "Major outage"],
      ["Website", "Operational"],
      ["Payments", "Operational"],
    ]) {
      await expect(services.getByRole("listitem").filter({ has: page.getByRole("link", { name, exact: true }) }).first()).toContainText(status);
    }

    const incident = page.getByRole("article", { name: "Unauthorised access to the Sega Pass database" });
    await expect(incident).toContainText("Critical impact");
    const updates = incident.getByRole("article");
    await expect(updates).toHaveCount(6);
    await expect(updates.first()).toContainText("UPDATE: The hacking group LulzSec");
    await expect(updates.first()).toContainText("17 June 2011 at 19:30 BST");
    await expect(updates.last()).toContainText("Sega Pass is offline");
    await expect(updates.last()).toContainText("16 June 2011 at 10:00 BST");
    await expect(incident).toContainText("Payment details were not accessed");
    await expect(incident).toContainText("change the password there straight away");
  });

  test("shows 90 days of history per service, with the outage in it", async ({ page }) => {
    await page.goto("/");
    const cells = page.locator('[data-uptime="Sega Pass login"] > li');
    await expect(cells).toHaveCount(90);
    await expect(cells.nth(88)).toHaveAttribute("title", /^Thu, 16 Jun 2011: Major outage, .* down\. Unauthorised access to the Sega Pass database\.$/);
    await expect(cells.nth(0)).toHaveAttribute("title", /: Operational\.$/);
    // Screen readers get the bar as one sentence.
    await expect(page.getByText("Payments, last 90 days: 100.00% uptime, no problems recorded.")).toBeAttached();
    await expect(page.getByText(/^Sega Pass login, last 90 days: 98\.\d\d% uptime, 2 days with problems: Thu, 16 Jun 2011: Major outage/)).toBeAttached();
  });

  test("links every update to its own anchor on the incident page", async ({ page }) => {
    await page.goto("/");
    const incident = page.getByRole("article", { name: "Unauthorised access to the Sega Pass database" });
    await incident.getByRole("link", { name: "17 June 2011 at 08:45 BST" }).click();
    await expect(page).toHaveURL(/\/incidents\/[^/#]+#update-[^/]+$/);
    const anchor = new URL(page.url()).hash;
    await expect(page.locator(anchor)).toContainText("What was taken, and what was not");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Unauthorised access to the Sega Pass database");
    await expect(page.locator("dl")).toContainText("Sega Pass password reset");
    const time = page.locator(`${anchor} time`).first();
    await expect(time).toHaveAttribute("datetime", "2011-06-17T07:45:00.000Z");
  });

  test("lists past incidents by month, with links", async ({ page }) => {
    await page.goto("/history");
    const june = page.getByRole("region", { name: "June 2011" });
    await expect(june.getByRole("link", { name: "Unauthorised access to the Sega Pass database" })).toBeVisible();
    await expect(page.getByRole("region", { name: "May 2011" })).toContainText("No incidents or maintenance this month.");
    await expect(page.getByRole("link", { name: "Newer →" })).toHaveCount(0);
    await page.goto("/history?month=2011-03");
    await expect(page.getByRole("region", { name: "January 2011" })).toBeVisible();
    await expect(page.getByRole("link", { name: "Newer →" })).toHaveAttribute("href", "/history");
  });

  test("gives each service a page with its history and incidents", async ({ page }) => {
    await page.goto("/services/forums");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Forums");
    await expect(page.getByRole("main")).toContainText("Major outage");
    const problems = page.getByRole("heading", { name: "Days with problems" }).locator("xpath=following-sibling::ul[1]");
    await expect(problems.getByRole("listitem")).toHaveText([/^Fri, 17 Jun 2011: Major outage, 14 h down\. Unauthorised access to the Sega Pass database\. Read about it/]);
    await expect(page.getByRole("region", { name: "Incidents that affected Forums" }).getByRole("link", { name: "Unauthorised access to the Sega Pass database" })).toBeVisible();
  });

  test("answers unknown addresses with a 404 page in the site's own look", async ({ page }) => {
    for (const path of ["/no-such-page", "/incidents/does-not-exist", "/services/nope", "/history?month=2011-13"]) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(404);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("Page not found");
      await expect(page.getByRole("link", { name: "Sega Pass status" })).toBeVisible();
    }
  });

  test("ships one small script of its own and allows no other, under strict security headers", async ({ page, request }) => {
    const response = await page.goto("/");
    const headers = response!.headers();
    // public/live.js (e2e/public-live.spec.ts), allowed by the hash of its bytes alone.
    expect(headers["content-security-policy"]).toMatch(/script-src 'sha256-[A-Za-z0-9+/]{43}=';/);
    expect(headers["content-security-policy"]).not.toContain("unsafe-inline");
    for (const path of ["/", "/history", "/services/forums", "/no-such-page"]) {
      const html = await (await request.get(path)).text();
      const scripts = html.match(/<script\b[^>]*>/gi) ?? [];
      if (path === "/no-such-page") expect(scripts, path).toEqual([]);
      else expect(scripts, path).toEqual([expect.stringMatching(/^<script src="\/live\.js\?v=[\w-]+" integrity="sha256-[A-Za-z0-9+/]{43}=" data-version="\d+" defer>$/)]);
      expect(html, path).toContain('<link rel="stylesheet"');
    }
    expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
    expect(headers["x-content-type-options"]).toBe("nosniff");
    // Nothing (no token in a subscriber link) leaks to other sites; our own forms keep their Origin header.
    expect(headers["referrer-policy"]).toBe("same-origin");
    expect(headers["x-powered-by"]).toBeUndefined();
  });

  test("is readable at 320 px wide without sideways scrolling", async ({ page }) => {
    await page.setViewportSize({ width: 320, height: 800 });
    for (const path of ["/", "/history", "/services/sega-pass-login"]) {
      await page.goto(path);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, path).toBeLessThanOrEqual(0);
    }
    await page.goto("/");
    // Only the last 30 days fit: the older cells leave the layout and the accessibility tree.
    const cells = page.locator('[data-uptime="Forums"] > li');
    await expect(cells.first()).toBeHidden();
    await expect(cells.nth(59)).toBeHidden();
    await expect(cells.nth(60)).toBeVisible();
    await expect(cells.last()).toHaveAttribute("title", /^Fri, 17 Jun 2011: Major outage/);
  });

  test("states the uptime of the days the bar draws, on a phone and on a desktop", async ({ browser }) => {
    for (const [width, drawn] of [
      [390, 30],
      [1280, 90],
    ] as const) {
      const context = await browser.newContext({ viewport: { width, height: 900 }, javaScriptEnabled: false });
      const page = await context.newPage();
      await page.goto("/");
      const cells = page.locator('[data-uptime="Forums"] > li');
      const bar = page.locator('[data-uptime="Forums"]').locator("xpath=..");
      const label = bar.getByText(/^\d+ days ago$/).filter({ visible: true });
      await expect(label, `${width} px`).toHaveCount(1);
      const labelled = Number((await label.textContent())!.split(" ")[0]);
      await expect(cells.filter({ visible: true }), `${width} px`).toHaveCount(labelled);
      expect(labelled, `${width} px`).toBe(drawn);
      // The figure beside the bar is the one screen readers hear, for the same days, and only that one.
      const figure = (await bar.getByText(/^\d+\.\d\d% uptime$/).filter({ visible: true }).textContent())!.replace(" uptime", "");
      const heard = await bar.ariaSnapshot();
      expect(heard, `${width} px`).toContain(`Forums, last ${drawn} days: ${figure} uptime`);
      expect(heard, `${width} px`).not.toContain(`last ${drawn === 30 ? 90 : 30} days`);

      await page.goto("/services/forums");
      await expect(page.getByRole("heading", { name: `Last ${drawn} days`, exact: true }), `${width} px`).toBeVisible();
      await expect(page.locator('[data-uptime="Forums"] > li').filter({ visible: true }), `${width} px`).toHaveCount(drawn);
      await context.close();
    }
  });

  test("works by keyboard, starting with a skip link", async ({ page }) => {
    await page.goto("/");
    await page.keyboard.press("Tab");
    const skip = page.getByRole("link", { name: "Skip to content" });
    await expect(skip).toBeFocused();
    await expect(skip).toBeVisible();
    await page.keyboard.press("Tab");
    await expect(page.getByRole("link", { name: "Sega Pass status" })).toBeFocused();
  });

  for (const colorScheme of ["light", "dark"] as const) {
    test(`has no accessibility violations (${colorScheme})`, async ({ browser }) => {
      // Five pages through axe: slow when the machine's two cores are shared.
      test.slow();
      // axe runs as a script in the page, so this check alone turns JavaScript on.
      const context = await browser.newContext({ javaScriptEnabled: true, colorScheme });
      const page = await context.newPage();
      for (const path of ["/", "/history", "/services/forums", "/no-such-page"]) {
        await page.goto(path);
        await expectNoAxeViolations(page);
      }
      await page.goto("/");
      await page.getByRole("link", { name: "Unauthorised access to the Sega Pass database" }).first().click();
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("Unauthorised access to the Sega Pass database");
      await expectNoAxeViolations(page);
      await context.close();
    });
  }
});
