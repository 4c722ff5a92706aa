import { feedResponse } from "@/lib/feed-response";
import { getFeed } from "@/server/feeds";

export const dynamic = "force-dynamic";

export async function GET(request: Request) {
  return feedResponse(request, "rss", (await getFeed())!);
}
