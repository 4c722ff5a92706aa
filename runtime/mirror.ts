// Writes the static mirror (`npm run export`, and the front after every change when
// HERALD_MIRROR_DIR is set): the public responses as files, the stylesheets and fonts
// they load from Next's build, and the files in public/, laid out and rewritten by
// lib/mirror.ts so that any static host serves them as they are. A sync tool may copy
// the folder at any moment, so it is never half-written for long: each file is replaced
// whole (written aside, then renamed), only when it changed, in an order where no link
// leads to a file not there yet, and files are removed last: only those Herald wrote
// (the manifest lists them), never an operator's own.
import { createHash } from "node:crypto";
import { accessSync, constants, mkdirSync } from "node:fs";
import { lstat, mkdir, readdir, readFile, realpath, rename, rm, rmdir, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { NOT_FOUND_KEYS } from "@/lib/front";
import {
  fileSegment,
  formatManifest,
  isMirrorPath,
  MIRROR_MANIFEST,
  mirrorFile,
  mirrorPage,
  mirrorPlan,
  mirrorStylesheet,
  NEXT_STATIC_PREFIX,
  parseManifest,
  type MirrorSite,
} from "@/lib/mirror";

/** A public response to mirror, as the front keeps it (response-cache.ts) or Next gave it. */
export interface MirrorResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

export interface MirrorInput {
  /** The mirror's folder; made when missing. */
  dir: string;
  /** The live site's address (page settings): where links to what a mirror cannot hold go. */
  publicUrl: string;
  /** Public responses by cache key: every key of lib/front.ts publicKeys, and the not-found page. */
  responses: ReadonlyMap<string, MirrorResponse>;
  /** Next's build folder (.next): the stylesheets and fonts pages load are under static/. */
  buildDir: string;
  /** The public/ folder: icons, robots.txt, the web manifest. */
  publicDir: string;
}

export interface MirrorReport {
  /** Files the mirror holds now. */
  files: number;
  /** Their size, in bytes. */
  bytes: number;
  /** Files written this time (new or changed). */
  written: number;
  /** Files removed (no longer public). */
  removed: number;
}

const hashOf = (body: Buffer) => createHash("sha256").update(body).digest("base64url");

/** public/'s files by URL path, but scripts: the mirrored pages load none (lib/mirror.ts mirrorPage). */
async function publicFiles(publicDir: string): Promise<Map<string, Buffer>> {
  const files = new Map<string, Buffer>();
  async function walk(folder: string, prefix: string) {
    let entries;
    try {
      entries = await readdir(folder, { withFileTypes: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return;
      throw error;
    }
    for (const entry of entries) {
      const file = `${prefix}${entry.name}`;
      if (!isMirrorPath(file)) continue;
      if (entry.isDirectory()) await walk(path.join(folder, entry.name), `${file}/`);
      else if (entry.isFile() && !/\.m?js$/.test(entry.name)) files.set(file, await readFile(path.join(folder, entry.name)));
    }
  }
  await walk(publicDir, "");
  return files;
}

/**
 * What the mirror holds, file by file: the responses (pages rewritten), then the built
 * files pages and stylesheets name, read from Next's build. Throws when a response is
 * neither a page, nor a 404 page, nor a 200, or a built file is missing: a mirror is
 * written whole or not at all.
 */
async function mirrorContents(input: MirrorInput): Promise<Map<string, Buffer>> {
  const contents = new Map<string, Buffer>();
  const fromPublic = await publicFiles(input.publicDir);
  for (const [file, body] of fromPublic) contents.set(file, body);

  const files = new Map<string, string>();
  for (const [key, response] of input.responses) {
    const file = mirrorFile(key);
    if (file === null) continue;
    if (response.status !== (key === NOT_FOUND_KEYS.page ? 404 : 200)) throw new Error(`${key} answered ${response.status}`);
    files.set(key, file);
  }
  const site: MirrorSite = {
    publicUrl: input.publicUrl,
    keys: new Set(files.keys()),
    publicFiles: new Set([...fromPublic.keys()].map((file) => `/${file.split("/").map(encodeURIComponent).join("/")}`)),
  };

  const assets = new Set<string>();
  for (const [key, file] of files) {
    const response = input.responses.get(key)!;
    if (!/^text\/html\b/.test(response.headers["content-type"] ?? "")) {
      contents.set(file, response.body);
      continue;
    }
    const page = mirrorPage(response.body.toString("utf8"), key, site);
    if (!page) throw new Error(`${key} has a script that cannot be taken out`);
    contents.set(file, Buffer.from(page.html));
    for (const asset of page.assets) assets.add(asset);
  }
  // Sets iterate over what is added while iterating: stylesheets add their fonts.
  for (const asset of assets) {
    const names = asset.slice(NEXT_STATIC_PREFIX.length).split("/").map((name) => fileSegment(name)!);
    const body = await readFile(path.join(input.buildDir, "static", ...names)).catch((error: NodeJS.ErrnoException) => {
      throw new Error(`${asset} is not in Next's build (${error.code}); was it rebuilt meanwhile?`);
    });
    if (!asset.endsWith(".css")) {
      contents.set(asset.slice(1).split("/").map((name) => fileSegment(name)!).join("/"), body);
      continue;
    }
    const stylesheet = mirrorStylesheet(body.toString("utf8"), asset);
    contents.set(asset.slice(1).split("/").map((name) => fileSegment(name)!).join("/"), Buffer.from(stylesheet.css));
    for (const found of stylesheet.assets) assets.add(found);
  }
  return contents;
}

/**
 * Refuses a folder on the way to a file that leads out of the mirror (a symlink someone
 * with write access to the mirror put there): Herald writes and removes inside it only.
 */
async function assertInside(dir: string, folder: string) {
  const [root, real] = await Promise.all([realpath(dir), realpath(folder)]);
  if (real !== root && !real.startsWith(root + path.sep)) throw new Error(`${folder} leads out of the mirror (${real}); nothing was written there`);
}

/** The nearest folder on the way to `folder` that exists already. */
async function existingAncestor(folder: string): Promise<string> {
  for (let current = folder; ; current = path.dirname(current)) {
    if (await lstat(current).then(() => true, () => false)) return current;
    if (path.dirname(current) === current) return current;
  }
}

/** Replaces `file` whole: written beside it, then renamed over it. */
async function replaceFile(dir: string, file: string, body: Buffer) {
  // Checked before making folders too: mkdir would follow a symlink on the way.
  await assertInside(dir, await existingAncestor(path.dirname(file)));
  await mkdir(path.dirname(file), { recursive: true });
  await assertInside(dir, path.dirname(file));
  const temporary = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  try {
    await writeFile(temporary, body);
    await rename(temporary, file);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

/**
 * Removes `file` when it still holds what Herald wrote (`hash`; an operator's edit is
 * kept), then the folders it leaves empty, up to the mirror's own.
 */
async function removeFile(dir: string, file: string, hash: string) {
  const full = path.join(dir, file);
  try {
    await assertInside(dir, path.dirname(full));
    const found = await lstat(full);
    if (!found.isFile() || hashOf(await readFile(full)) !== hash) return;
  } catch {
    return; // Gone already, or not Herald's to remove.
  }
  await rm(full, { force: true });
  for (let folder = path.dirname(file); folder !== "."; folder = path.dirname(folder)) {
    try {
      await rmdir(path.join(dir, folder));
    } catch {
      return; // Not empty (or not there): what is above it is not empty either.
    }
  }
}

/** Whether `file` is on disk with `size` bytes: what "unchanged since the manifest" needs besides its hash. */
async function present(file: string, size: number): Promise<boolean> {
  try {
    const found = await stat(file);
    return found.isFile() && found.size === size;
  } catch {
    return false;
  }
}

/** Writes the mirror into `input.dir`; see the top of this file for how. */
export async function writeMirror(input: MirrorInput): Promise<MirrorReport> {
  const contents = await mirrorContents(input);
  const next = new Map([...contents].map(([file, body]) => [file, hashOf(body)]));
  await mkdir(input.dir, { recursive: true });
  const manifest = path.join(input.dir, MIRROR_MANIFEST);
  const listed = parseManifest(await readFile(manifest, "utf8").catch(() => null));
  // A file listed but changed or gone on disk since (an operator, a sync tool) is written again.
  const previous = new Map<string, string>();
  for (const [file, hash] of listed) {
    if (!contents.has(file) || (next.get(file) === hash && (await present(path.join(input.dir, file), contents.get(file)!.length)))) previous.set(file, hash);
    else previous.set(file, "");
  }
  const plan = mirrorPlan(previous, next);

  // Listed first, so a file written now is Herald's to remove later even if this stops half-way.
  if (plan.write.some((file) => !listed.has(file))) await replaceFile(input.dir, manifest, Buffer.from(formatManifest(new Map([...listed, ...next]))));
  for (const file of plan.write) await replaceFile(input.dir, path.join(input.dir, file), contents.get(file)!);
  for (const file of plan.remove) await removeFile(input.dir, file, listed.get(file) ?? "");
  if (plan.write.length > 0 || plan.remove.length > 0 || listed.size !== next.size) await replaceFile(input.dir, manifest, Buffer.from(formatManifest(next)));

  let bytes = 0;
  for (const body of contents.values()) bytes += body.length;
  return { files: contents.size, bytes, written: plan.write.length, removed: plan.remove.length };
}

/** Why Herald cannot write a mirror into `dir` (made when missing), or null when it can: said at start, before anything is rendered. */
export function mirrorDirProblem(dir: string, project: string): string | null {
  // The mirror holds what Herald writes and removes: never the project, or a folder Herald reads from.
  const resolved = path.resolve(dir);
  for (const own of [project, path.join(project, "public"), path.join(project, ".next"), path.join(project, ".herald")]) {
    if (resolved === own || resolved.startsWith(own + path.sep) || own.startsWith(resolved + path.sep)) {
      return `${dir} overlaps Herald's own files (${own}); choose a folder outside the project`;
    }
  }
  try {
    mkdirSync(dir, { recursive: true });
    accessSync(dir, constants.W_OK);
    return null;
  } catch (error) {
    return `cannot write to ${dir}: ${(error as Error).message}`;
  }
}

/** The one-line summary `npm run export` prints, and the front logs. */
export function describeMirror(report: MirrorReport, dir: string, seconds: number): string {
  const size = report.bytes >= 1024 * 1024 ? `${(report.bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(report.bytes / 1024)} KB`;
  return `Mirrored ${report.files} files (${size}) to ${dir} in ${seconds.toFixed(1)} s: ${report.written} written, ${report.removed} removed.`;
}

/**
 * Keeps a mirror up to date from the front (runtime/front/server.ts): one write at a
 * time; a settle while one is under way is written after it, once, with the newest
 * version (the ones between were never seen whole, so nothing is lost).
 */
export class MirrorUpdates {
  private pending: { version: number; keys: readonly string[] } | null = null;
  private running: Promise<void> | null = null;

  constructor(private readonly write: (version: number, keys: readonly string[]) => Promise<void>) {}

  /** The whole public set was rendered for `version` (PublicResponses onSettled). */
  settled(version: number, keys: readonly string[]) {
    if (this.pending && this.pending.version > version) return;
    this.pending = { version, keys };
    this.running ??= this.drain();
  }

  /** Resolves when no write is under way or waiting. */
  async idle() {
    while (this.running) await this.running;
  }

  private async drain() {
    try {
      while (this.pending) {
        const { version, keys } = this.pending;
        this.pending = null;
        await this.write(version, keys).catch((error) => console.error("front: could not update the mirror:", (error as Error).message));
      }
    } finally {
      this.running = null;
    }
  }
}
