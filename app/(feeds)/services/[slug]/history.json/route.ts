import { feedResponse } from "@/lib/feed-response";
import { notFoundJson } from "@/lib/api-errors";
import { getFeed } from "@/server/feeds";

export const dynamic = "force-dynamic";

export async function GET(request: Request, { params }: { params: Promise<{ slug: string }> }) {
  const feed = await getFeed((await params).slug);
  return feed ? feedResponse(request, "json", feed) : notFoundJson("There is no service with this address.");
}
