import { useTranslations } from "next-intl";
import { CancelMaintenanceForm, RescheduleMaintenanceForm } from "@/components/admin/maintenance-controls";
import { LocalTime } from "@/components/ui/local-time";
import type { MaintenanceScheduleView } from "@/lib/views/maintenance";

/** A reminder's lead in its largest whole unit: 1440 minutes is "1 day", 90 stays minutes. */
function reminderLead(minutes: number): { unit: "day" | "hour" | "minute"; count: number } {
  if (minutes % 1440 === 0) return { unit: "day", count: minutes / 1440 };
  if (minutes % 60 === 0) return { unit: "hour", count: minutes / 60 };
  return { unit: "minute", count: minutes };
}

/** A window's schedule, what it does by itself, and the controls to move or cancel it. */
export function MaintenanceSchedule({ schedule, timeZone }: { schedule: MaintenanceScheduleView; timeZone: string }) {
  const t = useTranslations("console.maintenance");
  const over = schedule.status === "completed";
  return (
    <section aria-labelledby="schedule" className="space-y-3">
      <h2 id="schedule" className="text-xl font-semibold">
        {t("schedule")}
      </h2>
      <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1">
        <dt className="font-medium">{t("scheduleStarts")}</dt>
        <dd>
          <LocalTime date={schedule.scheduledStart} timeZone={timeZone} />
          {schedule.autoStart ? t("byItselfStart") : t("youStart")}
        </dd>
        <dt className="font-medium">{t("scheduleEnds")}</dt>
        <dd>
          <LocalTime date={schedule.scheduledEnd} timeZone={timeZone} />
          {schedule.autoComplete ? t("byItselfEnd") : t("youEnd")}
        </dd>
        <dt className="font-medium">{t("reminder")}</dt>
        <dd>
          {schedule.remindBeforeMinutes === null || !schedule.notify ? t("reminderNone") : t("reminderBefore", reminderLead(schedule.remindBeforeMinutes))}
          {schedule.remindedAt ? t.rich("reminderDone", { time: () => <LocalTime date={schedule.remindedAt!} timeZone={timeZone} /> }) : null}
        </dd>
        <dt className="font-medium">{t("subscribers")}</dt>
        <dd>{schedule.notify ? t("told") : t("notTold")}</dd>
      </dl>
      {schedule.published ? null : <p>{t("draftRunsNothing")}</p>}
      {over ? null : (
        <>
          <RescheduleMaintenanceForm schedule={schedule} timeZone={timeZone} />
          <CancelMaintenanceForm schedule={schedule} />
        </>
      )}
    </section>
  );
}
