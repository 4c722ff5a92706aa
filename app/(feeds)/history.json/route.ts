import { feedRoute } from "@/server/feed-routes";

export const dynamic = "force-dynamic";

export const GET = feedRoute("json");
