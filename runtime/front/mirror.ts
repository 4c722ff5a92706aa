// The front's side of the static mirror (HERALD_MIRROR_DIR): once every public response
// shows a new version (PublicResponses onSettled), they are written out from memory
// (runtime/mirror.ts), so the mirror follows each change within seconds and costs Next
// almost nothing: only a response the cache no longer holds is rendered again.
import path from "node:path";
import { NOT_FOUND_KEYS } from "@/lib/front";
import { mirrorFile } from "@/lib/mirror";
import { getPageSettings } from "@/server/settings";
import { describeMirror, MirrorUpdates, writeMirror, type MirrorResponse } from "../mirror";
import type { CachedResponse, ResponseCache } from "./response-cache";

export interface FrontMirrorOptions {
  /** The mirror's folder. */
  dir: string;
  /** The project folder: Next's build (.next) and public/ are in it. */
  root: string;
  cache: ResponseCache;
  /** Renders through Next (next-render.ts): for a response evicted from memory, or kept from an older version. */
  render: (key: string, version: number) => Promise<CachedResponse | null>;
}

export function followInMirror({ dir, root, cache, render }: FrontMirrorOptions): MirrorUpdates {
  return new MirrorUpdates(async (version, keys) => {
    const started = Date.now();
    const responses = new Map<string, MirrorResponse>();
    for (const key of [...keys, NOT_FOUND_KEYS.page]) {
      if (mirrorFile(key) === null) continue;
      let entry = cache.peek(key);
      if (!entry || entry.version < version) entry = (await render(key, version)) ?? undefined;
      // Written whole or not at all: the next change (or the next settle) tries again.
      if (!entry) throw new Error(`${key} could not be rendered`);
      responses.set(key, { status: entry.status, headers: entry.headers, body: entry.fresh.body });
    }
    const { url } = await getPageSettings();
    const report = await writeMirror({ dir, publicUrl: url, responses, buildDir: path.join(root, ".next"), publicDir: path.join(root, "public") });
    if (report.written > 0 || report.removed > 0) console.log(`front: ${describeMirror(report, dir, (Date.now() - started) / 1000)} (version ${version})`);
  });
}
