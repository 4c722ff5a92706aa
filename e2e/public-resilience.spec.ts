import { expect, test, type APIRequestContext, type Browser } from "@playwright/test";
import { spawn } from "node:child_process";
import { PUBLIC_ROUTES } from "@/lib/front";
import { baseURL, E2E_PORT, OWNER } from "./base-url";
import { cutPostgres, e2eDatabaseUrl, execute, onPostgres } from "./database";

/** The notice the front puts on a page it serves from memory (lib/front.ts markStale); every page also carries its words for public/live.js, so the element is what counts. */
const STALE_NOTICE = '<p role="status" data-stale';

// Readers arrive all at once, and sometimes the database is gone.

/** The owner signed in to the console, in a context with JavaScript (the console needs it). */
async function ownerConsole(browser: Browser) {
  const context = await browser.newContext({ javaScriptEnabled: true });
  const admin = await context.newPage();
  await admin.goto("/admin/login");
  await admin.getByLabel("Email").fill(OWNER.email);
  await admin.getByLabel("Password").fill(OWNER.password);
  await admin.getByRole("button", { name: "Sign in" }).click();
  await expect(admin).toHaveURL(/\/admin$/);
  return { context, admin };
}

const bump = 'UPDATE "PageSettings" SET "version" = "version" + 1 WHERE "id" = 1';

test.describe.configure({ mode: "serial" });

test.describe("the front cache", () => {
  test("serves the same bytes to every reader and 304s to those who have them", async ({ request }) => {
    const first = await request.get("/");
    const second = await request.get("/");
    expect(first.headers()["etag"]).toBe(second.headers()["etag"]);
    expect(first.headers()["cache-control"]).toMatch(/public.*s-maxage=\d+.*stale-while-revalidate=\d+/);
    expect(first.headers()["content-encoding"]).toBe("gzip");
    const again = await request.get("/", { headers: { "If-None-Match": first.headers()["etag"] } });
    expect(again.status()).toBe(304);
  });

  // How soon is measured in `npm run bench` (a change shows on / in a few hundred ms);
  // here only that it shows, since shared CI cores make a timed assertion flaky.
  test("shows a published change without anyone asking for it again", async ({ request }) => {
    const websiteStatus = async () =>
      (await (await request.get("/api/v2/components.json")).json()).components.find((component: { name: string }) => component.name === "Website").status;
    const pageShows = async (text: string) => (await (await request.get("/services/website")).text()).includes(text);
    // Both are in memory before the change.
    expect(await websiteStatus()).toBe("operational");
    expect(await pageShows("Degraded performance")).toBe(false);

    await execute(`UPDATE "Service" SET "status" = 'degraded_performance' WHERE "slug" = 'website'`, bump);
    try {
      await expect.poll(websiteStatus, { timeout: 10_000, intervals: [50] }).toBe("degraded_performance");
      await expect.poll(() => pageShows("Degraded performance"), { timeout: 10_000, intervals: [50] }).toBe(true);
    } finally {
      await execute(`UPDATE "Service" SET "status" = 'operational' WHERE "slug" = 'website'`, bump);
    }
  });

  test("reports liveness and readiness", async ({ request }) => {
    const response = await request.get("/api/health");
    expect(response.status()).toBe(200);
    expect(response.headers()["cache-control"]).toBe("no-store");
    const health = await response.json();
    expect(health).toMatchObject({ status: "ok", live: true, ready: true, database: { reachable: true, migrations: { pending: [] } } });
    expect(health.front.databaseReachable).toBe(true);
  });
});

