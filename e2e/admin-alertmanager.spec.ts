import { execFile, spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { consoleLink, signIn } from "./admin";
import { OWNER } from "./base-url";
import { execute } from "./database";

// A real Prometheus Alertmanager (Debian's prometheus-alertmanager, which .ci/run installs)
// with its own config on a loopback port fires an alert with amtool into Herald, and
// resolves it: the service's status changes at once, one draft is prepared and kept, and
// the service returns to operational with a "resolved" update offered for a person to post.

test.describe.configure({ mode: "serial" });

const run = promisify(execFile);
const SERVICE = "Sega Pass login";
const GROUP = 'alertname="LoginErrors"';

let alertmanager: ChildProcess | undefined;
let directory: string | undefined;
let amUrl = "";
let startedAt = "";
let draftId: string | undefined;

const sql = (value: string) => `'${value.replace(/'/g, "''")}'`;

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

const amtool = (...args: string[]) => run("amtool", [`--alertmanager.url=${amUrl}`, ...args]);

async function serviceStatus(request: APIRequestContext): Promise<string> {
  const { components } = await (await request.get("/api/v2/components.json")).json();
  return (components as { name: string; status: string }[]).find((component) => component.name === SERVICE)!.status;
}

async function createKey(page: Page): Promise<string> {
  await signIn(page, OWNER);
  // Through the console's own link, so the form is hydrated before it is filled.
  await page.goto("/admin");
  await consoleLink(page, "API keys");
  await page.getByLabel("Name").fill(`alertmanager ${Date.now()}`);
  await page.getByLabel("Role").selectOption("editor");
  await page.getByRole("button", { name: "Create key" }).click();
  const key = await page.getByLabel("Your new API key").inputValue();
  expect(key).toMatch(/^hrld_/);
  return key;
}

/** The drafts the Alerts page links from its recent groups. */
const draftLinks = (page: Page) => page.getByRole("region", { name: "Recent alert groups" }).getByRole("link", { name: /^Draft: / });

test.beforeAll(async () => {
  startedAt = new Date().toISOString();
  // The story leaves Sega Pass login in a major outage a person set; the alert starts from operational.
  await execute(`UPDATE "Service" SET "status" = 'operational' WHERE "slug" = 'sega-pass-login'`, `UPDATE "PageSettings" SET "version" = "version" + 1 WHERE "id" = 1`);
});

test.afterAll(async () => {
  alertmanager?.kill("SIGTERM");
  if (directory) rmSync(directory, { recursive: true, force: true });
  // The other admin specs read the story: leave it as it was.
  await execute(
    `DELETE FROM "AlertGroup" WHERE "key" LIKE ${sql(`%${GROUP}%`)}`,
    ...(draftId ? [`DELETE FROM "Incident" WHERE "id" = ${sql(draftId)}`] : []),
    `DELETE FROM "StatusChange" WHERE "serviceId" = (SELECT "id" FROM "Service" WHERE "slug" = 'sega-pass-login') AND "at" >= ${sql(startedAt)}`,
    `UPDATE "Service" SET "status" = 'major_outage' WHERE "slug" = 'sega-pass-login'`,
    `UPDATE "PageSettings" SET "version" = "version" + 1 WHERE "id" = 1`,
  );
});

test("Alertmanager fires into a status change and one draft, and resolves back to operational", async ({ page, request, baseURL }) => {
  // A whole story through several pages and contexts: a slow test on two shared cores.
  test.slow();
  test.setTimeout(180_000);
  const key = await createKey(page);

  directory = mkdtempSync(path.join(tmpdir(), "herald-e2e-alertmanager-"));
  const config = path.join(directory, "alertmanager.yml");
  writeFileSync(
    config,
    [
      "route:",
      "  receiver: herald",
      "  group_by: [alertname]",
      "  group_wait: 1s",
      "  group_interval: 1s",
      "  repeat_interval: 4h",
      "receivers:",
      "  - name: herald",
      "    webhook_configs:",
      `      - url: ${baseURL}/api/v1/integrations/alertmanager`,
      "        send_resolved: true",
      "        http_config:",
      "          authorization:",
      "            type: Bearer",
      `            credentials: ${key}`,
      "",
    ].join("\n"),
  );
  await run("amtool", ["check-config", config]);
  const port = await freePort();
  amUrl = `http://127.0.0.1:${port}`;
  alertmanager = spawn(
    "/usr/bin/prometheus-alertmanager",
    [`--config.file=${config}`, `--storage.path=${path.join(directory, "data")}`, `--web.listen-address=127.0.0.1:${port}`, "--cluster.listen-address="],
    { stdio: "ignore" },
  );
  await expect.poll(async () => (await fetch(`${amUrl}/-/ready`).catch(() => null))?.status, { timeout: 30_000 }).toBe(200);

  // Fire: the status changes at once, and one draft waits for a person.
  const start = new Date(Date.now() - 60_000).toISOString();
  const labels = ["alertname=LoginErrors", "component=sega-pass-login", "severity=critical"];
  await amtool("alert", "add", ...labels, "instance=a", "--annotation=summary=Login errors above 5%", `--start=${start}`);
  await expect.poll(() => serviceStatus(request), { timeout: 30_000 }).toBe("major_outage");
  await page.goto("/admin/integrations");
  await expect(draftLinks(page)).toHaveCount(1);
  const href = await draftLinks(page).getAttribute("href");
  draftId = href!.split("/").pop();

  // The same group again, now with a second alert: still the one draft.
  await amtool("alert", "add", ...labels, "instance=b", `--start=${start}`);
  await expect
    .poll(
      async () => {
        await page.goto("/admin/integrations");
        return page.getByRole("region", { name: "Recent alert groups" }).getByRole("listitem").filter({ hasText: /^LoginErrors · firing/ }).count();
      },
      { timeout: 30_000 },
    )
    .toBe(2);
  await expect(draftLinks(page)).toHaveCount(1);
  expect(await draftLinks(page).getAttribute("href")).toBe(href);
  // The public sees the status, never the draft.
  expect((await (await request.get("/api/v2/incidents/unresolved.json")).json()).incidents.map((incident: { id: string }) => incident.id)).not.toContain(draftId);

  // Resolve both: back to operational, and the draft is offered a "resolved" update.
  const end = new Date(Date.now() - 1_000).toISOString();
  await amtool("alert", "add", ...labels, "instance=a", `--start=${start}`, `--end=${end}`);
  await amtool("alert", "add", ...labels, "instance=b", `--start=${start}`, `--end=${end}`);
  await expect.poll(() => serviceStatus(request), { timeout: 30_000 }).toBe("operational");
  await page.goto(href!);
  const suggestion = page.getByRole("region", { name: "Suggested by monitoring: Resolved" });
  await expect(suggestion).toBeVisible();
  await expect(suggestion.getByLabel("Suggested update")).toHaveValue("This incident has been resolved: Sega Pass login is working normally again.");
  await suggestion.getByRole("button", { name: "Post the suggested update" }).click();
  await expect(page.getByRole("region", { name: "Suggested by monitoring: Resolved" })).toHaveCount(0);
  await expect(page.getByRole("region", { name: "Updates, newest first" }).getByRole("paragraph").filter({ hasText: "This incident has been resolved: Sega Pass login is working normally again." })).toBeVisible();
  // Posted by a person onto the draft, which the public still does not see.
  expect((await request.get(`/incidents/${draftId}`)).status()).toBe(404);
});
