import MarkdownIt from "markdown-it";
import sanitizeHtml from "sanitize-html";
import { closeBidiControls } from "@/lib/bidi";

// Update bodies are Markdown written under pressure and read everywhere: pages,
// feeds, JSON. markdown-it runs with raw HTML off (any tag is shown as text), and
// sanitize-html then keeps only the handful of tags Markdown itself produces, so a
// bug in either still cannot put a script, style or event handler on a page.

const markdown = new MarkdownIt({ html: false, linkify: true, typographer: true, breaks: true });

const SAFE_PROTOCOLS = ["http", "https", "mailto"];

/** Where the body is shown, for its links. */
export interface MarkdownSite {
  /** The page's public URL (settings.url): links on its origin are the operator's own. */
  url: string;
  /**
   * Resolve relative links against it, for HTML read away from the page (feeds, mail),
   * where `/incidents/…` would resolve against the feed's address or against nothing.
   */
  absoluteLinks?: boolean;
}

const EXTERNAL_REL = "nofollow noopener noreferrer ugc";

function isAbsolute(href: string): boolean {
  try {
    new URL(href);
    return true;
  } catch {
    return false;
  }
}

/**
 * The link resolved on the page's origin, or null when it leads elsewhere. A relative
 * link is the operator's own, unless it resolves off the origin ("//host"): that one is
 * left for sanitize-html to refuse as protocol-relative. Without the page's address,
 * only relative links are known to be its own.
 */
function ownUrl(href: string, site: MarkdownSite | undefined): URL | null {
  // A link with a scheme is judged as a reader without the page's address reads it:
  // "https:/evil.com" is relative on the page but https://evil.com in a feed or a mail.
  if (isAbsolute(href)) {
    if (!site) return null;
    const url = new URL(href);
    return url.origin === new URL(site.url).origin ? url : null;
  }
  const base = new URL(`${(site?.url ?? "https://herald.invalid").replace(/\/+$/, "")}/`);
  try {
    const url = new URL(href, base);
    return url.origin === base.origin ? url : null;
  } catch {
    return null;
  }
}

function sanitizeOptions(site: MarkdownSite | undefined): sanitizeHtml.IOptions {
  return {
    allowedTags: [
      "p", "br", "strong", "em", "del", "s", "code", "pre", "blockquote",
      "ul", "ol", "li", "a", "h4", "h5", "h6", "hr", "table", "thead", "tbody", "tr", "th", "td",
    ],
    allowedAttributes: { a: ["href", "rel"], ol: ["start"], th: ["align"], td: ["align"] },
    // Checked after transformTags, so a rewritten href is held to the same schemes.
    allowedSchemes: SAFE_PROTOCOLS,
    allowProtocolRelative: false,
    disallowedTagsMode: "escape",
    transformTags: {
      // Update bodies sit under the page's own headings.
      h1: "h4",
      h2: "h5",
      h3: "h6",
      h4: "h6",
      a: (tagName, attribs) => {
        const href = attribs.href ?? "";
        const own = ownUrl(href, site);
        // A link elsewhere is the writer's word, not the operator's endorsement.
        if (!own) return { tagName, attribs: { ...attribs, rel: EXTERNAL_REL } };
        return { tagName, attribs: site?.absoluteLinks && !isAbsolute(href) ? { ...attribs, href: own.href } : attribs };
      },
    },
  };
}

/**
 * Every run of text between two tags ends the bidirectional embeddings and isolates it
 * opens, so an unclosed right-to-left override reorders nothing outside it: not the rest
 * of its paragraph, nor the page around the body.
 */
function containBidi(html: string): string {
  return html
    .split(/(<[^>]*>)/)
    .map((part, index) => (index % 2 === 0 ? closeBidiControls(part) : part))
    .join("");
}

/** The body as sanitised HTML; `site` makes links on the page's own origin its own (and absolute, if asked). */
export function renderMarkdown(source: string, site?: MarkdownSite): string {
  return containBidi(sanitizeHtml(markdown.render(source), sanitizeOptions(site)).trim());
}

/** The body as plain text, for summaries, titles and mail subjects. */
export function markdownToText(source: string): string {
  const html = markdown.render(source);
  const text = sanitizeHtml(html, { allowedTags: [], allowedAttributes: {} })
    .replace(/&amp;/g, "&")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/\s+/g, " ")
    .trim();
  // One line, often followed by Herald's own text (a mail's changes, a link).
  return closeBidiControls(text);
}