test.describe("with the database down", () => {
  test.skip(!onPostgres(), "cutting the database away from a running server needs PostgreSQL; the embedded SQLite file lives inside the server process");

  test("pages, feeds and the API keep answering from memory, marked, and recover by themselves", async ({ request, browser, page: reader }) => {
    for (const path of ["/", "/history.rss", "/api/v2/summary.json", "/subscribe"]) expect((await request.get(path)).status()).toBe(200);
    // An admin is signed in when the database goes (the console needs JavaScript).
    const { context, admin } = await ownerConsole(browser);
    await cutPostgres(false);
    try {
      await expect.poll(async () => (await request.get("/api/health")).status(), { timeout: 10_000 }).toBe(503);
      const health = await (await request.get("/api/health")).json();
      expect(health.database.reachable).toBe(false);

      // Each instance notices within one poll of its own.
      await expect.poll(async () => (await request.get("/")).headers()["x-herald-stale"], { timeout: 5_000 }).toBe("true");
      const page = await request.get("/");
      expect(page.status()).toBe(200);
      const html = await page.text();
      expect(html).toContain(STALE_NOTICE);
      expect(html).toContain("Unauthorised access to the Sega Pass database");
      for (const path of ["/history.rss", "/api/v2/summary.json", "/subscribe"]) {
        const response = await request.get(path);
        expect(response.status(), path).toBe(200);
        expect(response.headers()["x-herald-stale"], path).toBe("true");
      }
      const api = await (await request.get("/api/v2/summary.json")).json();
      expect(api.incidents[0].name).toBe("Unauthorised access to the Sega Pass database");

      // A reader can still open the subscribe form; sending it says plainly that nothing was saved.
      await reader.goto("/subscribe");
      await reader.getByLabel("Email address").fill("during-the-outage@example.com");
      await reader.getByRole("button", { name: "Subscribe" }).click();
      await expect(reader.getByRole("alert").first()).toContainText("The database cannot be reached right now, so nothing was saved");
      await expect(reader.getByLabel("Email address")).toHaveValue("during-the-outage@example.com");

      // Writes fail cleanly: a message, nothing half-written.
      await admin.getByRole("listitem").filter({ hasText: "Web and payments · Payments" }).getByRole("button", { name: "Major outage for Payments" }).click();
      await expect(admin.getByRole("main").getByRole("alert")).toHaveText(/The database cannot be reached right now, so nothing was saved/);
    } finally {
      await cutPostgres(true);
    }
    await expect.poll(async () => (await request.get("/")).headers()["x-herald-stale"], { timeout: 15_000 }).toBeUndefined();
    expect(await (await request.get("/")).text()).not.toContain(STALE_NOTICE);
    expect((await request.get("/api/health")).status()).toBe(200);
    const payments = (await (await request.get("/api/v2/components.json")).json()).components.find((component: { name: string }) => component.name === "Payments");
    expect(payments.status).toBe("operational");
    await context.close();
  });
});

test.describe("several instances", () => {
  test.skip(!onPostgres(), "instances share one PostgreSQL; an embedded SQLite file belongs to one machine");

  test("a change published through one instance shows on another within two seconds", async ({ request, browser }) => {
    // Starting a second server is most of it (its health check may take up to a minute on a loaded machine).
    test.slow();
    const port = E2E_PORT + 7;
    const second = spawn(process.execPath, ["runtime/launch.mjs", "start"], {
      env: { ...process.env, DATABASE_URL: e2eDatabaseUrl(), PORT: String(port), HOST: "127.0.0.1", PUBLIC_URL: baseURL, HERALD_DEMO: "true" },
      stdio: "ignore",
    });
    try {
      const other = `http://127.0.0.1:${port}`;
      await expect.poll(async () => (await request.get(`${other}/api/health`).catch(() => null))?.status(), { timeout: 60_000, intervals: [500] }).toBe(200);
      const status = async (origin: string) =>
        (await (await request.get(`${origin}/api/v2/components.json`)).json()).components.find((component: { name: string }) => component.name === "Payments").status;
      expect(await status(other)).toBe("operational");

      // Published through the first instance's console…
      const { context, admin } = await ownerConsole(browser);
      const payments = admin.getByRole("listitem").filter({ hasText: "Web and payments · Payments" });
      await payments.getByRole("button", { name: "Partial outage for Payments" }).click();
      await expect(payments.getByRole("status")).toHaveText("Payments is now partial outage.");
      // Counted from the first instance's answer (the change is committed by then), so the
      // figure is the second instance's catching up, not the console's own time under load.
      const published = Date.now();

      // …shows on the second.
      await expect.poll(() => status(other), { timeout: 5_000, intervals: [50] }).toBe("partial_outage");
      expect(Date.now() - published).toBeLessThan(2_000);
      expect(await (await request.get(`${other}/services/payments`)).text()).toContain("Partial outage");

      await payments.getByRole("button", { name: "Operational for Payments" }).click();
      await expect(payments.getByRole("status")).toHaveText("Payments is now operational.");
      await context.close();
    } finally {
      second.kill("SIGTERM");
    }
  });
});

