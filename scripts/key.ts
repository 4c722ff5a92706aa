// npm run key -- create --name <name> --role <editor|admin> [--expires <days>]
// npm run key -- list
// npm run key -- revoke --name <name>
// A new key is printed once, alone on the last line, so a script can take it with `tail -n 1`.
import { parseArgs } from "node:util";
import { API_KEY_ROLES, issueApiKeySchema } from "@/lib/schemas/api-keys";
import type { ApiKeyView } from "@/lib/views/api-keys";
import { createApiKeyRow, listAllApiKeys, revokeApiKeysNamed } from "@/server/api-keys";
import { db } from "@/server/db";
import { MutationError } from "@/server/mutation-error";
import { loadEnvOrExit } from "@/runtime/config";

const USAGE = `Usage:
  npm run key -- create --name <name> --role <${API_KEY_ROLES.join("|")}> [--expires <days>]
  npm run key -- list
  npm run key -- revoke --name <name>`;

/** Bad arguments: what was wrong, then how to call it; EX_USAGE. */
function usage(problem?: string): never {
  if (problem) console.error(problem);
  console.error(USAGE);
  process.exit(64);
}

function day(date: Date | null, none: string): string {
  return date ? date.toISOString().slice(0, 16).replace("T", " ") : none;
}

function table(keys: ApiKeyView[]): string {
  const header = ["NAME", "ROLE", "PREFIX", "STATUS", "CREATED (UTC)", "CREATED BY", "EXPIRES (UTC)", "LAST USED (UTC)", "FROM"];
  const rows = keys.map((key) => [
    key.name,
    key.role,
    `${key.prefix}…`,
    key.status,
    day(key.createdAt, ""),
    key.createdBy ?? "command line",
    day(key.expiresAt, "never"),
    day(key.lastUsedAt, "never used"),
    key.lastUsedFrom || "-",
  ]);
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column].length)));
  return [header, ...rows].map((row) => row.map((cell, column) => cell.padEnd(widths[column])).join("  ").trimEnd()).join("\n");
}

async function create(values: { name?: string; role?: string; expires?: string }) {
  if (!values.name || !values.role) usage("create needs --name and --role.");
  const parsed = issueApiKeySchema.safeParse({ name: values.name, role: values.role, expiresInDays: values.expires ?? "" });
  if (!parsed.success) usage(parsed.error.issues.map((issue) => issue.message).join("\n"));
  const { name, role, expiresInDays } = parsed.data;
  const expiresAt = expiresInDays ? new Date(Date.now() + expiresInDays * 86_400_000) : null;
  const { key } = await createApiKeyRow({ name, role, expiresAt });
  console.log(`Created API key "${name}" (${role}, ${expiresAt ? `expires ${expiresAt.toISOString().slice(0, 10)}` : "never expires"}).`);
  console.log("Store it now: it is shown only this once. The key:");
  console.log(key);
}

async function main() {
  loadEnvOrExit();
  let parsed;
  try {
    parsed = parseArgs({ allowPositionals: true, options: { name: { type: "string" }, role: { type: "string" }, expires: { type: "string" } } });
  } catch (error) {
    usage((error as Error).message);
  }
  const { positionals, values } = parsed;
  const [command, ...extra] = positionals;
  if (extra.length) usage(`Unexpected argument "${extra[0]}".`);
  try {
    if (command === "create") {
      await create(values);
    } else if (command === "list") {
      if (values.name || values.role || values.expires) usage("list takes no options.");
      const keys = await listAllApiKeys();
      console.log(keys.length ? table(keys) : "No API keys yet.");
    } else if (command === "revoke") {
      if (!values.name || values.role || values.expires) usage("revoke needs --name, and nothing else.");
      const count = await revokeApiKeysNamed(values.name);
      if (count === 0) {
        console.error(`No active API key is called "${values.name.trim()}".`);
        process.exitCode = 1;
      } else {
        console.log(`Revoked ${count === 1 ? "1 API key" : `${count} API keys`} called "${values.name.trim()}": ${count === 1 ? "it no longer works" : "they no longer work"}.`);
      }
    } else {
      usage(command ? `Unknown command "${command}".` : undefined);
    }
  } catch (error) {
    if (!(error instanceof MutationError)) throw error;
    // A refusal (a name an active key has): say why, as the console would.
    console.error([...new Set(Object.values(error.fieldErrors ?? {}))].join("\n") || error.message);
    process.exitCode = 1;
  } finally {
    await db().$disconnect();
  }
}

main();
