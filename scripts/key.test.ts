import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { authenticateApiKey } from "@/server/api-keys";
import { db } from "@/server/db";

// `npm run key`, run for real against this file's database.

const root = path.resolve(import.meta.dirname, "..");

async function key(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    // tsx's own entry, as `npm run key` runs it, without npx's start-up.
    const { stdout, stderr } = await promisify(execFile)(process.execPath, ["node_modules/tsx/dist/cli.mjs", "--tsconfig", "tsconfig.scripts.json", "scripts/key.ts", ...args], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: process.env.DATABASE_URL },
      timeout: 60_000,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    if (typeof failed.code !== "number") throw error;
    return { code: failed.code, stdout: failed.stdout ?? "", stderr: failed.stderr ?? "" };
  }
}

describe("npm run key", () => {
  it("creates a key printed alone on the last line, lists it without the key, and revokes it", { timeout: 120_000 }, async () => {
    const created = await key("create", "--name", "Uptime robot", "--role", "editor", "--expires", "90");
    expect(created).toMatchObject({ code: 0, stderr: "" });
    const lines = created.stdout.trimEnd().split("\n");
    const expires = new Date(Date.now() + 90 * 86_400_000).toISOString().slice(0, 10);
    expect(lines[0]).toBe(`Created API key "Uptime robot" (editor, expires ${expires}).`);
    const printed = lines.at(-1)!;
    expect(printed).toMatch(/^hrld_[a-z2-7]{52}$/);
    const actor = await authenticateApiKey(printed, "203.0.113.5");
    expect(actor).toMatchObject({ kind: "api_key", name: "Uptime robot", role: "editor" });
    // No person made it: audited with no user.
    expect(await db().auditLog.findFirst({ where: { entityId: actor!.id } })).toMatchObject({ action: "created", entityType: "api_key", userId: null });

    const listed = await key("list");
    expect(listed.code).toBe(0);
    expect(listed.stdout).toMatch(/^NAME +ROLE +PREFIX +STATUS/m);
    expect(listed.stdout).toMatch(new RegExp(`^Uptime robot +editor +${printed.slice(0, 12)}… +active .* command line .* 203\\.0\\.113\\.5$`, "m"));
    expect(listed.stdout).not.toContain(printed);

    const revoked = await key("revoke", "--name", "Uptime robot");
    expect(revoked).toMatchObject({ code: 0, stdout: 'Revoked 1 API key called "Uptime robot": it no longer works.\n' });
    expect(await authenticateApiKey(printed, "203.0.113.5")).toBeNull();

    const again = await key("revoke", "--name", "Uptime robot");
    expect(again).toMatchObject({ code: 1, stderr: 'No active API key is called "Uptime robot".\n' });
  });

  it("refuses bad arguments with the usage, and a name an active key has", { timeout: 120_000 }, async () => {
    const [owner, nameless, unknown] = await Promise.all([key("create", "--name", "Too strong", "--role", "owner"), key("create", "--role", "editor"), key("rotate")]);
    expect(owner.code).toBe(64);
    expect(owner.stderr).toContain("Choose editor or admin: a key cannot be an owner.");
    expect(owner.stderr).toContain("Usage:");
    expect(nameless).toMatchObject({ code: 64, stderr: expect.stringContaining("create needs --name and --role.") });
    expect(unknown).toMatchObject({ code: 64, stderr: expect.stringContaining('Unknown command "rotate".') });
    expect(await db().apiKey.count({ where: { name: "Too strong" } })).toBe(0);

    expect((await key("create", "--name", "Twin", "--role", "admin")).code).toBe(0);
    const twin = await key("create", "--name", "Twin", "--role", "admin");
    expect(twin).toMatchObject({ code: 1, stderr: "An active key is already called “Twin”. Choose another name, or revoke that key first.\n" });
  });
});