test.describe("the whole public site with the database cut before anyone asked", () => {
  test.skip(!onPostgres(), "needs a database that can be cut away: PostgreSQL");
  test.setTimeout(240_000);

  /**
   * Every public URL a reader can reach from / by following links (pages, every month of
   * history the pages link to, incidents, services, feeds), with every API endpoint and
   * badge: read from the e2e server, never from the instances under test.
   */
  async function everyPublicUrl(request: APIRequestContext): Promise<string[]> {
    const found = new Set<string>(["/", "/badge.svg", ...PUBLIC_ROUTES.map((route) => route.path).filter((path) => path.startsWith("/api/v2/"))]);
    const queue = ["/"];
    while (queue.length > 0 && found.size < 500) {
      const html = await (await request.get(queue.shift()!)).text();
      for (const [, raw] of html.matchAll(/href="([^"#]+)"/g)) {
        const href = raw.replaceAll("&amp;", "&").replace(baseURL, "");
        if (!href.startsWith("/") || /^\/(?:(?:en|ja)\/)?(admin|subscriptions\/|_next\/|api\/health)/.test(href) || /\.(ico|png|svg|webmanifest|css|txt)$/.test(href.split("?")[0]) && !href.endsWith("badge.svg")) continue;
        if (found.has(href)) continue;
        found.add(href);
        if (!/\.(rss|atom|json|svg)$/.test(href.split("?")[0])) queue.push(href);
        const service = /^\/services\/([^/?]+)$/.exec(href);
        if (service) found.add(`/services/${service[1]}/badge.svg`);
      }
    }
    return [...found].sort();
  }

  function startInstance(port: number, databaseUrl: string) {
    return spawn(process.execPath, ["runtime/launch.mjs", "start"], {
      env: { ...process.env, DATABASE_URL: databaseUrl, PORT: String(port), HOST: "127.0.0.1", PUBLIC_URL: baseURL, HERALD_WORKER: "false" },
      stdio: "ignore",
    });
  }

  async function frontState(request: APIRequestContext, origin: string) {
    return (await (await request.get(`${origin}/api/health`)).json()).front;
  }

  async function expectEveryUrlFromMemory(request: APIRequestContext, origin: string, urls: string[]) {
    const failures: string[] = [];
    for (const url of urls) {
      const response = await request.get(`${origin}${url}`, { maxRedirects: 0 });
      if (response.status() !== 200 || response.headers()["x-herald-stale"] !== "true") failures.push(`${url}: ${response.status()} stale=${response.headers()["x-herald-stale"]}`);
    }
    expect(failures).toEqual([]);
  }

  test("every public URL answers from a fresh instance's memory, then from its snapshot in an instance started during the outage", async ({ request }) => {
    const urls = await everyPublicUrl(request);
    // The story as the public specs read it: the breach, every service, feeds, API, badges.
    expect(urls.filter((url) => url.startsWith("/incidents/")).length).toBeGreaterThanOrEqual(1);
    expect(urls.filter((url) => url.startsWith("/services/") && !url.includes(".")).length).toBeGreaterThanOrEqual(5);
    for (const feed of ["/history.rss", "/history.atom", "/history.json", "/api/v2/summary.json", "/subscribe"]) expect(urls).toContain(feed);

    // Its own snapshot file (one per database URL): nothing on disk from readers of the e2e server.
    const url = new URL(e2eDatabaseUrl());
    url.searchParams.set("application_name", `herald-whole-set-${Date.now()}`);
    const fresh = startInstance(E2E_PORT + 9, url.toString());
    let late: ReturnType<typeof spawn> | undefined;
    try {
      const origin = `http://127.0.0.1:${E2E_PORT + 9}`;
      // Nobody reads it: only its health report, until the whole set is rendered and on disk.
      await expect
        .poll(async () => {
          const state = await frontState(request, origin).catch(() => null);
          return state !== null && state.lastSettled?.version === state.version && state.snapshot.settledVersion === state.version;
        }, { timeout: 120_000, intervals: [500] })
        .toBe(true);
      await cutPostgres(false);
      await expect.poll(async () => (await frontState(request, origin)).databaseReachable, { timeout: 5_000 }).toBe(false);
      await expectEveryUrlFromMemory(request, origin, urls);

      // An instance started now, with the database still down, has the same from the snapshot.
      late = startInstance(E2E_PORT + 10, url.toString());
      const lateOrigin = `http://127.0.0.1:${E2E_PORT + 10}`;
      await expect.poll(async () => (await request.get(`${lateOrigin}/`).catch(() => null))?.status(), { timeout: 60_000, intervals: [500] }).toBe(200);
      await expectEveryUrlFromMemory(request, lateOrigin, urls);
      const html = await (await request.get(`${lateOrigin}/`)).text();
      expect(html).toContain(STALE_NOTICE);
      expect(html).toContain("Unauthorised access to the Sega Pass database");
      // Unknown addresses still share the one 404 the snapshot holds, instead of a 503.
      expect((await request.get(`${lateOrigin}/incidents/never-published`)).status()).toBe(404);
    } finally {
      await cutPostgres(true);
      fresh.kill("SIGTERM");
      late?.kill("SIGTERM");
    }
  });
});
