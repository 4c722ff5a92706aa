import { serviceFeedRoute } from "@/server/feed-routes";

export const dynamic = "force-dynamic";

export const GET = serviceFeedRoute("rss");
