import { expect, test, type APIRequestContext } from "@playwright/test";
import Database from "better-sqlite3";
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { baseURL, E2E_PORT } from "./base-url";
import { e2eDatabaseUrl, execute, onPostgres } from "./database";
import { parseJsonFeed, parseXmlFeed } from "./feeds";

// The status page when the whole stack is down: `npm run export` writes the public site
// as files, a plain static server (Python's http.server, which knows nothing of Herald)
// serves them, and a reader finds there the incidents, statuses, feeds and API the live
// site shows, with links that work. Then HERALD_MIRROR_DIR: a mirror that follows a change.

const INCIDENT = "Unauthorised access to the Sega Pass database";
const MIRROR_PORT = E2E_PORT + 21;
const mirror = `http://127.0.0.1:${MIRROR_PORT}`;
const bump = 'UPDATE "PageSettings" SET "version" = "version" + 1 WHERE "id" = 1';

/** Runs `node <args>` to its end, with what it printed (for the failure message). */
function runNode(args: string[], env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk) => (output += chunk));
    child.stderr.on("data", (chunk) => (output += chunk));
    child.on("exit", (code) => resolve({ code, output }));
  });
}

/** Whether something answers 200 at `url` (a server starting up refuses at first). */
const answers = (url: string) =>
  fetch(url)
    .then((response) => response.status === 200)
    .catch(() => false);

test.describe.configure({ mode: "serial" });

let dir: string;
let staticServer: ChildProcess | undefined;

test.beforeAll(async () => {
  // The export starts Next on its own port and renders every public response.
  test.setTimeout(180_000);
  dir = mkdtempSync(path.join(tmpdir(), "herald-export-"));
  const exported = await runNode(["runtime/launch.mjs", "export", dir], { DATABASE_URL: e2eDatabaseUrl(), PUBLIC_URL: baseURL });
  expect(exported.code, exported.output).toBe(0);
  expect(exported.output).toMatch(/Mirrored \d+ files \([\d.]+ [KM]B\) to .+ in [\d.]+ s: \d+ written, \d+ removed\./);
  staticServer = spawn("/usr/bin/python3", ["-m", "http.server", "--bind", "127.0.0.1", String(MIRROR_PORT), "--directory", dir], { stdio: "ignore" });
  await expect.poll(() => answers(`${mirror}/index.html`), { timeout: 10_000 }).toBe(true);
});

test.afterAll(() => {
  staticServer?.kill("SIGTERM");
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** The href and src values on a static page, resolved against its address, and whether each is the canonical link. */
async function linksOn(request: APIRequestContext, url: string): Promise<{ link: URL; canonical: boolean }[]> {
  const html = await (await request.get(url)).text();
  return [...html.matchAll(/<[a-z]+\s[^>]*>/gi)].flatMap(([tag]) => {
    const value = /\s(?:href|src)="([^"]*)"/.exec(tag)?.[1];
    return value === undefined ? [] : [{ link: new URL(value.replaceAll("&amp;", "&"), url), canonical: /\srel="canonical"/.test(tag) }];
  });
}

