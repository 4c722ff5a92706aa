import { checkHealth } from "@/server/health";

export const dynamic = "force-dynamic";

/** 200 when ready, 503 when not; the body says why. Never cached. */
export async function GET() {
  const health = await checkHealth();
  return Response.json(health, { status: health.ready ? 200 : 503, headers: { "Cache-Control": "no-store" } });
}
