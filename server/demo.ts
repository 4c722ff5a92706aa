import "server-only";
import type { Impact, IncidentStatus, ServiceStatus, UpdateStatus } from "@/lib/constants";
import { zonedTime } from "@/lib/time";
import { type Db, writeTransaction } from "@/server/db";
import { ADVICE_JA, GROUPS_JA, INCIDENT_TITLE_JA, SERVICES_JA, UPDATES_JA } from "@/server/demo-ja";
import { DEFAULT_SETTINGS } from "@/server/settings";

// The demo story: the Sega Pass breach of June 2011 (shared/STORY.md), told in our
// own words, as it stood on the evening of Friday 17 June 2011. Written in English, with
// Japanese translations (server/demo-ja.ts) of all but its latest update.

const ZONE = "Europe/London";
const london = (day: number, hour: number, minute = 0) => zonedTime(2011, 6, day, ZONE, hour, minute);

const groups = [
  { key: "pass", name: "Sega Pass", description: "Your Sega account: signing in and managing your password." },
  { key: "community", name: "Community", description: "Places where players meet." },
  { key: "web", name: "Web and payments", description: "" },
] as const;

const services: {
  slug: string;
  name: string;
  group: (typeof groups)[number]["key"];
  description: string;
}[] = [
  { slug: "sega-pass-login", name: "Sega Pass login", group: "pass", description: "Signing in to Sega Pass and to the sites that use it." },
  { slug: "sega-pass-password-reset", name: "Sega Pass password reset", group: "pass", description: "Setting a new Sega Pass password by email." },
  { slug: "forums", name: "Forums", group: "community", description: "The Sega community forums, which use Sega Pass accounts." },
  { slug: "website", name: "Website", group: "web", description: "Sega's public website: news, games and support pages." },
  { slug: "payments", name: "Payments", group: "web", description: "Purchases, handled by our third-party payment processor." },
];

const updates: {
  /** Names its Japanese text in server/demo-ja.ts UPDATES_JA. */
  key: string;
  at: Date;
  status: UpdateStatus;
  body: string;
  changes: Partial<Record<string, ServiceStatus>>;
}[] = [
  {
    key: "offline",
    at: london(16, 10, 0),
    status: "investigating",
    body: [
      "Sega Pass is offline. You can't sign in or reset your password at the moment, and the sign-in page only shows a note saying that we are making improvements.",
      "",
      "We are looking into it and will post here as soon as we know more.",
    ].join("\n"),
    changes: { "sega-pass-login": "major_outage", "sega-pass-password-reset": "major_outage" },
  },
  {
    key: "breach",
    at: london(17, 8, 30),
    status: "identified",
    body: [
      "**Someone got into the Sega Pass database without permission.**",
      "",
      "Within the last 24 hours we found that an unauthorised person had gained entry to the database behind Sega Pass. We acted at once to protect your data and to isolate the part of our systems where the breach happened, and we have started an investigation into how far it reached across our public systems.",
    ].join("\n"),
    changes: {},
  },
  {
    key: "data",
    at: london(17, 8, 45),
    status: "identified",
    body: [
      "**What was taken, and what was not**",
      "",
      "The intruder obtained, for Sega Pass accounts:",
      "",
      "- email addresses",
      "- dates of birth",
      "- passwords, in encrypted form",
      "",
      "Payment details were **not** accessed. Card and billing data is held by our third-party payment processor, not by Sega Pass, and Payments are working normally.",
    ].join("\n"),
    changes: {},
  },
  {
    key: "reset",
    at: london(17, 9, 0),
    status: "identified",
    body: [
      "**We have reset every Sega Pass password** and suspended Sega Pass sign-in and the forums while we work.",
      "",
      "**What you should do now:** if you used your Sega Pass password on any other website or online account, change the password there straight away, and use a different password for each site. Be wary of emails that ask for your password or personal details.",
    ].join("\n"),
    changes: { forums: "major_outage" },
  },
  {
    key: "down",
    at: london(17, 12, 0),
    status: "identified",
    body: [
      "All Sega Pass systems will stay down while we take the steps needed to secure them. We are cautiously optimistic that they will be back before long.",
      "",
      "We will post here when we know more about who was responsible and when Sega Pass will return.",
    ].join("\n"),
    changes: {},
  },
  {
    key: "lulzsec",
    at: london(17, 19, 30),
    status: "identified",
    body: [
      "**UPDATE:** The hacking group LulzSec has publicly offered to help us find the people who attacked Sega Pass, and has said it had nothing to do with the attack.",
      "",
      "Our own investigation goes on. Sega Pass login, password reset and the forums remain offline.",
    ].join("\n"),
    changes: {},
  },
];

