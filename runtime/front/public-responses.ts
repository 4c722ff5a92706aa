// What the front answers to a public read, apart from HTTP: which cached response a URL
// gets, when it must be rendered, what to re-render after a change, and what to say
// when Next cannot render in time. server.ts does the I/O around it.
import { canonicalKey, notFoundKeys, publicKeys, refreshFirst, type PublicRoutes } from "@/lib/front";
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
  /**
   * A reader of a response older than maxAgeMs waits for it to be rendered again (in
   * front of `next dev`: an edited component shows on the next reload). Otherwise the
   * reader gets it at once and it is rendered again in the background.
   */
  waitWhenOld?: boolean;
  /** How many recently read responses are re-rendered after a change, besides lib/front.ts refreshFirst. */
  refreshRecent?: number;
  /**
   * Renders the whole public set (lib/front.ts publicKeys) after every change, so every
   * public URL is in memory and in the snapshot before anyone asks. Off in front of
   * `next dev`, which compiles each route on first use.
   */
  prerender?: boolean;
  /** How many incident pages the whole set holds, the most recent first (lib/front.ts PRERENDERED_INCIDENTS). */
  prerenderIncidents?: number;
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

/** After a full re-render that could not finish (a render failed), try the rest again this much later. */
const RETRY_MS = 10_000;

/** The full re-render for one data version. */
interface Pass {
  version: number;
  keys: readonly string[];
  startedAt: number;
  /** Null while it runs. */
  finishedAt: number | null;
  settled: boolean;
}

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
  /** The newest full re-render. */
  private pass: Pass | null = null;
  /** The last full re-render that finished: which version, how many keys, how long it took. */
  lastSettled: { version: number; keys: number; ms: number } | null = null;

  constructor(private readonly options: PublicResponsesOptions) {
    this.cache = options.cache ?? new ResponseCache();
    this.now = options.now ?? Date.now;
    this.renderer = new Renderer({
      concurrency: options.concurrency ?? 4,
      // Half of Next's room for the whole set: the other half for readers and the console.
      backgroundConcurrency: Math.max(1, Math.floor((options.concurrency ?? 4) / 2)),
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
    if (entry.version !== this.version) return null;
    if (now - entry.storedAt.getTime() >= (this.options.maxAgeMs ?? 15_000)) {
      // Same data, only its "as of" times older: the reader gets it at once while it is rendered again.
      if (this.options.waitWhenOld) return null;
      this.renderer.inBackground(key);
    }
    return { entry, stale: false };
  }

  /**
   * Renders `key`, or waits for the render under way. When no render slot is free, the
   * last response kept (however old) or null, which the caller answers with a quick 503.
   */
  async miss(key: string): Promise<Answer | null> {
    const pending = this.renderer.forReader(key, refreshFirst(this.routes).includes(key) ? PRIORITY.first : PRIORITY.reader);
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
   * change, re-renders the whole public set: the usual first keys, what readers read
   * recently, then the rest in lib/front.ts publicKeys order. A set left unfinished (a
   * render failed) or grown (a new month) is completed on a later poll.
   */
  update(version: number, routes: PublicRoutes) {
    this.databaseReachable = true;
    this.routes = routes;
    if (version !== this.version) {
      const first = this.version === -1;
      this.version = version;
      if (this.options.prerender !== false) this.startPass();
      else if (!first) this.renderer.refresh(refreshFirst(routes), this.recentKeys());
      return;
    }
    if (this.options.prerender === false) return;
    const pass = this.pass;
    if (pass?.finishedAt === null) return;
    if (pass && !pass.settled && this.now() - pass.finishedAt! < RETRY_MS) return;
    if (!pass || !pass.settled) return this.startPass();
    // The set grew without a change (this month became last month): render what is new.
    const known = new Set(pass.keys);
    if (this.wholeSet().some((key) => !known.has(key))) this.startPass();
  }

  /** The whole public set for the routes known now, with the shared "not found" answers. */
  wholeSet(): string[] {
    return this.routes ? publicKeys(this.routes, this.options.prerenderIncidents) : [];
  }

  /** Whether a kept response shows the current version. */
  private isCurrent(key: string): boolean {
    return this.cache.peek(key)?.version === this.version;
  }

  private startPass() {
    const version = this.version;
    const keys = this.wholeSet();
    const started = this.now();
    const pass: Pass = { version, keys, startedAt: started, finishedAt: null, settled: false };
    this.pass = pass;
    const notFound = notFoundKeys(this.routes);
    const firstKeys = refreshFirst(this.routes);
    this.cache.pin(new Set([...keys, ...notFound]));
    // An incident unpublished or a service hidden since, a language made the default (its
    // prefixed keys are no longer canonical), or a snapshot of an older state: never served again.
    this.cache.prune((key) => this.isCanonical(key));
    const first = firstKeys.filter((key) => !this.isCurrent(key));
    const rest = new Set([...this.recentKeys(), ...keys, ...notFound]);
    for (const key of firstKeys) rest.delete(key);
    const renders = this.renderer.refresh(
      first,
      [...rest].filter((key) => !this.isCurrent(key)),
    );
    void Promise.all(renders).then((results) => {
      pass.finishedAt = this.now();
      // A newer change took over: its own pass reports.
      if (this.pass !== pass || this.version !== version) return;
      // Every render succeeded. (A set larger than memory loses its least read pages again at once:
      // those are rendered when read, and the snapshot holds what memory did.)
      pass.settled = results.every((result) => result !== null);
      if (!pass.settled) return;
      this.lastSettled = { version, keys: keys.length, ms: pass.finishedAt - started };
      this.options.onSettled?.(version, keys);
    });
  }

  /** The recently read keys to re-render after a change, most recent first, bounded. */
  recentKeys(): string[] {
    const firstKeys = refreshFirst(this.routes);
    return this.cache
      .recentlyUsed((this.options.refreshRecent ?? 32) + firstKeys.length, this.now() - RECENT_MS)
      .filter((key) => !firstKeys.includes(key) && this.isCanonical(key))
      .slice(0, this.options.refreshRecent ?? 32);
  }

  get state() {
    return {
      databaseReachable: this.databaseReachable,
      version: this.version,
      cachedResponses: this.cache.size,
      cachedBytes: this.cache.bytes,
      renders: this.renderer.stats,
      wholeSet: this.pass && { version: this.pass.version, keys: this.pass.keys.length, settled: this.pass.settled },
      lastSettled: this.lastSettled,
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
