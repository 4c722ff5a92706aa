import Link from "next/link";
import type { ReactNode } from "react";
import { LocalTime } from "@/components/ui/local-time";

// What the tags in catalog messages render (next-intl's t.rich), for the ones many
// components share. A message says where words and times go in its language
// ("Started <time></time>", 「開始：<time></time>」); the component says what they are.

/** Words for screen readers only: "RSS<hidden> for Forums</hidden>". */
export function hidden(chunks: ReactNode): ReactNode {
  return <span className="sr-only">{chunks}</span>;
}

/** An empty tag the time fills: `t.rich("started", { time: timeTag(date, zone) })`. */
export function timeTag(date: Date, timeZone: string): () => ReactNode {
  return function time() {
    return <LocalTime date={date} timeZone={timeZone} />;
  };
}

/** A link around the tag's words: `t.rich("subscribeAgain", { link: linkTag("/ja/subscribe") })`. */
export function linkTag(href: string): (chunks: ReactNode) => ReactNode {
  return function link(chunks) {
    return (
      <Link href={href} className="underline underline-offset-2">
        {chunks}
      </Link>
    );
  };
}

/** Strong words: an address or a host the sentence names. */
export function strong(chunks: ReactNode): ReactNode {
  return <strong>{chunks}</strong>;
}
