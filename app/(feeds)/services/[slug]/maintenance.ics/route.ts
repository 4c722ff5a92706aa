import { notFoundJson } from "@/lib/api-errors";
import { calendarResponse } from "@/lib/calendar";
import { getMaintenanceCalendar } from "@/server/calendar";

export const dynamic = "force-dynamic";

export async function GET(request: Request, { params }: { params: Promise<{ slug: string }> }) {
  const calendar = await getMaintenanceCalendar((await params).slug);
  return calendar ? calendarResponse(request, calendar) : notFoundJson("There is no service with this address.");
}
