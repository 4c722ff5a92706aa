// The static mirror (`npm run export`, HERALD_MIRROR_DIR; runtime/mirror.ts writes it):
// which file each public response becomes, and how pages are rewritten so that the files
// work as they are, with no server logic at all: on any static web server, on an object
// store that maps no folder to its index.html (S3's REST endpoint), even from file://.
// Pages link to each other relatively and name index.html; what a mirror cannot hold
// (the subscribe form, the console, personal links) is linked on the live site.
import { canonicalKey, NOT_FOUND_KEYS, PUBLIC_ROUTES, stripScripts } from "@/lib/front";
import { splitLocale } from "@/lib/i18n/routing";

/** The list of files Herald wrote, kept in the mirror: only these are ever removed. */
export const MIRROR_MANIFEST = ".herald-mirror.json";

/** The shared "not found" page, where static hosts look for one (S3 websites, Netlify, GitHub Pages, nginx's error_page). */
export const NOT_FOUND_FILE = "404.html";

/**
 * Public keys a mirror links on the live site instead: the subscribe form posts a server
 * action, which a static host cannot answer and Next refuses from another origin.
 */
const LIVE_ONLY = new Set(["/subscribe"]);

const NOT_FOUND = new Set(Object.values(NOT_FOUND_KEYS));

/**
 * Whether `name` can be a file or folder name on any file system and object store: no
 * separator, no `.` or `..`, no NUL or control character, none of the characters Windows
 * refuses (a mirror may be synced from anywhere).
 */
