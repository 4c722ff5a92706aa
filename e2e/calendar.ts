import { spawnSync } from "node:child_process";

/** A calendar as Debian's python3-icalendar reads it: the calendar's names and each event, times in UTC. */
export function parseCalendar(body: string) {
  const script = `
import icalendar, json, sys, datetime
cal = icalendar.Calendar.from_ical(sys.stdin.buffer.read())
def utc(value):
    moment = value.dt
    assert moment.tzinfo is not None and moment.utcoffset() == datetime.timedelta(0), "not UTC: %r" % (moment,)
    return moment.astimezone(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
print(json.dumps({
  "name": str(cal.get("X-WR-CALNAME")), "timeZone": str(cal.get("X-WR-TIMEZONE")),
  "events": [{"uid": str(e.get("UID")), "sequence": int(e.get("SEQUENCE")), "status": str(e.get("STATUS")),
              "start": utc(e.get("DTSTART")), "end": utc(e.get("DTEND")), "summary": str(e.get("SUMMARY")),
              "url": str(e.get("URL"))} for e in cal.walk("VEVENT")]}))
`;
  const result = spawnSync("/usr/bin/python3", ["-c", script], { input: body, encoding: "utf8" });
  if (result.status !== 0) throw new Error(`icalendar failed: ${result.stderr}`);
  return JSON.parse(result.stdout) as {
    name: string;
    timeZone: string;
    events: { uid: string; sequence: number; status: string; start: string; end: string; summary: string; url: string }[];
  };
}
