// Renders through Next, a few at a time. Next's pipeline is the expensive part of the
// front: a flood of misses must queue here (or be turned away at once), never pile up
// inside Next where they would slow every render and every change behind them.

/** Lower runs first. */
export const PRIORITY = {
  /** The responses most readers and tools fetch (lib/front.ts refreshFirst). */
  first: 0,
  /** A reader waiting for a response that is not in memory. */
  reader: 1,
  /** Re-rendering what readers looked at recently, after a change. */
  refresh: 2,
} as const;

interface Job<T> {
  key: string;
  priority: number;
  order: number;
  /** The data version it renders, once begun. */
  version: number | null;
  /** Whether a reader waits for it (a queued refresh nobody waits for may be dropped). */
  awaited: boolean;
  promise: Promise<T | null>;
  resolve: (value: T | null) => void;
}

export interface RendererOptions<T> {
  /** Renders at most this many at once. */
  concurrency: number;
  /**
   * Of those, at most this many re-render what nobody waits for (the whole public set
   * after a change), so Next keeps room for readers' misses and the console's requests.
   */
  backgroundConcurrency?: number;
  /** Readers that may wait for a slot; beyond them a miss is turned away. */
  maxWaiting: number;
  /** The current data version. */
  version: () => number;
  /** Renders `key` for `version`; null when it could not. */
  render: (key: string, version: number) => Promise<T | null>;
}

export class Renderer<T> {
  private running = 0;
  private runningBackground = 0;
  private queue: Job<T>[] = [];
  /** The newest job per key. */
  private jobs = new Map<string, Job<T>>();
  private order = 0;

  constructor(private readonly options: RendererOptions<T>) {}

  /**
   * A reader's miss: joins a render of `key` not begun before the current version, or
   * begins or queues one; undefined when every slot is busy and the waiting line full.
   */
  forReader(key: string, priority: number = PRIORITY.reader): Promise<T | null> | undefined {
    const joined = this.joinable(key);
    if (joined) {
      joined.awaited = true;
      if (joined.version === null && joined.priority > priority) {
        joined.priority = priority;
        this.sortQueue();
      }
      return joined.promise;
    }
    // The first-priority keys are a fixed handful, so they always get a place.
    if (this.running >= this.options.concurrency && priority !== PRIORITY.first && this.waitingReaders() >= this.options.maxWaiting) return undefined;
    return this.add(key, priority, true).promise;
  }

  /**
   * After a change: `first` then `others`, in the order given, in place of any queued
   * re-render of an older change that no reader waits for. Returns each key's render
   * (joining one under way for the current version), null where it failed or was
   * dropped for a newer change.
   */
  refresh(first: readonly string[], others: readonly string[]): Promise<T | null>[] {
    for (const job of this.queue) {
      if (job.awaited) continue;
      job.resolve(null);
      if (this.jobs.get(job.key) === job) this.jobs.delete(job.key);
    }
    this.queue = this.queue.filter((job) => job.awaited);
    const renders: Promise<T | null>[] = [];
    for (const [keys, priority] of [
      [first, PRIORITY.first],
      [others, PRIORITY.refresh],
    ] as const) {
      for (const key of keys) renders.push((this.joinable(key) ?? this.add(key, priority, false, false)).promise);
    }
    // Sorted once for the whole set: a full re-render queues hundreds of keys.
    this.sortQueue();
    this.pump();
    return renders;
  }

  /** Renders `key` again when a slot is free, unless it is already queued or under way; nobody waits for it. */
  inBackground(key: string) {
    if (!this.joinable(key)) this.add(key, PRIORITY.refresh, false);
  }

  get stats() {
    return { running: this.running, waiting: this.queue.length };
  }

  private joinable(key: string): Job<T> | undefined {
    const job = this.jobs.get(key);
    // A request after a change never joins a render begun before it.
    return job && (job.version === null || job.version === this.options.version()) ? job : undefined;
  }

  private waitingReaders(): number {
    let count = 0;
    for (const job of this.queue) {
      // Sorted by priority: the readers' jobs come before every re-render.
      if (job.priority > PRIORITY.reader) break;
      if (job.priority === PRIORITY.reader) count++;
    }
    return count;
  }

  private add(key: string, priority: number, awaited: boolean, start = true): Job<T> {
    let resolve!: (value: T | null) => void;
    const promise = new Promise<T | null>((settle) => (resolve = settle));
    const job: Job<T> = { key, priority, order: this.order++, version: null, awaited, promise, resolve };
    this.jobs.set(key, job);
    this.queue.push(job);
    if (start) {
      this.sortQueue();
      this.pump();
    }
    return job;
  }

  private sortQueue() {
    this.queue.sort((a, b) => a.priority - b.priority || a.order - b.order);
  }

  private pump() {
    while (this.running < this.options.concurrency && this.queue.length > 0) {
      // Sorted by priority: once the next job is background work, so is every one after it.
      const background = this.queue[0].priority === PRIORITY.refresh;
      if (background && this.runningBackground >= (this.options.backgroundConcurrency ?? this.options.concurrency)) return;
      const job = this.queue.shift()!;
      job.version = this.options.version();
      this.running++;
      if (background) this.runningBackground++;
      this.options
        .render(job.key, job.version)
        .catch(() => null)
        .then((result) => {
          this.running--;
          if (background) this.runningBackground--;
          if (this.jobs.get(job.key) === job) this.jobs.delete(job.key);
          job.resolve(result);
          this.pump();
        });
    }
  }
}
