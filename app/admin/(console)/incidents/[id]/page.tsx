import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import type { Locale } from "@/lib/i18n/locales";
import { CorrectUpdateForm, PublishForm } from "@/components/admin/incident-controls";
import { PostUpdateForm } from "@/components/admin/post-update-form";
import { EditIncidentForm } from "@/components/admin/edit-incident-form";
import { incidentServiceIds } from "@/server/incident-edits";
import { UpdateBody } from "@/components/incidents/update-body";
import { LocalTime } from "@/components/ui/local-time";
import { incidentStatusKey } from "@/lib/constants";
import { LiveProgress } from "@/components/admin/subscription-admin";
import { getAdminIncident, listAdminServices } from "@/server/admin";
import { consoleAccess } from "@/server/session";
import { getPageSettings } from "@/server/settings";
import { deliveryProgress } from "@/server/delivery/progress";
import { MaintenanceSchedule } from "@/components/admin/maintenance-schedule";
import { getMaintenanceSchedule } from "@/server/maintenance";
import { TemplatePicker } from "@/components/admin/template-picker";
import { templateChoiceSchema } from "@/lib/schemas/templates";
import { listTemplates, templateDraft } from "@/server/templates";
import { AlertSuggestionBox } from "@/components/admin/alert-suggestion";
import { AdviceForm } from "@/components/admin/advice-form";
import { PostmortemForm } from "@/components/admin/postmortem-form";
import { formatDateTime } from "@/lib/time";
import { getAdminAdvice } from "@/server/advice";
import { getAdminPostmortem, type AdminPostmortem } from "@/server/postmortems";
import { getUpdateSuggestion } from "@/server/alerts";
import { TranslationsPanel } from "@/components/admin/translations-panel";
import { getIncidentTranslations } from "@/server/translations";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("console.incident"))("title") };
}

type IncidentText = Awaited<ReturnType<typeof getTranslations<"console.incident">>>;

/** Where the postmortem stands, in the page's zone and the reader's language. */
function postmortemNote({ body, publishedAt, updatedAt }: AdminPostmortem, timeZone: string, locale: Locale, t: IncidentText): string | null {
  const at = (date: Date) => formatDateTime(date, timeZone, locale);
  if (publishedAt) return t("postmortemPublished", { published: at(publishedAt), revised: updatedAt && updatedAt > publishedAt ? at(updatedAt) : "none" });
  return body && updatedAt ? t("postmortemDraft", { saved: at(updatedAt) }) : null;
}

export default async function AdminIncidentPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { actor } = await consoleAccess("editor");
  const [settings, incident, services, t, locale] = await Promise.all([
    getPageSettings(),
    getAdminIncident(actor, (await params).id),
    listAdminServices(actor),
    getTranslations("console.incident"),
    getLocale(),
  ]);
  const [impactLabel, statusLabel] = await Promise.all([getTranslations("incident.impact"), getTranslations("incident.status")]);
  if (!incident) notFound();
  // Templates are written for incidents; maintenance has its own statuses.
  const { template: chosen } = templateChoiceSchema.parse(await searchParams);
  const [templates, draft] = incident.kind === "incident" ? await Promise.all([listTemplates(actor), chosen ? templateDraft(actor, chosen, { incidentId: incident.id }) : null]) : [[], null];
  const initial = draft ? { status: draft.status, body: draft.body, affected: draft.affected } : undefined;
  const progress = await deliveryProgress(actor, { incidentId: incident.id });
  const schedule = incident.kind === "maintenance" ? await getMaintenanceSchedule(actor, incident.id) : null;
  const suggestion = await getUpdateSuggestion(actor, incident.id);
  const [advice, postmortem, translations] = await Promise.all([getAdminAdvice(actor, incident.id), getAdminPostmortem(actor, incident.id), getIncidentTranslations(actor, incident.id)]);
  const linked = await incidentServiceIds(actor, incident.id);
  return (
    <>
      <h1 className="text-2xl font-bold">{incident.title}</h1>
      <p>
        {t.rich("summary", {
          impact: impactLabel(incident.impact),
          status: statusLabel(incidentStatusKey(incident)),
          link: (chunks) => (
            <a href={`/incidents/${incident.id}`} className="underline underline-offset-2">
              {chunks}
            </a>
          ),
        })}
      </p>
      <EditIncidentForm incidentId={incident.id} revision={incident.revision} title={incident.title} impact={incident.impact} services={services} linked={linked} />
      {incident.published ? null : (
        <section aria-labelledby="draft" className="space-y-2 rounded border-2 border-amber-500 p-3">
          <h2 id="draft" className="text-lg font-semibold">
            {t("draft")}
          </h2>
          <p>{t("draftNote")}</p>
          <PublishForm incidentId={incident.id} revision={incident.revision} />
        </section>
      )}
      {schedule ? <MaintenanceSchedule schedule={schedule} timeZone={settings.timeZone} /> : null}
      {suggestion ? <AlertSuggestionBox suggestion={suggestion} draft={!incident.published} /> : null}
      <section aria-labelledby="post" className="space-y-3">
        <h2 id="post" className="text-xl font-semibold">
          {t("post")}
        </h2>
        {incident.kind === "incident" ? <TemplatePicker action={`/admin/incidents/${incident.id}#post`} templates={templates} chosen={chosen} found={draft?.templateName ?? null} /> : null}
        <PostUpdateForm key={chosen || "blank"} incidentId={incident.id} revision={incident.revision} status={incident.status} services={services} timeZone={settings.timeZone} kind={incident.kind} linked={linked} initial={initial} />
      </section>
      <section aria-labelledby="advice-section" className="space-y-3">
        <h2 id="advice-section" className="text-xl font-semibold">
          {t("advice")}
        </h2>
        <AdviceForm incidentId={incident.id} revision={incident.revision} advice={advice?.advice ?? ""} />
      </section>
      {postmortem?.writable || postmortem?.body ? (
        <section aria-labelledby="postmortem-section" className="space-y-3">
          <h2 id="postmortem-section" className="text-xl font-semibold">
            {t("postmortem")}
          </h2>
          {postmortem.writable ? (
            <PostmortemForm
              incidentId={incident.id}
              revision={incident.revision}
              body={postmortem.body}
              published={postmortem.publishedAt !== null}
              note={postmortemNote(postmortem, settings.timeZone, locale, t)}
            />
          ) : (
            <p>{t("postmortemReopened")}</p>
          )}
        </section>
      ) : null}
      {translations ? <TranslationsPanel incidentId={incident.id} translations={translations} timeZone={settings.timeZone} /> : null}
      <section aria-labelledby="notifications" className="space-y-3 overflow-x-auto">
        <h2 id="notifications" className="text-xl font-semibold">
          {t("sent")}
        </h2>
        <LiveProgress initial={progress} incidentId={incident.id} timeZone={settings.timeZone} />
      </section>
      <section aria-labelledby="timeline" className="space-y-3">
        <h2 id="timeline" className="text-xl font-semibold">
          {t("timeline")}
        </h2>
        <ol className="space-y-3">
          {incident.updates.map((update) => (
            <li key={update.id} className="rounded border border-neutral-300 p-3 dark:border-neutral-700">
              <p className="font-medium">
                {t.rich("updateLine", { status: statusLabel(update.status), time: () => <LocalTime date={update.displayAt} timeZone={settings.timeZone} /> })}
              </p>
              <UpdateBody html={update.html} />
              <CorrectUpdateForm updateId={update.id} revision={incident.revision} body={update.body} />
            </li>
          ))}
        </ol>
      </section>
    </>
  );
}
