// What the front answers to a public read, apart from HTTP: which cached response a URL
// gets, when it must be rendered, what to re-render after a change, and what to say
// when Next cannot render in time. server.ts does the I/O around it.
import { canonicalKey, REFRESH_FIRST, type PublicRoutes } from "@/lib/front";
import { ResponseCache, type CachedResponse } from "./response-cache";
import { PRIORITY, Renderer } from "./renderer";

/** A response to send, and whether to send its "may be out of date" variant. */
export interface Answer {
  entry: CachedResponse;
  stale: boolean;
}

export interface PublicResponsesOptions {
  /** Renders `key` through Next, labelled with `version`; null when Next could not. */
  render: (key: string, version: number) => Promise<CachedResponse | null>;
  cache?: ResponseCache;
  /** Renders at once (Next is one process on a small machine). */
  concurrency?: number;
  /** Readers who may wait for a render slot; beyond them a miss is answered at once. */
  maxWaiting?: number;
  /** Even without a change, responses are re-rendered this often ("as of" times, today's uptime cell). */
  maxAgeMs?: number;
  /** How many recently read responses are re-rendered after a change, besides REFRESH_FIRST. */
  refreshRecent?: number;
  /** Called after a render was kept (to schedule the snapshot; the live event stream waits for "/"). */
  onStored?: (key: string, entry: CachedResponse) => void;
  /**
   * Called once the whole public set (lib/front.ts publicKeys) has been rendered for
   * `version`: every response in memory shows it (the mirror is written then).
   */
  onSettled?: (version: number, keys: readonly string[]) => void;
  now?: () => number;
}

/** Read within this long before a change: worth re-rendering at once. */
const RECENT_MS = 60_000;

export class PublicResponses {
  readonly cache: ResponseCache;
  /** The data version the responses should show; -1 until the database first answered. */
  version = -1;
  databaseReachable = true;
  /** What exists publicly; null until the database first answered. */
  routes: PublicRoutes | null = null;
  private readonly renderer: Renderer<CachedResponse>;
  private readonly now: () => number;
  private renders = 0;

  constructor(private readonly options: PublicResponsesOptions) {
    this.cache = options.cache ?? new ResponseCache();
    this.now = options.now ?? Date.now;
    this.renderer = new Renderer({
      concurrency: options.concurrency ?? 4,
      maxWaiting: options.maxWaiting ?? 16,
      version: () => this.version,
      render: (key, version) => this.renderAndKeep(key, version),
    });
  }

  /** The cache key for a request's URL (lib/front.ts canonicalKey). */
  keyFor(url: string): string {
    return canonicalKey(url, this.routes);
  }

  /** Whether `key` is what canonicalKey gives today: the only keys the snapshot keeps. */
  isCanonical(key: string): boolean {
    return canonicalKey(key, this.routes) === key;
  }

  /** The answer from memory, or null when `key` must be rendered first. Counts as a read. */
  hit(key: string): Answer | null {
    const now = this.now();
    const entry = this.cache.get(key, now);
    if (!entry) return null;
    if (!this.databaseReachable) return { entry, stale: true };
    if (entry.version !== this.version || now - entry.storedAt.getTime() >= (this.options.maxAgeMs ?? 15_000)) return null;
    return { entry, stale: false };
  }

  /**
   * Renders `key`, or waits for the render under way. When no render slot is free, the
   * last response kept (however old) or null, which the caller answers with a quick 503.
   */
  async miss(key: string): Promise<Answer | null> {
    const pending = this.renderer.forReader(key, REFRESH_FIRST.includes(key) ? PRIORITY.first : PRIORITY.reader);
    const rendered = pending ? await pending : null;
    if (rendered) {
      this.cache.get(key, this.now());
      return { entry: rendered, stale: false };
    }
    const kept = this.cache.get(key, this.now());
    // Next failed (the database, most likely): mark it. Only busy: it is merely a little behind.
    return kept ? { entry: kept, stale: pending !== undefined } : null;
  }

  /**
   * The database answered. Learns what exists before taking the new version, so that a
   * newly published incident is never answered with the shared 404; then, after a
   * change, re-renders the usual first keys and what readers read recently, in that order.
   */
  update(version: number, routes: PublicRoutes) {
    this.databaseReachable = true;
    this.routes = routes;
    if (version === this.version) return;
    const first = this.version === -1;
    this.version = version;
    if (!first) this.renderer.refresh(REFRESH_FIRST, this.recentKeys());
  }

  /** The recently read keys to re-render after a change, most recent first, bounded. */
  recentKeys(): string[] {
    return this.cache
      .recentlyUsed((this.options.refreshRecent ?? 32) + REFRESH_FIRST.length, this.now() - RECENT_MS)
      .filter((key) => !REFRESH_FIRST.includes(key) && this.isCanonical(key))
      .slice(0, this.options.refreshRecent ?? 32);
  }

  get state() {
    return {
      databaseReachable: this.databaseReachable,
      version: this.version,
      cachedResponses: this.cache.size,
      cachedBytes: this.cache.bytes,
      renders: this.renderer.stats,
    };
  }

  private async renderAndKeep(key: string, version: number): Promise<CachedResponse | null> {
    const started = ++this.renders;
    const entry = await this.options.render(key, version);
    if (!entry) return null;
    entry.renderSeq = started;
    // A slower render begun before a change must not replace one begun after it.
    if (this.cache.set(key, entry)) this.options.onStored?.(key, entry);
    return entry;
  }
}
