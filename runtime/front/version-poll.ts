// The version poll: cheap, and the only way another instance's changes reach this one.
// Every public change bumps one counter in its own transaction (recordPublicChange);
// each instance reads it a few times a second, through server/public-routes.ts.
import type { PublicRoutes } from "@/lib/front";
import { listPublicRoutes, readDataVersion } from "@/server/public-routes";
import type { PublicResponses } from "./public-responses";

/** How often each instance asks the database whether anything public changed. */
export const POLL_MS = 250;
/** What exists publicly is read again at least this often (the current month moves on). */
export const ROUTES_MAX_AGE_MS = 60_000;

/** Where the poll reads from: server/public-routes.ts, or a stand-in in tests. */
export interface DataVersionSource {
  readDataVersion(): Promise<number>;
  listPublicRoutes(): Promise<PublicRoutes>;
}

export interface VersionPollOptions {
  source?: DataVersionSource;
  intervalMs?: number;
  now?: () => number;
}

export class VersionPoll {
  private routesLoadedAt = -Infinity;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  private readonly source: DataVersionSource;
  private readonly now: () => number;

  constructor(
    private readonly responses: Pick<PublicResponses, "version" | "databaseReachable" | "update">,
    private readonly options: VersionPollOptions = {},
  ) {
    this.source = options.source ?? { readDataVersion, listPublicRoutes };
    this.now = options.now ?? Date.now;
  }

  /**
   * Reads the version; after a change (or once the routes are a minute old) learns what
   * exists before handing both over, so a new incident is never answered with the shared 404.
   * A failure means the database is unreachable: the front answers from memory until it returns.
   */
  async once() {
    try {
      const version = await this.source.readDataVersion();
      if (version !== this.responses.version || this.now() - this.routesLoadedAt >= ROUTES_MAX_AGE_MS) {
        const routes = await this.source.listPublicRoutes();
        this.routesLoadedAt = this.now();
        this.responses.update(version, routes);
      }
      this.responses.databaseReachable = true;
    } catch (error) {
      if (this.responses.databaseReachable) console.error("front: the database is unreachable; serving from memory:", (error as Error).message);
      this.responses.databaseReachable = false;
    }
  }

  /** Polls once, then every interval until stopped. */
  async start() {
    await this.once();
    const next = () => {
      if (this.stopped) return;
      this.timer = setTimeout(() => void this.once().finally(next), this.options.intervalMs ?? POLL_MS).unref();
    };
    next();
  }

  stop() {
    this.stopped = true;
    clearTimeout(this.timer);
  }
}
