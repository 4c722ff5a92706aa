import { calendarResponse } from "@/lib/calendar";
import { getMaintenanceCalendar } from "@/server/calendar";

export const dynamic = "force-dynamic";

export async function GET(request: Request) {
  return calendarResponse(request, (await getMaintenanceCalendar())!);
}
