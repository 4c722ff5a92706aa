import { statusBadge } from "@/lib/badge";
import { publicResponse } from "@/lib/http-cache";
import { getPublicStatus } from "@/server/public-status";

export const dynamic = "force-dynamic";

export async function GET(request: Request) {
  const { settings, overall, lastModified } = await getPublicStatus();
  return publicResponse(request, statusBadge(settings.name, overall.status, overall.title), {
    contentType: "image/svg+xml; charset=utf-8",
    lastModified,
  });
}
