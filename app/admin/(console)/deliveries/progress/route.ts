import { AuthError } from "@/server/mutation-error";
import { currentActor } from "@/server/session";
import { deliveryProgress } from "@/server/delivery/progress";

export const dynamic = "force-dynamic";

/** The live view's refresh: the same figures as the page, as JSON. */
export async function GET(request: Request) {
  const incident = new URL(request.url).searchParams.get("incident") ?? undefined;
  try {
    const rows = await deliveryProgress(await currentActor(), { incidentId: incident?.slice(0, 64) });
    return Response.json(rows, { headers: { "cache-control": "no-store" } });
  } catch (error) {
    if (error instanceof AuthError) return Response.json({ error: error.message }, { status: error.status });
    throw error;
  }
}
