import { CancelMaintenanceForm, RescheduleMaintenanceForm } from "@/components/admin/maintenance-controls";
import { LocalTime } from "@/components/ui/local-time";
import type { MaintenanceScheduleView } from "@/lib/views/maintenance";

function reminderText(minutes: number): string {
  if (minutes % 1440 === 0) return `${minutes / 1440} ${minutes === 1440 ? "day" : "days"} before`;
  if (minutes % 60 === 0) return `${minutes / 60} ${minutes === 60 ? "hour" : "hours"} before`;
  return `${minutes} minutes before`;
}

/** A window's schedule, what it does by itself, and the controls to move or cancel it. */
export function MaintenanceSchedule({ schedule, timeZone }: { schedule: MaintenanceScheduleView; timeZone: string }) {
  const over = schedule.status === "completed";
  return (
    <section aria-labelledby="schedule" className="space-y-3">
      <h2 id="schedule" className="text-xl font-semibold">
        Schedule
      </h2>
      <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1">
        <dt className="font-medium">Starts</dt>
        <dd>
          <LocalTime date={schedule.scheduledStart} timeZone={timeZone} />
          {schedule.autoStart ? " · starts by itself" : " · you post “In progress”"}
        </dd>
        <dt className="font-medium">Ends</dt>
        <dd>
          <LocalTime date={schedule.scheduledEnd} timeZone={timeZone} />
          {schedule.autoComplete ? " · completes by itself" : " · you post “Completed”"}
        </dd>
        <dt className="font-medium">Reminder</dt>
        <dd>
          {schedule.remindBeforeMinutes === null || !schedule.notify ? "None" : reminderText(schedule.remindBeforeMinutes)}
          {schedule.remindedAt ? (
            <>
              {" · done "}
              <LocalTime date={schedule.remindedAt} timeZone={timeZone} />
            </>
          ) : null}
        </dd>
        <dt className="font-medium">Subscribers</dt>
        <dd>{schedule.notify ? "Told by mail and webhook" : "Not told: only the page shows it"}</dd>
      </dl>
      {schedule.published ? null : <p>A draft runs nothing by itself until it is published.</p>}
      {over ? null : (
        <>
          <RescheduleMaintenanceForm schedule={schedule} timeZone={timeZone} />
          <CancelMaintenanceForm schedule={schedule} />
        </>
      )}
    </section>
  );
}
