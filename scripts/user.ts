// npm run user -- create --email <e> --role <owner|admin|editor> [--name <n>]
// The password is read from standard input when it is piped; otherwise a strong one
// is generated and printed once.
import { randomBytes } from "node:crypto";
import { parseArgs } from "node:util";
import { encodeBase32LowerCaseNoPadding } from "@oslojs/encoding";
import { ROLES, type Role } from "@/lib/constants";
import { createUser } from "@/server/auth";
import { db } from "@/server/db";
import { loadEnvOrExit } from "@/runtime/config";

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8").replace(/\r?\n$/, "");
}

async function main() {
  loadEnvOrExit();
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { email: { type: "string" }, role: { type: "string" }, name: { type: "string", default: "" } },
  });
  if (positionals[0] !== "create" || !values.email || !values.role) {
    console.error(`Usage: npm run user -- create --email <email> --role <${ROLES.join("|")}> [--name <name>]`);
    process.exit(64);
  }
  if (!(ROLES as readonly string[]).includes(values.role)) {
    console.error(`Unknown role "${values.role}": use ${ROLES.join(", ")}.`);
    process.exit(64);
  }
  const generated = process.stdin.isTTY ? encodeBase32LowerCaseNoPadding(randomBytes(15)).replace(/(.{6})(?=.)/g, "$1-") : null;
  const password = generated ?? (await readStdin());
  try {
    const user = await createUser({ email: values.email, password, role: values.role as Role, name: values.name }, null);
    console.log(`Created ${user.email} (${user.role}).`);
    if (generated) console.log(`Password (shown once; store it in a password manager): ${generated}`);
  } catch (error) {
    const message = (error as Error).message;
    console.error(message.includes("Unique constraint") ? `A user with the email ${values.email} already exists.` : message);
    process.exit(1);
  } finally {
    await db().$disconnect();
  }
}

main();
