import { z } from "zod";
// Relative: the Prisma config loads this file without the @/ alias.
import { publicUrlSchema } from "./public-url";

// The one place that reads process.env. A bad value stops start-up with a message
// that names the variable.

export type DatabaseProvider = "sqlite" | "postgresql";

export function databaseProvider(url: string | undefined): DatabaseProvider {
  return url && /^postgres(ql)?:\/\//.test(url) ? "postgresql" : "sqlite";
}

/** The path of the SQLite file in a file: URL, relative to the working directory. */
export function sqliteFilePath(url: string): string {
  return url.replace(/^file:/, "").replace(/\?.*$/, "");
}

const flag = z
  .enum(["true", "false", "1", "0", "yes", "no"], { error: "must be true or false" })
  .transform((value) => value === "true" || value === "1" || value === "yes");

export const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("production"),
  DATABASE_URL: z
    .string()
    .default("file:./data/herald.db")
    .refine((value) => value.startsWith("file:") || databaseProvider(value) === "postgresql", {
      error: "must be file:<path> for SQLite or postgresql://… for PostgreSQL",
    }),
  PORT: z.coerce
    .number({ error: "must be a port number" })
    .int({ error: "must be a whole number" })
    .min(1, { error: "must be between 1 and 65535" })
    .max(65535, { error: "must be between 1 and 65535" })
    .default(3000),
  HOST: z.string().min(1).default("0.0.0.0"),
  /** Stored in the page settings when the database is first filled, normalised (lib/public-url.ts). */
  PUBLIC_URL: publicUrlSchema({
    invalid: "must be an http(s) URL",
    credentials: "must not contain a user name or password",
    query: "must not have a query (?…) or fragment (#…)",
  }).optional(),
  HERALD_DEMO: flag.default(true),
  /** The first owner, created on first start when no user exists yet. */
  ADMIN_EMAIL: z.email({ error: "must be an email address" }).optional(),
  ADMIN_PASSWORD: z.string().min(1).optional(),
  /** Behind a reverse proxy: take the client address from the first X-Forwarded-For hop. */
  TRUST_PROXY: flag.default(false),
  /** Where mail goes: smtp(s)://user:pass@host:port. Unset: written to MAIL_DIR instead. */
  SMTP_URL: z.url({ protocol: /^smtps?$/, error: "must be an smtp:// or smtps:// URL, e.g. smtp://user:pass@host:587" }).optional(),
  MAIL_FROM: z.string().min(3).default("Herald <status@localhost>"),
  MAIL_DIR: z.string().min(1).default(".herald/mail"),
  /** Run the delivery worker inside `npm start` (off when workers run as `npm run worker`). */
  HERALD_WORKER: flag.default(true),
  /** How long a worker's claim on a delivery holds before another worker may take it over. */
  WORKER_LEASE_SECONDS: z.coerce.number({ error: "must be a number of seconds" }).int().min(1).max(3600).default(120),
  /** The first retry's delay; each further one doubles (8 attempts in all). */
  WORKER_RETRY_SECONDS: z.coerce.number({ error: "must be a number of seconds" }).min(0.01).max(3600).default(30),
  /** Let webhooks reach loopback and private addresses (tests, intranets). */
  WEBHOOK_ALLOW_PRIVATE: flag.default(false),
  /**
   * The key that seals secrets kept in the database (two-factor seeds, webhook signing
   * secrets): 32 random bytes in base64 (`openssl rand -base64 32`). Unset: a key file,
   * HERALD_SECRET_KEY_FILE, made on first start. Every instance must use the same key.
   */
  HERALD_SECRET_KEY: z
    .string()
    .refine((value) => Buffer.from(value, "base64").length === 32, { error: "must be 32 random bytes in base64, e.g. from `openssl rand -base64 32`" })
    .optional(),
  HERALD_SECRET_KEY_FILE: z.string().min(1).default(".herald/secret.key"),
  /**
   * Where `npm start` keeps a static mirror of the public site up to date, rewritten after
   * every change (runtime/mirror.ts), for syncing to hosting that stays up when Herald is
   * down. Relative paths are relative to the project folder. Unset: no mirror.
   */
  HERALD_MIRROR_DIR: z.string().min(1).optional(),
});

export type Env = z.infer<typeof envSchema>;

export class EnvError extends Error {
  constructor(readonly issues: string[]) {
    super(`Invalid configuration:\n${issues.map((issue) => `  - ${issue}`).join("\n")}`);
    this.name = "EnvError";
  }
}

export function parseEnv(source: Record<string, string | undefined>): Env {
  // An empty variable means "not set", as it does in most shells' .env habits.
  const present = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== ""));
  const result = envSchema.safeParse(present);
  if (!result.success) {
    throw new EnvError(result.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`));
  }
  return result.data;
}

let cached: Env | undefined;

export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}