/** Templates for the next time: one a person picks, one the login service's alerts draft from. */
const templates: {
  name: string;
  title: string;
  body: string;
  status: IncidentStatus;
  impact: Impact;
  notify: boolean;
  services: Record<string, ServiceStatus>;
  alertsFor?: string;
}[] = [
  {
    name: "Suspected account breach",
    title: "{{services}} offline while we check a security problem",
    body: [
      "We have taken {{services}} offline while we look into signs that someone may have reached Sega Pass account data without permission.",
      "",
      "Until we are back:",
      "",
      "- you can't sign in or reset your password;",
      "- we will **never** email or call you to ask for your password: ignore anyone who does.",
      "",
      "We will post here as soon as we know more, including whether any of your details were involved and what you should do.",
    ].join("\n"),
    status: "investigating",
    impact: "critical",
    notify: true,
    services: { "sega-pass-login": "major_outage", "sega-pass-password-reset": "major_outage" },
  },
  {
    name: "Login degraded (monitoring alert)",
    title: "Signing in to {{service}} is slow or failing for some players",
    body: [
      "Our monitoring shows that some sign-ins to {{service}} are slow or failing.",
      "",
      "If you can't sign in, wait a few minutes and try again. Your account and password are not affected. We are looking into it and will post here when we know more.",
    ].join("\n"),
    status: "investigating",
    impact: "minor",
    // Short blips come and go: a person decides whether subscribers hear of one.
    notify: false,
    services: { "sega-pass-login": "degraded_performance" },
    alertsFor: "sega-pass-login",
  },
];

export const DEMO = {
  name: "Sega Pass status",
  description: "Whether Sega Pass, the forums and our website are working, and the latest news when they are not.",
  timeZone: ZONE,
  /** The page shows the story as it stood late on Friday 17 June 2011. */
  asOf: london(17, 23, 0),
  incidentTitle: "Unauthorised access to the Sega Pass database",
  /** Pinned at the top from the moment passwords were reset, so no one scrolls to the third update for it. */
  advice: [
    "**Your Sega Pass password has been reset.**",
    "",
    "If you used the same password on any other website or account, change it there now, and give each site its own password. We will never email you to ask for your password: ignore any message that does.",
  ].join("\n"),
};

/** An update's Japanese text, dated with the update; none for the one left untranslated. */
function japanese(key: string, at: Date) {
  const body = (UPDATES_JA as Record<string, string>)[key];
  return body ? { create: { locale: "ja", body, createdAt: at, updatedAt: at } } : undefined;
}

/** True when the database holds nothing an admin could have made. */
export async function isEmpty(database: Db): Promise<boolean> {
  const [settings, serviceCount, incidentCount] = await Promise.all([
    database.pageSettings.count(),
    database.service.count(),
    database.incident.count(),
  ]);
  return settings === 0 && serviceCount === 0 && incidentCount === 0;
}