export function isFileName(name: string): boolean {
  return name !== "" && name !== "." && name !== ".." && name.length <= 200 && !/[/\\\u0000-\u001f\u007f<>:"|?*]/.test(name);
}

/** A percent-encoded path segment, decoded, when it is a safe file name; null otherwise. */
export function fileSegment(encoded: string): string | null {
  let name: string;
  try {
    name = decodeURIComponent(encoded);
  } catch {
    return null;
  }
  return isFileName(name) ? name : null;
}

/** Whether `file` ("incidents/x/index.html") stays inside the mirror: checked before anything is written or removed. */
export function isMirrorPath(file: string): boolean {
  return file !== MIRROR_MANIFEST && file.split("/").every(isFileName);
}

function routeOf(path: string) {
  const segments = path.split("/");
  return PUBLIC_ROUTES.find((route) => {
    const pattern = route.path.split("/");
    return pattern.length === segments.length && pattern.every((part, index) => (part[0] === ":" ? segments[index] !== "" : part === segments[index]));
  });
}

/**
 * The file a public response is written to, or null when a mirror holds none for its key:
 * a page is a folder's index.html ("/" → index.html, "/incidents/<id>" →
 * incidents/<id>/index.html), a page with a query parameter one folder deeper
 * ("/history?month=2011-06" → history/2011-06/index.html); feeds, the API and badges keep
 * their names, whose extensions tell a static server their types. Another language's
 * twin is in that language's folder ("/ja" → ja/index.html). Only canonical keys
 * (lib/front.ts canonicalKey) have files, and ids and slugs only when they are safe
 * file names. The 404 page is the default language's: a static host takes one.
 */
export function mirrorFile(key: string): string | null {
  if (key === NOT_FOUND_KEYS.page) return NOT_FOUND_FILE;
  const { locale, rest } = splitLocale(key);
  if (NOT_FOUND.has(rest) || LIVE_ONLY.has(rest.split("?")[0]) || canonicalKey(key, null) !== key) return null;
  if (locale !== null) {
    const file = mirrorFile(rest);
    return file === null ? null : `${locale}/${file}`;
  }
  const mark = key.indexOf("?");
  const path = mark === -1 ? key : key.slice(0, mark);
  const route = routeOf(path);
  if (!route) return null;
  const names = path === "/" ? [] : path.slice(1).split("/").map(fileSegment);
  // Canonical keys sort their parameters, so each set of values has one folder.
  const values = mark === -1 ? [] : key.slice(mark + 1).split("&").map((pair) => fileSegment(pair.slice(pair.indexOf("=") + 1)));
  if ([...names, ...values].some((name) => name === null)) return null;
  if (/\.\w+$/.test(route.path)) return values.length === 0 ? names.join("/") : null;
  return [...names, ...values, "index.html"].join("/");
}

const encodePath = (file: string) => file.split("/").map(encodeURIComponent).join("/");

/**
 * The link from the file `from` to the file `to` (both mirror paths): relative, so the
 * mirror works under any address, and naming the file itself, so no host has to map a
 * folder to its index.html. A link within one file is its fragment alone.
 */
export function relativeLink(from: string, to: string, fragment = ""): string {
  if (from === to && fragment) return fragment;
  const fromFolders = from.split("/").slice(0, -1);
  const target = to.split("/");
  let common = 0;
  while (common < fromFolders.length && common < target.length - 1 && fromFolders[common] === target[common]) common++;
  const up = "../".repeat(fromFolders.length - common);
  return up + encodePath(target.slice(common).join("/")) + fragment;
}

/** What a mirror holds, for rewriting links. */
export interface MirrorSite {
  /** The live site's address (the page settings' public URL: the base of its absolute links). */
  publicUrl: string;
  /** The keys the mirror holds a file for: links to anything else go to the live site. */
  keys: ReadonlySet<string>;
  /** The URL paths of the files copied from public/ ("/favicon.ico"). */
  publicFiles: ReadonlySet<string>;
}

/** Next's built assets, served from `.next/static/` and copied to the same place in the mirror. */
export const NEXT_STATIC_PREFIX = "/_next/static/";

interface Target {
  /** The link on the live site. */
  live: string;
  /** The file the mirror holds for it, if any, and the fragment to keep. */
  file?: string;
  fragment?: string;
  /** For one of Next's built files: its URL path, to copy. */
  asset?: string;
}

/**
 * Where a link to this site leads: always a URL on the live site, and a file in the
 * mirror when it holds one. Null when it is no link to this site (another site, a
 * fragment, mailto:), which stays as it is.
 */
function linkTarget(value: string, site: MirrorSite): Target | null {
  let local: string;
  if (/^[a-z][a-z\d+.-]*:/i.test(value)) {
    const rest = value.slice(site.publicUrl.length);
    if (!value.startsWith(site.publicUrl) || (rest !== "" && !/^[/?#]/.test(rest))) return null;
    local = rest.startsWith("/") ? rest : `/${rest}`;
  } else if (value.startsWith("/") && !value.startsWith("//")) {
    local = value;
  } else {
    return null;
  }
  const live = site.publicUrl + local;
  const hash = local.indexOf("#");
  const fragment = hash === -1 ? "" : local.slice(hash);
  const pathAndQuery = hash === -1 ? local : local.slice(0, hash);
  const path = pathAndQuery.split("?")[0];
  // Assets by their path: a query on one (a cache buster) means nothing to a static host.
  if (path.startsWith(NEXT_STATIC_PREFIX) && path.length > NEXT_STATIC_PREFIX.length) {
    const names = path.slice(1).split("/").map(fileSegment);
    if (names.every((name) => name !== null)) return { live, file: names.join("/"), fragment, asset: path };
  }
  if (site.publicFiles.has(path)) return { live, file: path.slice(1).split("/").map(fileSegment).join("/"), fragment };
  const key = canonicalKey(pathAndQuery, null);
  const file = site.keys.has(key) && !NOT_FOUND.has(key) ? mirrorFile(key) : null;
  return file ? { live, file, fragment } : { live };
}

const ENTITIES: Record<string, string> = { amp: "&", quot: '"', apos: "'", lt: "<", gt: ">" };

function decodeAttribute(value: string): string {
  return value.replace(/&(#x[\da-f]+|#\d+|\w+);/gi, (entity, name: string) => {
    if (name[0] === "#") return String.fromCodePoint(name[1] === "x" || name[1] === "X" ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10));
    return ENTITIES[name.toLowerCase()] ?? entity;
  });
}

const encodeAttribute = (value: string) => value.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

// React writes every tag the same way: attribute values always double-quoted, with `"`,
// `<`, `>` and `&` escaped inside them and in text. So in its output a `<` followed by a
// letter always opens a tag, `>` always ends one, and ` href="` only ever starts an
// attribute: regular expressions read it exactly, with no parser to depend on and
// nothing else in the page re-serialised.
const TAG = /<([a-z][\w:-]*)(\s[^<>]*)?>/gi;
const LINK_ATTRIBUTE = /(\s)(href|src|action)="([^"]*)"/gi;
// A fresh random value in every render (proxy.ts): meaningless without its policy header,
// and it would make every page differ from its last copy, so every sync upload it again.
const NONCE_ATTRIBUTE = /\snonce="[^"]*"/gi;

export interface MirroredPage {
  html: string;
  /** Next's built files the page loads ("/_next/static/chunks/x.css"), to copy. */
  assets: string[];
}

/**
 * A page as the mirror holds it: without scripts (the live script's event stream has no
 * counterpart on a static host, and the pages need none), with every link to this site
 * made relative to the page's file (`../../history/2011-06/index.html`), or, for what
 * the mirror does not hold, absolute on the live site. `<link rel="canonical">` keeps
 * naming the live page; nonces go. The not-found page is served at any depth, so its
 * links start from the mirror's root instead. Null when a script would remain.
 */
