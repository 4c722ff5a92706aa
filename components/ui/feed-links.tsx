import { FEED_FORMATS } from "@/lib/feed-links";

/** "RSS, Atom, JSON Feed": the page's feeds as links, for running text. */
export function FeedLinkList() {
  return (
    <>
      {FEED_FORMATS.map((format, index) => (
        <span key={format.extension}>
          {index > 0 ? ", " : null}
          <a href={`/history.${format.extension}`} className="underline underline-offset-2">
            {format.label}
          </a>
        </span>
      ))}
    </>
  );
}