export async function loadDemoStory(database: Db, publicUrl: string): Promise<void> {
  // History starts well before the 90-day window, so every bar has data.
  const recordedSince = new Date(Date.UTC(2010, 11, 1));
  await writeTransaction(async (tx) => {
    await tx.pageSettings.create({
      data: { id: 1, name: DEMO.name, url: publicUrl, timeZone: DEMO.timeZone, description: DEMO.description, asOf: DEMO.asOf, version: 1 },
    });
    const groupIds = new Map<string, string>();
    for (const [position, group] of groups.entries()) {
      const row = await tx.serviceGroup.create({
        data: { name: group.name, description: group.description, position, createdAt: recordedSince, translations: { create: { locale: "ja", ...GROUPS_JA[group.key] } } },
      });
      groupIds.set(group.key, row.id);
    }
    const serviceIds = new Map<string, string>();
    const current = new Map<string, ServiceStatus>();
    for (const [position, service] of services.entries()) {
      const row = await tx.service.create({
        data: {
          slug: service.slug,
          name: service.name,
          description: service.description,
          groupId: groupIds.get(service.group),
          position,
          status: "operational",
          createdAt: recordedSince,
          statusChanges: { create: { status: "operational", at: recordedSince } },
          translations: { create: { locale: "ja", ...SERVICES_JA[service.slug] } },
        },
      });
      serviceIds.set(service.slug, row.id);
      current.set(service.slug, "operational");
    }

    const affected = ["sega-pass-login", "sega-pass-password-reset", "forums"];
    const incident = await tx.incident.create({
      data: {
        kind: "incident",
        title: DEMO.incidentTitle,
        impact: "critical",
        status: updates[updates.length - 1].status,
        startedAt: updates[0].at,
        publishedAt: updates[0].at,
        createdAt: updates[0].at,
        advice: DEMO.advice,
        adviceUpdatedAt: london(17, 9, 0),
        services: { create: affected.map((slug) => ({ serviceId: serviceIds.get(slug)! })) },
        // Translated as the story went: the title with the first update, the advice with it.
        translations: {
          create: {
            locale: "ja",
            title: INCIDENT_TITLE_JA,
            titleUpdatedAt: updates[0].at,
            advice: ADVICE_JA,
            adviceUpdatedAt: london(17, 9, 0),
            createdAt: updates[0].at,
            updatedAt: london(17, 9, 0),
          },
        },
      },
    });
    for (const update of updates) {
      const changes = Object.entries(update.changes).map(([slug, newStatus]) => {
        const change = { serviceId: serviceIds.get(slug)!, oldStatus: current.get(slug)!, newStatus: newStatus! };
        current.set(slug, newStatus!);
        return change;
      });
      await tx.incidentUpdate.create({
        data: {
          incidentId: incident.id,
          status: update.status,
          body: update.body,
          displayAt: update.at,
          createdAt: update.at,
          changes: { create: changes },
          translations: japanese(update.key, update.at),
        },
      });
      for (const change of changes) {
        await tx.statusChange.create({
          data: { serviceId: change.serviceId, status: change.newStatus, at: update.at, incidentId: incident.id },
        });
        await tx.service.update({ where: { id: change.serviceId }, data: { status: change.newStatus, updatedAt: update.at } });
      }
    }

    for (const template of templates) {
      const row = await tx.incidentTemplate.create({
        data: {
          name: template.name,
          title: template.title,
          body: template.body,
          status: template.status,
          impact: template.impact,
          notify: template.notify,
          createdAt: DEMO.asOf,
          services: { create: Object.entries(template.services).map(([slug, status]) => ({ serviceId: serviceIds.get(slug)!, status })) },
        },
      });
      if (template.alertsFor) {
        const id = serviceIds.get(template.alertsFor)!;
        // Its updatedAt stays the story's, not the moment the demo was loaded.
        const { updatedAt } = await tx.service.findUniqueOrThrow({ where: { id }, select: { updatedAt: true } });
        await tx.service.update({ where: { id }, data: { alertTemplateId: row.id, updatedAt } });
      }
    }
  }, database);
}

/** A page with no demo: settings only, for an admin to fill in. */
export async function createEmptyPage(database: Db, publicUrl: string): Promise<void> {
  const { name, timeZone } = DEFAULT_SETTINGS;
  await database.pageSettings.create({ data: { id: 1, name, url: publicUrl, timeZone, version: 1 } });
}
