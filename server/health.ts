import "server-only";
import { readdirSync } from "node:fs";
import path from "node:path";
import { databaseProvider, env } from "@/lib/env";
import { db } from "@/server/db";
import { secretKeyHealth } from "@/server/secret-box";
import { HEARTBEAT_STALE_MS } from "@/server/delivery/constants";

export interface Health {
  status: "ok" | "degraded";
  live: true;
  ready: boolean;
  database: { reachable: boolean; provider: string; migrations: { expected: number; applied: number; pending: string[] } | null; error?: string };
  /** Delivery workers with a recent heartbeat, and what waits for them. */
  worker: { alive: number; lastSeenAt: string | null; pendingDeliveries: number; pendingConfirmationMails: number; oldestPendingSince: string | null } | null;
  /** Whether this server's secret key opens the secrets in the database (two-factor, webhooks). */
  secretKey: { ok: boolean; problem?: string } | null;
  checkedAt: string;
}

function migrationNames(): string[] {
  const folder = databaseProvider(env().DATABASE_URL) === "postgresql" ? "prisma/postgresql/migrations" : "prisma/migrations";
  try {
    // Only the migrations folder is read: not a reason for the build to trace the whole project.
    return readdirSync(/*turbopackIgnore: true*/ path.join(/*turbopackIgnore: true*/ process.cwd(), folder), { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name)
      .sort();
  } catch {
    return [];
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return Promise.race([promise, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms).unref())]);
}

/** Liveness, and readiness: the database answers and every migration is applied. */
export async function checkHealth(): Promise<Health> {
  const provider = databaseProvider(env().DATABASE_URL);
  let database: Health["database"];
  try {
    const rows = await withTimeout(
      db().$queryRawUnsafe<{ migration_name: string }[]>(
        'SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL',
      ),
      2_000,
    );
    const applied = new Set(rows.map((row) => row.migration_name));
    const expected = migrationNames();
    database = {
      reachable: true,
      provider,
      migrations: { expected: expected.length, applied: applied.size, pending: expected.filter((name) => !applied.has(name)) },
    };
  } catch (error) {
    database = { reachable: false, provider, migrations: null, error: (error as Error).message.split("\n")[0] };
  }
  const ready = database.reachable && database.migrations!.pending.length === 0;
  const [worker, secretKey] = ready ? await Promise.all([workerHealth().catch(() => null), withTimeout(secretKeyHealth(), 2_000).catch(() => null)]) : [null, null];
  // Serving needs no worker (ready), but undelivered notifications with none alive is worth an alarm.
  const workerMissing = worker !== null && worker.alive === 0 && worker.pendingDeliveries + worker.pendingConfirmationMails > 0;
  // The front server adds its own view (`front`) when it relays this report.
  const keyProblem = secretKey !== null && !secretKey.ok;
  return { status: ready && !workerMissing && !keyProblem ? "ok" : "degraded", live: true, ready, database, worker, secretKey, checkedAt: new Date().toISOString() };
}

/** Delivery workers alive and the backlog waiting for them (also shown in the console). */
export async function workerHealth(): Promise<NonNullable<Health["worker"]>> {
  const now = Date.now();
  const [latest, alive, pendingDeliveries, pendingConfirmationMails, oldest] = await withTimeout(
    Promise.all([
      db().workerHeartbeat.findFirst({ orderBy: { lastSeenAt: "desc" } }),
      db().workerHeartbeat.count({ where: { lastSeenAt: { gt: new Date(now - HEARTBEAT_STALE_MS) } } }),
      db().delivery.count({ where: { status: "pending" } }),
      db().subscriber.count({ where: { mailKind: { not: null } } }),
      db().notification.findFirst({ where: { deliveries: { some: { status: "pending" } } }, orderBy: { createdAt: "asc" }, select: { createdAt: true } }),
    ]),
    2_000,
  );
  return { alive, lastSeenAt: latest?.lastSeenAt.toISOString() ?? null, pendingDeliveries, pendingConfirmationMails, oldestPendingSince: oldest?.createdAt.toISOString() ?? null };
}
