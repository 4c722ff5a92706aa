import { FEED_FORMATS } from "@/lib/feed-links";

/**
 * "RSS, Atom, JSON Feed": the feeds at `base` (the whole page's unless given) as links, for
 * running text. `of` names whose feeds they are to screen readers, for a page that links
 * more than one set under the same visible names.
 */
export function FeedLinkList({ base = "/history", of }: { base?: string; of?: string }) {
  return (
    <>
      {FEED_FORMATS.map((format, index) => (
        <span key={format.extension}>
          {index > 0 ? ", " : null}
          <a href={`${base}.${format.extension}`} className="underline underline-offset-2">
            {format.label}
            {of ? <span className="sr-only"> for {of}</span> : null}
          </a>
        </span>
      ))}
    </>
  );
}
