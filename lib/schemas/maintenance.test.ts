import { describe, expect, it } from "vitest";
import { planMaintenanceSchema } from "@/lib/schemas/admin";
import { fieldErrorsOf } from "@/lib/schemas/forms";
import { cancelMaintenanceSchema, CANCEL_TEXT, reminderMinutes, rescheduleMaintenanceSchema } from "@/lib/schemas/maintenance";

// The maintenance forms' schemas, as the browser runs them before sending.

const errorsOf = (result: { success: boolean; error?: Parameters<typeof fieldErrorsOf>[0] }) => (result.error ? fieldErrorsOf(result.error) : {});

describe("planning a window", () => {
  it("shows every mistake at once, the missing times beside the others", () => {
    const errors = errorsOf(planMaintenanceSchema.safeParse({ title: "", body: "x", scheduledStart: "", scheduledEnd: "", remindBeforeMinutes: "custom", remindCustomMinutes: "0" }));
    expect(errors).toEqual({
      title: "Enter a title.",
      scheduledStart: "Enter when it starts.",
      scheduledEnd: "Enter when it ends.",
      remindCustomMinutes: "Enter whole minutes between 1 and 10,080 (a week).",
    });
  });

  it("reads the console's checkboxes and choices, and the API's booleans and numbers", () => {
    const times = { title: "t", body: "b", scheduledStart: "2031-01-01T02:00", scheduledEnd: "2031-01-01T03:00" };
    expect(planMaintenanceSchema.parse({ ...times, autoStart: "on", notify: "no" })).toMatchObject({ autoStart: true, autoComplete: false, notify: false });
    expect(planMaintenanceSchema.parse({ ...times, autoComplete: true })).toMatchObject({ autoStart: false, autoComplete: true, notify: true });
    expect(reminderMinutes({ remindBeforeMinutes: "1440" })).toEqual({ minutes: 1440 });
    expect(reminderMinutes({ remindBeforeMinutes: "custom", remindCustomMinutes: "90" })).toEqual({ minutes: 90 });
    expect(reminderMinutes({ remindBeforeMinutes: 60 })).toEqual({ minutes: 60 });
    expect(reminderMinutes({ remindBeforeMinutes: "" })).toEqual({ minutes: null });
    expect(reminderMinutes({ remindBeforeMinutes: null })).toEqual({ minutes: null });
    expect(reminderMinutes({ remindBeforeMinutes: 1.5 })).toMatchObject({ field: "remindBeforeMinutes" });
    expect(errorsOf(planMaintenanceSchema.safeParse({ ...times, autoStart: "yes please" }))).toEqual({ autoStart: "Tick the box or leave it empty." });
  });
});

describe("moving and cancelling a window", () => {
  it("takes one time or both, each in one shape", () => {
    expect(rescheduleMaintenanceSchema.safeParse({ incidentId: "w1", revision: "2", scheduledUntil: "2031-01-01T05:00:00Z" }).success).toBe(true);
    expect(errorsOf(rescheduleMaintenanceSchema.safeParse({ incidentId: "w1", revision: "2", scheduledEnd: "" }))).toEqual({ scheduledStart: "Enter the new start, the new end, or both." });
    expect(errorsOf(rescheduleMaintenanceSchema.safeParse({ incidentId: "w1", revision: "2", scheduledEnd: "2031-01-01T05:00", scheduledUntil: "2031-01-01T05:00:00Z" }))).toEqual({
      scheduledUntil: "Give when it ends once: as scheduledUntil or as scheduledEnd, not both.",
    });
    expect(errorsOf(rescheduleMaintenanceSchema.safeParse({ incidentId: "w1", revision: "2", scheduledStart: "2031-01-01T05:00", scheduledEnd: "2031-01-01T04:00" }))).toEqual({ scheduledEnd: "The end must come after the start." });
  });

  it("says the standard sentence when the editor leaves the text empty", () => {
    expect(cancelMaintenanceSchema.parse({ incidentId: "w1", revision: "3", body: "  " }).body).toBe(CANCEL_TEXT);
    expect(cancelMaintenanceSchema.parse({ incidentId: "w1", revision: "3" }).body).toBe(CANCEL_TEXT);
    expect(cancelMaintenanceSchema.parse({ incidentId: "w1", revision: "3", body: "Called off." }).body).toBe("Called off.");
  });
});