export function mirrorPage(html: string, key: string, site: MirrorSite): MirroredPage | null {
  const from = mirrorFile(key);
  const stripped = stripScripts(html);
  if (from === null || stripped === null) return null;
  const assets = new Set<string>();
  const link = (to: string, fragment: string) => (from === NOT_FOUND_FILE ? `/${encodePath(to)}${fragment}` : relativeLink(from, to, fragment));
  const rewritten = stripped.replace(TAG, (tag, name: string, attributes: string | undefined) => {
    if (!attributes) return tag;
    const canonical = name.toLowerCase() === "link" && /\srel="canonical"/i.test(attributes);
    const changed = attributes.replace(NONCE_ATTRIBUTE, "").replace(LINK_ATTRIBUTE, (attribute, space: string, attributeName: string, value: string) => {
      if (canonical && attributeName.toLowerCase() === "href") return attribute;
      const target = linkTarget(decodeAttribute(value), site);
      if (target === null) return attribute;
      // A form posts to a server: only the live site has one.
      if (target.file === undefined || attributeName.toLowerCase() === "action") return `${space}${attributeName}="${encodeAttribute(target.live)}"`;
      if (target.asset) assets.add(target.asset);
      return `${space}${attributeName}="${encodeAttribute(link(target.file, target.fragment ?? ""))}"`;
    });
    return `<${name}${changed}>`;
  });
  return { html: rewritten, assets: [...assets] };
}

const CSS_URL = /url\(\s*(["']?)([^"')\s]+)\1\s*\)/g;

/**
 * A stylesheet of Next's build at `path` ("/_next/static/chunks/x.css"), as the mirror
 * holds it: the files it names with url(…) (fonts, images) that are Next's too, to copy,
 * and root-relative ones rewritten relative to the stylesheet, where the copies will be.
 */
export function mirrorStylesheet(css: string, path: string): { css: string; assets: string[] } {
  const from = path.slice(1);
  const assets = new Set<string>();
  const rewritten = css.replace(CSS_URL, (whole, quote: string, reference: string) => {
    if (/^[a-z][a-z\d+.-]*:/i.test(reference) || reference.startsWith("//") || reference.startsWith("#")) return whole;
    const resolved = new URL(reference, `http://mirror${path}`).pathname;
    if (!resolved.startsWith(NEXT_STATIC_PREFIX)) return whole;
    const names = resolved.slice(1).split("/").map(fileSegment);
    if (names.some((name) => name === null)) return whole;
    assets.add(resolved);
    if (!reference.startsWith("/")) return whole;
    return `url(${quote}${relativeLink(from, names.join("/"))}${quote})`;
  });
  return { css: rewritten, assets: [...assets] };
}

/** The files a mirror holds, by path, with a hash of each: what the manifest records. */
export type MirrorFiles = ReadonlyMap<string, string>;

/** The manifest's text, for the files written. */
export function formatManifest(files: MirrorFiles): string {
  const sorted = Object.fromEntries([...files].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return `${JSON.stringify({ herald: "mirror", version: 1, files: sorted }, null, 1)}\n`;
}

/**
 * The files a manifest records; empty when it is missing or not Herald's. A path that
 * would leave the mirror is dropped, so an edited manifest cannot make Herald remove
 * anything outside it.
 */
export function parseManifest(text: string | null): Map<string, string> {
  const files = new Map<string, string>();
  if (!text) return files;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return files;
  }
  const listed = (parsed as { herald?: unknown; files?: unknown } | null)?.files;
  if ((parsed as { herald?: unknown } | null)?.herald !== "mirror" || typeof listed !== "object" || listed === null) return files;
  for (const [file, hash] of Object.entries(listed)) if (isMirrorPath(file) && typeof hash === "string") files.set(file, hash);
  return files;
}

/**
 * In what order to write a mirror's files: what pages load and link to first (assets,
 * feeds, the API, badges), then pages, the deepest first, so the home page, which
 * links to everything, comes last; then what the previous mirror had and this one has
 * not is removed. A reader never follows a link to a file not yet there.
 */
export function mirrorPlan(previous: MirrorFiles, next: MirrorFiles): { write: string[]; remove: string[] } {
  const rank = (file: string) => (file.endsWith(".html") ? 1_000 - file.split("/").length : 0);
  const write = [...next.keys()].filter((file) => previous.get(file) !== next.get(file));
  write.sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
  const remove = [...previous.keys()].filter((file) => !next.has(file));
  return { write, remove };
}
