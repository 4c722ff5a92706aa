// The one script the public pages carry: public/live.js, which keeps an open page up to
// date from the front's event stream (runtime/front/live.ts). Next renders the pages
// without it; the front strips Next's scripts (lib/front.ts stripScripts) and then adds
// this tag itself, so no other script can ride along, and the page's policy allows
// exactly the bytes the tag names.
import { splitLocale } from "@/lib/i18n/routing";

/** Where the script is served from (public/live.js, by the front). */
export const LIVE_SCRIPT_PATH = "/live.js";

/** The front's event stream the script listens to. */
export const EVENTS_PATH = "/events";

/**
 * Pages a reader keeps open: every public page Next rendered fine, in every language,
 * but the subscribe form (a form being filled must not change under the reader's hands)
 * and the "not found" and error pages.
 */
export function isLivePage(key: string, status: number): boolean {
  return status === 200 && splitLocale(key.split("?")[0]).rest !== "/subscribe";
}

/**
 * Adds the script tag to a page Next rendered and the front stripped: deferred, with
 * the subresource integrity the page's policy matches (`sha256` is the file's SHA-256
 * in base64), and the data version the page shows, so the script can tell whether an
 * event is news to it. The address names the file's bytes too: browsers keep it for an
 * hour, and a copy kept from before a deploy would fail the new integrity check. A page
 * without a head is left as it is.
 */
export function addLiveScript(html: string, sha256: string, version: number): string {
  const head = html.search(/<\/head\s*>/i);
  if (head === -1) return html;
  const bytes = sha256.slice(0, 16).replace(/\+/g, "-").replace(/\//g, "_");
  const tag = `<script src="${LIVE_SCRIPT_PATH}?v=${bytes}" integrity="sha256-${sha256}" data-version="${version}" defer></script>`;
  return html.slice(0, head) + tag + html.slice(head);
}

const LIVE_TAG = /<script src="\/live\.js\?v=[\w-]+" integrity="sha256-([A-Za-z0-9+/]{43}=)"/;

/**
 * The SHA-256 the page's live script tag names, or null when it has none: what its
 * policy allows. Only addLiveScript writes such a tag (stripScripts left no other).
 */
export function liveScriptHash(html: string): string | null {
  return LIVE_TAG.exec(html)?.[1] ?? null;
}
