import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { OpenIncidentForm } from "@/components/admin/open-incident-form";
import { TemplatePicker } from "@/components/admin/template-picker";
import { templateChoiceSchema } from "@/lib/schemas/templates";
import { listAdminServices } from "@/server/admin";
import { consoleAccess } from "@/server/session";
import { getPageSettings } from "@/server/settings";
import { listTemplates, templateDraft } from "@/server/templates";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("console.incidentForm"))("newTitle") };
}

export default async function NewIncidentPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { actor } = await consoleAccess("editor");
  const { template: chosen } = templateChoiceSchema.parse(await searchParams);
  const t = await getTranslations("console.incidentForm");
  const [settings, services, templates, draft] = await Promise.all([getPageSettings(), listAdminServices(actor), listTemplates(actor), chosen ? templateDraft(actor, chosen) : null]);
  // The form starts from the template's text, filled in for the services it names.
  const initial = draft ? { title: draft.title, body: draft.body, status: draft.status, impact: draft.impact, services: Object.keys(draft.affected), affected: draft.affected } : undefined;
  return (
    <>
      <h1 className="text-2xl font-bold">{t("newHeading")}</h1>
      <TemplatePicker action="/admin/incidents/new" templates={templates} chosen={chosen} found={draft?.templateName ?? null} />
      <OpenIncidentForm key={chosen || "blank"} services={services} timeZone={settings.timeZone} initial={initial} />
    </>
  );
}