test.describe("the exported mirror, on a plain static server", () => {
  test("the home page shows the incidents and service statuses the live one shows", async ({ page }) => {
    await page.goto("/");
    const live = await page.getByRole("main").innerText();

    const response = await page.goto(`${mirror}/`);
    expect(response?.status()).toBe(200);
    await expect(page).toHaveTitle("Sega Pass status");
    expect(await page.getByRole("main").innerText()).toBe(live);
    const services = page.getByRole("region", { name: "Services" });
    for (const [name, status] of [
      ["Sega Pass login", "Major outage"],
      ["Forums", "Major outage"],
      ["Website", "Operational"],
      ["Payments", "Operational"],
    ]) {
      await expect(services.getByRole("listitem").filter({ has: page.getByRole("link", { name, exact: true }) }).first()).toContainText(status);
    }
    const incident = page.getByRole("article", { name: INCIDENT });
    await expect(incident).toContainText("Critical impact");
    await expect(incident.getByRole("article")).toHaveCount(6);
  });

  test("links lead from the home page to the incident and the history, all inside the mirror", async ({ page }) => {
    await page.goto(`${mirror}/index.html`);
    await page.getByRole("article", { name: INCIDENT }).getByRole("link", { name: INCIDENT, exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`^${mirror}/incidents/[^/]+/index\\.html$`));
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(INCIDENT);
    const id = new URL(page.url()).pathname.split("/")[2];
    const incidentText = await page.getByRole("main").innerText();
    await page.goto(`/incidents/${id}`);
    expect(await page.getByRole("main").innerText()).toBe(incidentText);

    await page.goto(`${mirror}/incidents/${id}/index.html`);
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "History" }).click();
    await expect(page).toHaveURL(`${mirror}/history/index.html`);
    await expect(page.getByRole("region", { name: "June 2011" }).getByRole("link", { name: INCIDENT })).toBeVisible();
    await expect(page.getByRole("region", { name: "May 2011" })).toContainText("No incidents or maintenance this month.");

    // The story begins this month: no older page of history, on the live site or in the mirror
    // (lib/mirror.test.ts maps ?month= pages to their folders).
    await expect(page.getByRole("link", { name: "← Older" })).toHaveCount(0);
    expect((await page.request.get(`${mirror}/history/2011-03/index.html`)).status()).toBe(404);
  });

  test("every link on the exported pages works: inside the mirror, or on the live site for what a mirror cannot do", async ({ request }) => {
    const seen = new Set<string>();
    const queue = [`${mirror}/index.html`];
    const broken: string[] = [];
    const toLive = new Set<string>();
    while (queue.length > 0) {
      const url = queue.shift()!;
      for (const { link, canonical } of await linksOn(request, url)) {
        if (link.origin === new URL(baseURL).origin) {
          // Each page names its live address as canonical; anything else linked there must be what a mirror cannot do.
          if (!canonical) toLive.add(link.pathname + link.search);
          continue;
        }
        if (link.origin !== mirror) continue;
        link.hash = "";
        if (seen.has(link.href)) continue;
        seen.add(link.href);
        const response = await request.get(link.href);
        if (response.status() !== 200) broken.push(`${url} → ${link.href}: ${response.status()}`);
        if (link.pathname.endsWith(".html")) queue.push(link.href);
      }
    }
    expect(broken).toEqual([]);
    const pages = [...seen].map((href) => new URL(href).pathname);
    expect(pages).toContain("/history/index.html");
    expect(pages.filter((pathname) => /^\/services\/[^/]+\/index\.html$/.test(pathname)).length).toBeGreaterThanOrEqual(5);
    expect(pages.filter((pathname) => /^\/incidents\/[^/]+\/index\.html$/.test(pathname)).length).toBeGreaterThanOrEqual(1);
    // The subscribe form posts to the live site: only it is linked there, in each language.
    expect([...toLive].sort()).toEqual(["/ja/subscribe", "/subscribe"]);
  });

  test("the stylesheet loads from the mirror and styles the page as on the live site", async ({ page, request }) => {
    await page.goto("/");
    const liveBackground = await page.locator("body").evaluate((body) => getComputedStyle(body).backgroundColor);
    await page.goto(`${mirror}/index.html`);
    const stylesheets = await page.locator('link[rel="stylesheet"]').evaluateAll((links) => links.map((link) => (link as HTMLLinkElement).href));
    expect(stylesheets.length).toBeGreaterThan(0);
    for (const href of stylesheets) {
      expect(href.startsWith(`${mirror}/_next/static/`)).toBe(true);
      const response = await request.get(href);
      expect(response.status()).toBe(200);
      expect(response.headers()["content-type"]).toMatch(/^text\/css/);
      expect(await response.text()).toBe(await (await request.get(href.replace(mirror, baseURL))).text());
    }
    expect(liveBackground).not.toBe("rgba(0, 0, 0, 0)");
    await expect(page.locator("body")).toHaveCSS("background-color", liveBackground);
    // Deeper pages reach the same stylesheet.
    await page.goto(`${mirror}/services/forums/index.html`);
    await expect(page.locator("body")).toHaveCSS("background-color", liveBackground);
  });

  for (const feed of ["history.rss", "history.atom", "history.json", "services/forums/history.atom"]) {
    test(`${feed} holds the live feed's entries, with the live site's ids and links`, async ({ request }) => {
      const parse = feed.endsWith(".json") ? parseJsonFeed : parseXmlFeed;
      const live = parse(await (await request.get(`/${feed}`)).text());
      const response = await request.get(`${mirror}/${feed}`);
      expect(response.status()).toBe(200);
      const mirrored = parse(await response.text());
      expect(mirrored.bozo, mirrored.bozo_exception).toBe(0);
      expect(mirrored.entries.length).toBeGreaterThan(0);
      expect(mirrored.entries).toEqual(live.entries);
      expect(mirrored.title).toBe(live.title);
      expect(mirrored.links).toEqual(live.links);
      if (feed === "history.rss") expect(mirrored.entries[0].title).toBe(`${INCIDENT}: Identified`);
    });
  }

  test("the API answers what the live API answers", async ({ request }) => {
    const live = await (await request.get("/api/v2/summary.json")).json();
    const response = await request.get(`${mirror}/api/v2/summary.json`);
    expect(response.status()).toBe(200);
    expect(response.headers()["content-type"]).toMatch(/^application\/json/);
    const mirrored = await response.json();
    expect(mirrored.incidents.map((incident: { name: string }) => incident.name)).toContain(INCIDENT);
    expect(mirrored.incidents).toEqual(live.incidents);
    expect(mirrored.components).toEqual(live.components);
    expect(mirrored.status).toEqual(live.status);
    for (const endpoint of ["status.json", "components.json", "incidents.json", "incidents/unresolved.json", "scheduled-maintenances.json"]) {
      expect((await request.get(`${mirror}/api/v2/${endpoint}`)).status(), endpoint).toBe(200);
    }
  });

  test("badges are the live site's SVGs", async ({ request }) => {
    for (const badge of ["badge.svg", "services/forums/badge.svg", "services/payments/badge.svg"]) {
      const response = await request.get(`${mirror}/${badge}`);
      expect(response.status(), badge).toBe(200);
      expect(response.headers()["content-type"]).toBe("image/svg+xml");
      const svg = await response.text();
      expect(svg).toMatch(/^<svg\b/);
      expect(svg).toBe(await (await request.get(`/${badge}`)).text());
    }
  });

  test("the subscribe form, the not-found page and the canonical address", async ({ page, request }) => {
    await page.goto(`${mirror}/index.html`);
    // A static host cannot take a subscription: the form is on the live site.
    await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Get updates" })).toHaveAttribute("href", `${baseURL}/subscribe`);
    await expect(page.locator('link[rel="canonical"]')).toHaveAttribute("href", new RegExp(`^${baseURL}/?$`));
    expect(existsSync(path.join(dir, "subscribe"))).toBe(false);

    // What static hosts serve for a missing address (S3 websites, Netlify, GitHub Pages, nginx's error_page).
    const notFound = await request.get(`${mirror}/404.html`);
    expect(await notFound.text()).toContain("Page not found");
    // No scripts: there is no event stream on a static host.
    expect(readFileSync(path.join(dir, "index.html"), "utf8")).not.toMatch(/<script/i);
  });
});

