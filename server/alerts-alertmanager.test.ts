import { execFile, spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST } from "@/app/api/v1/integrations/alertmanager/route";
import { createApiKeyRow } from "@/server/api-keys";
import { db } from "@/server/db";
import { loadDemoStory } from "@/server/demo";

// A real Prometheus Alertmanager (Debian's prometheus-alertmanager; .ci/run installs it)
// sends its webhook to the route handler, served on loopback by a bare node:http server:
// the payload is Alertmanager's own, not one written by hand.

const ALERTMANAGER = "/usr/bin/prometheus-alertmanager";
const run = promisify(execFile);

let alertmanager: ChildProcess | undefined;
let receiver: Server;
let directory: string;
let amUrl: string;
const answers: { status: number; body: Record<string, unknown> }[] = [];

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

async function until<T>(what: string, check: () => Promise<T | null | undefined | false>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}; answers so far: ${JSON.stringify(answers)}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

const amtool = (...args: string[]) => run("amtool", [`--alertmanager.url=${amUrl}`, ...args]);
const login = () => db().service.findUniqueOrThrow({ where: { slug: "sega-pass-login" } });

describe.skipIf(!existsSync(ALERTMANAGER))("a real Alertmanager", () => {
  beforeAll(async () => {
    await loadDemoStory(db(), "https://status.example.com");
    await db().service.updateMany({ data: { status: "operational" } });
    const { key } = await createApiKeyRow({ name: "alertmanager", role: "editor" });

    receiver = createServer(async (request, response) => {
      const chunks: Buffer[] = [];
      for await (const chunk of request) chunks.push(chunk as Buffer);
      const headers = new Headers();
      for (const name of ["authorization", "content-type", "user-agent"]) if (typeof request.headers[name] === "string") headers.set(name, request.headers[name] as string);
      const answer = await POST(new Request(`http://127.0.0.1${request.url}`, { method: request.method, headers, body: Buffer.concat(chunks) }), { params: Promise.resolve({}) });
      const text = await answer.text();
      answers.push({ status: answer.status, body: JSON.parse(text) });
      response.writeHead(answer.status, { "content-type": "application/json" }).end(text);
    });
    await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
    const hook = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/api/v1/integrations/alertmanager`;

    directory = mkdtempSync(path.join(tmpdir(), "herald-alertmanager-"));
    writeFileSync(
      path.join(directory, "alertmanager.yml"),
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
        `      - url: ${hook}`,
        "        send_resolved: true",
        "        http_config:",
        "          authorization:",
        "            type: Bearer",
        `            credentials: ${key}`,
        "",
      ].join("\n"),
    );
    const port = await freePort();
    amUrl = `http://127.0.0.1:${port}`;
    alertmanager = spawn(
      ALERTMANAGER,
      [`--config.file=${path.join(directory, "alertmanager.yml")}`, `--storage.path=${path.join(directory, "data")}`, `--web.listen-address=127.0.0.1:${port}`, "--cluster.listen-address="],
      { stdio: "ignore" },
    );
    await until("Alertmanager to be ready", async () => (await fetch(`${amUrl}/-/ready`).catch(() => null))?.ok);
  });

  afterAll(async () => {
    // Alertmanager writes its data directory as it stops: remove it only once it has exited.
    if (alertmanager && alertmanager.exitCode === null && alertmanager.signalCode === null) {
      const exited = new Promise((resolve) => alertmanager!.once("exit", resolve));
      alertmanager.kill("SIGTERM");
      await exited;
    }
    await new Promise((resolve) => receiver?.close(resolve));
    if (directory) rmSync(directory, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
  });

  it("fires into a status change and one draft, and resolves back to operational with a suggested update", async () => {
    const start = new Date(Date.now() - 60_000).toISOString();
    const labels = ["alertname=LoginErrors", "component=sega-pass-login", "severity=critical"];
    await amtool("alert", "add", ...labels, "instance=a", "--annotation=summary=Login errors above 5%", `--start=${start}`);
    await until("the status change", async () => (await login()).status === "major_outage");
    const group = await until("the draft", () => db().alertGroup.findFirst({ where: { incidentId: { not: null } } }));
    expect(group.key).toContain('alertname="LoginErrors"');
    const draft = await db().incident.findUniqueOrThrow({ where: { id: group.incidentId! }, include: { updates: true } });
    expect(draft.publishedAt).toBeNull();
    expect(draft.title).toBe("Signing in to Sega Pass login is slow or failing for some players");
    expect(answers[0]).toMatchObject({ status: 200, body: { alerts: [{ outcome: "applied", service: "sega-pass-login", serviceStatus: "major_outage" }], incident: { id: draft.id, draft: true } } });

    // A second alert in the same group: Alertmanager sends the group again, and the same draft is kept.
    await amtool("alert", "add", ...labels, "instance=b", `--start=${start}`);
    await until("the group sent again", async () => answers.some((answer) => (answer.body.alerts as unknown[] | undefined)?.length === 2));
    expect(await db().incident.count({ where: { alertGroups: { some: {} } } })).toBe(1);
    expect(answers.every((answer) => answer.status === 200 && (answer.body.incident as { id: string }).id === draft.id)).toBe(true);

    const end = new Date(Date.now() - 1_000).toISOString();
    await amtool("alert", "add", ...labels, "instance=a", `--start=${start}`, `--end=${end}`);
    await amtool("alert", "add", ...labels, "instance=b", `--start=${start}`, `--end=${end}`);
    await until("the return to operational", async () => (await login()).status === "operational");
    const resolved = await until("the suggested update", async () => (await db().incident.findUniqueOrThrow({ where: { id: draft.id } })).suggestion);
    expect(JSON.parse(resolved)).toMatchObject({ status: "resolved", body: "This incident has been resolved: Sega Pass login is working normally again." });
    expect(await db().incident.count({ where: { alertGroups: { some: {} } } })).toBe(1);
    // The alert left its trace in the audit log, under the key.
    expect(await db().auditLog.count({ where: { action: "alert_status_applied", apiKeyId: { not: null }, entityId: (await login()).id } })).toBe(2);
  }, 60_000);
});
