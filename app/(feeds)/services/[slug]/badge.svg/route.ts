import { notFoundJson } from "@/lib/api-errors";
import { statusBadge } from "@/lib/badge";
import { publicResponse } from "@/lib/http-cache";
import { getPublicStatus } from "@/server/public-status";

export const dynamic = "force-dynamic";

export async function GET(request: Request, { params }: { params: Promise<{ slug: string }> }) {
  const slug = (await params).slug;
  const service = (await getPublicStatus()).services.find((candidate) => candidate.slug === slug);
  if (!service) return notFoundJson("There is no service with this address.");
  return publicResponse(request, statusBadge(service.name, service.status), {
    contentType: "image/svg+xml; charset=utf-8",
    lastModified: service.updatedAt,
  });
}