/**
 * The database a second instance runs on, and a way to change it behind its back: the
 * e2e database itself on PostgreSQL; on SQLite a copy (SQLite's online backup), since
 * `npm start` migrates first and Prisma cannot migrate a file another server holds open.
 */
async function databaseForAnInstance(folder: string): Promise<{ url: string; execute: (...statements: string[]) => Promise<void> }> {
  if (onPostgres()) return { url: e2eDatabaseUrl(), execute };
  const copy = path.join(folder, "herald.db");
  const source = new Database(e2eDatabaseUrl().replace(/^file:/, ""), { readonly: true });
  try {
    await source.backup(copy);
  } finally {
    source.close();
  }
  return {
    url: `file:${copy}`,
    execute: async (...statements) => {
      const database = new Database(copy, { timeout: 10_000 });
      try {
        for (const statement of statements) database.exec(statement);
      } finally {
        database.close();
      }
    },
  };
}

test.describe("HERALD_MIRROR_DIR", () => {
  test("keeps a mirror that follows each change within seconds", async ({ request }) => {
    test.setTimeout(150_000);
    const port = E2E_PORT + 22;
    const work = mkdtempSync(path.join(tmpdir(), "herald-mirror-"));
    const followed = path.join(work, "mirror");
    const database = await databaseForAnInstance(work);
    const instance = spawn(process.execPath, ["runtime/launch.mjs", "start"], {
      env: { ...process.env, DATABASE_URL: database.url, PORT: String(port), HOST: "127.0.0.1", PUBLIC_URL: baseURL, HERALD_WORKER: "false", HERALD_MIRROR_DIR: followed },
      stdio: "ignore",
    });
    const website = () => {
      try {
        const components = JSON.parse(readFileSync(path.join(followed, "api", "v2", "components.json"), "utf8")).components;
        return components.find((component: { name: string }) => component.name === "Website").status;
      } catch {
        return null; // Not written yet.
      }
    };
    try {
      await expect.poll(() => answers(`http://127.0.0.1:${port}/`), { timeout: 90_000, intervals: [500] }).toBe(true);
      // The first mirror, once the instance has rendered the whole public set.
      await expect.poll(website, { timeout: 30_000, intervals: [250] }).toBe("operational");
      // Pages are written after the files they link to, the home page last.
      const home = () => (existsSync(path.join(followed, "index.html")) ? readFileSync(path.join(followed, "index.html"), "utf8") : "");
      await expect.poll(home, { timeout: 10_000, intervals: [100] }).toContain(INCIDENT);
      expect(readFileSync(path.join(followed, "history.rss"), "utf8")).toBe(await (await request.get("/history.rss")).text());

      await database.execute(`UPDATE "Service" SET "status" = 'degraded_performance' WHERE "slug" = 'website'`, bump);
      try {
        const changed = Date.now();
        await expect.poll(website, { timeout: 15_000, intervals: [100] }).toBe("degraded_performance");
        expect(Date.now() - changed).toBeLessThan(10_000);
        await expect.poll(() => readFileSync(path.join(followed, "services", "website", "index.html"), "utf8").includes("Degraded performance"), { timeout: 5_000 }).toBe(true);
      } finally {
        await database.execute(`UPDATE "Service" SET "status" = 'operational' WHERE "slug" = 'website'`, bump);
      }
      await expect.poll(website, { timeout: 15_000, intervals: [100] }).toBe("operational");

      // Hidden from the public: its files leave the mirror, and no page links to them.
      await database.execute(`UPDATE "Service" SET "hidden" = true WHERE "slug" = 'payments'`, bump);
      try {
        await expect.poll(() => existsSync(path.join(followed, "services", "payments")), { timeout: 15_000, intervals: [100] }).toBe(false);
        expect(readFileSync(path.join(followed, "index.html"), "utf8")).not.toContain("services/payments/");
      } finally {
        await database.execute(`UPDATE "Service" SET "hidden" = false WHERE "slug" = 'payments'`, bump);
      }
      await expect.poll(() => existsSync(path.join(followed, "services", "payments", "index.html")), { timeout: 15_000, intervals: [100] }).toBe(true);
    } finally {
      instance.kill("SIGTERM");
      rmSync(work, { recursive: true, force: true });
    }
  });
});
