import type { Metadata } from "next";
import { DeleteTemplateForm, TemplateForm } from "@/components/admin/template-form";
import { hasRole, IMPACT_LABELS, SERVICE_STATUS_LABELS, UPDATE_STATUS_LABELS } from "@/lib/constants";
import { PLACEHOLDERS } from "@/lib/templates";
import type { TemplateView } from "@/lib/views/templates";
import { listAdminServices } from "@/server/admin";
import { consoleAccess } from "@/server/session";
import { listTemplates } from "@/server/templates";

export const metadata: Metadata = { title: "Templates" };

const link = "underline underline-offset-2";

function Summary({ template }: { template: TemplateView }) {
  return (
    <dl className="grid gap-x-4 gap-y-1 text-sm sm:grid-cols-[max-content_1fr]">
      <dt className="font-medium">Title</dt>
      <dd className="break-words">{template.title}</dd>
      <dt className="font-medium">Starts as</dt>
      <dd>
        {UPDATE_STATUS_LABELS[template.status]}, {IMPACT_LABELS[template.impact].toLowerCase()} impact, {template.notify ? "subscribers notified" : "subscribers not notified"}
      </dd>
      <dt className="font-medium">Services</dt>
      <dd>{template.services.length ? template.services.map((service) => `${service.name}: ${SERVICE_STATUS_LABELS[service.status].toLowerCase()}`).join("; ") : "None named"}</dd>
      {template.alertServices.length ? (
        <>
          <dt className="font-medium">Drafts alerts for</dt>
          <dd>{template.alertServices.map((service) => service.name).join(", ")}</dd>
        </>
      ) : null}
    </dl>
  );
}

export default async function TemplatesPage() {
  const { actor } = await consoleAccess("editor");
  // Editors use templates; admins write them (server/templates.ts checks again).
  const manages = hasRole(actor.role, "admin");
  const [templates, services] = await Promise.all([listTemplates(actor), manages ? listAdminServices(actor) : []]);
  return (
    <>
      <h1 className="text-2xl font-bold">Incident templates</h1>
      <p>
        Ready-made wording for incidents that happen more than once. Pick one when you open an incident or post an update: it fills in the form, and you check it before
        publishing.{manages ? "" : " Admins write and change templates."}
      </p>
      <details>
        <summary className="cursor-pointer">Placeholders a title or update can use</summary>
        <dl className="mt-2 grid gap-x-4 gap-y-1 text-sm sm:grid-cols-[max-content_1fr]">
          {Object.entries(PLACEHOLDERS).map(([name, meaning]) => (
            <div key={name} className="contents">
              <dt>
                <code>{`{{${name}}}`}</code>
              </dt>
              <dd>{meaning}</dd>
            </div>
          ))}
        </dl>
      </details>
      <section aria-labelledby="templates" className="space-y-4">
        <h2 id="templates" className="text-xl font-semibold">
          Templates
        </h2>
        {templates.length === 0 ? <p>No templates yet.</p> : null}
        {templates.map((template) => (
          <article key={template.id} aria-labelledby={`template-${template.id}`} className="space-y-2 rounded border border-neutral-300 p-3 dark:border-neutral-700">
            <h3 id={`template-${template.id}`} className="font-semibold">
              {template.name}
            </h3>
            <Summary template={template} />
            <details>
              <summary className="cursor-pointer text-sm">First update, as written</summary>
              <pre className="mt-2 text-sm break-words whitespace-pre-wrap">{template.body}</pre>
            </details>
            <p>
              <a href={`/admin/incidents/new?template=${encodeURIComponent(template.id)}`} className={link}>
                Open an incident from “{template.name}”
              </a>
            </p>
            {manages ? (
              <>
                <details>
                  <summary className={`cursor-pointer text-sm ${link}`}>Edit “{template.name}”</summary>
                  <div className="mt-2">
                    <TemplateForm prefix={`template-${template.id}`} template={template} services={services} />
                  </div>
                </details>
                <details>
                  <summary className={`cursor-pointer text-sm ${link}`}>Delete “{template.name}”…</summary>
                  <DeleteTemplateForm
                    templateId={template.id}
                    name={template.name}
                    consequence={template.alertServices.length ? `Alerts on ${template.alertServices.map((service) => service.name).join(", ")} will draft incidents from the built-in text.` : "Incidents opened from it stay as they are."}
                  />
                </details>
              </>
            ) : null}
          </article>
        ))}
      </section>
      {manages ? (
        <section aria-labelledby="add-template" className="space-y-2">
          <h2 id="add-template" className="text-xl font-semibold">
            Add a template
          </h2>
          <TemplateForm prefix="new-template" services={services} />
        </section>
      ) : null}
    </>
  );
}
