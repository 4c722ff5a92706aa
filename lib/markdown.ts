import MarkdownIt from "markdown-it";
import sanitizeHtml from "sanitize-html";
import { closeBidiControls } from "@/lib/bidi";

// Update bodies are Markdown written under pressure and read everywhere: pages,
// feeds, JSON. markdown-it runs with raw HTML off (any tag is shown as text), and
// sanitize-html then keeps only the handful of tags Markdown itself produces, so a
// bug in either still cannot put a script, style or event handler on a page.

const markdown = new MarkdownIt({ html: false, linkify: true, typographer: true, breaks: true });

const SAFE_PROTOCOLS = ["http", "https", "mailto"];

const sanitizeOptions: sanitizeHtml.IOptions = {
  allowedTags: [
    "p", "br", "strong", "em", "del", "s", "code", "pre", "blockquote",
    "ul", "ol", "li", "a", "h4", "h5", "h6", "hr", "table", "thead", "tbody", "tr", "th", "td",
  ],
  allowedAttributes: { a: ["href", "rel"], ol: ["start"], th: ["align"], td: ["align"] },
  allowedSchemes: SAFE_PROTOCOLS,
  allowProtocolRelative: false,
  disallowedTagsMode: "escape",
  transformTags: {
    // Update bodies sit under the page's own headings.
    h1: "h4",
    h2: "h5",
    h3: "h6",
    h4: "h6",
    a: (tagName, attribs) => ({
      tagName,
      attribs: { ...attribs, rel: "nofollow noopener noreferrer ugc" },
    }),
  },
};

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

export function renderMarkdown(source: string): string {
  return containBidi(sanitizeHtml(markdown.render(source), sanitizeOptions).trim());
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
