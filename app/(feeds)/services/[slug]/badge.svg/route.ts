import { notFoundJson } from "@/lib/api-errors";
import { statusBadge } from "@/lib/badge";
import { publicResponse } from "@/lib/http-cache";
import { getService } from "@/server/services";

export const dynamic = "force-dynamic";

export async function GET(request: Request, { params }: { params: Promise<{ slug: string }> }) {
  const service = await getService((await params).slug);
  if (!service) return notFoundJson("There is no service with this address.");
  return publicResponse(request, statusBadge(service.name, service.status), {
    contentType: "image/svg+xml; charset=utf-8",
    lastModified: service.updatedAt,
  });
}
