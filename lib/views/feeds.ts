import type { FeedChannel, FeedEntry } from "@/lib/feeds";

// One feed's content, before it is written as RSS, Atom or JSON Feed.

export interface Feed {
  channel: FeedChannel;
  entries: FeedEntry[];
}
