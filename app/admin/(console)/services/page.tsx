import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { RoleRefusal } from "@/components/admin/role-refusal";
import { CatalogCheckbox, CatalogForm, CatalogInput } from "@/components/admin/catalog-form";
import { buttonClass } from "@/components/admin/field";
import type { CatalogView } from "@/lib/views/catalog";
import type { CatalogTranslation } from "@/lib/views/translations";
import { getCatalog } from "@/server/catalog";
import { getCatalogTranslations } from "@/server/translations";
import { consoleAccess } from "@/server/session";

export const metadata: Metadata = { title: "Services" };

const small = "rounded border border-neutral-500 px-2 py-1 text-sm";

function MoveButtons({ intent, id, label }: { intent: string; id: string; label: string }) {
  return (
    <div className="flex gap-2">
      {(["up", "down"] as const).map((direction) => (
        <CatalogForm key={direction} intent={intent}>
          <input type="hidden" name="id" value={id} />
          <button type="submit" name="direction" value={direction} className={small}>
            Move {direction}
            <span className="sr-only"> {label}</span>
          </button>
        </CatalogForm>
      ))}
    </div>
  );
}

function DeleteForm({ intent, id, label, consequence }: { intent: string; id: string; label: string; consequence: string }) {
  return (
    <details>
      <summary className="cursor-pointer text-sm underline underline-offset-2">Delete {label}…</summary>
      <CatalogForm intent={intent} className="mt-2 space-y-2">
        <input type="hidden" name="id" value={id} />
        <CatalogCheckbox id={`${intent}-${id}-confirm`} name="confirm" className="text-sm">
          Yes, delete {label}. {consequence}
        </CatalogCheckbox>
        <button type="submit" className={small}>
          Delete {label}
        </button>
      </CatalogForm>
    </details>
  );
}

/** A service's or group's name and description in each language other than the page's default. */
async function TranslationEditor({ kind, id, name, translations }: { kind: "service" | "group"; id: string; name: string; translations: CatalogTranslation[] }) {
  if (translations.length === 0) return null;
  const t = await getTranslations("consoleTranslations");
  return (
    <details>
      <summary className="cursor-pointer text-sm underline underline-offset-2">{t("catalog.summary", { name })}</summary>
      {translations.map((translation) => {
        const language = t("language", { locale: translation.locale });
        const prefix = `${kind}-${id}-${translation.locale}`;
        return (
          <CatalogForm key={translation.locale} intent={`translate-${kind}`} className="mt-2 grid gap-2">
            <input type="hidden" name={kind === "service" ? "serviceId" : "groupId"} value={id} />
            <input type="hidden" name="locale" value={translation.locale} />
            <CatalogInput id={`${prefix}-name`} name="name" label={t("catalog.name", { language })} defaultValue={translation.name} />
            <CatalogInput id={`${prefix}-description`} name="description" label={t("catalog.description", { language })} defaultValue={translation.description} />
            <div className="flex flex-wrap gap-3">
              <button type="submit" className={buttonClass}>
                {t("catalog.save", { language, name })}
              </button>
              {translation.name ? (
                <button type="submit" name="remove" value="yes" className={small}>
                  {t("catalog.remove", { language, name })}
                </button>
              ) : null}
            </div>
          </CatalogForm>
        );
      })}
    </details>
  );
}

function ServiceEditor({ service, groups, translations }: { service: CatalogView["services"][number]; groups: CatalogView["groups"]; translations: CatalogTranslation[] }) {
  const prefix = `service-${service.id}`;
  return (
    <li className="space-y-2 rounded border border-neutral-300 p-3 dark:border-neutral-700">
      <p className="font-medium">
        {service.name} <span className="text-sm font-normal">/services/{service.slug}{service.hidden ? " · hidden" : ""}</span>
      </p>
      <details>
        <summary className="cursor-pointer text-sm underline underline-offset-2">Edit {service.name}</summary>
        <CatalogForm intent="update-service" className="mt-2 grid gap-2">
          <input type="hidden" name="serviceId" value={service.id} />
          <CatalogInput id={`${prefix}-name`} name="name" label="Name" defaultValue={service.name} />
          <CatalogInput id={`${prefix}-slug`} name="slug" label="Address (/services/…)" defaultValue={service.slug} />
          <CatalogInput id={`${prefix}-description`} name="description" label="Description" defaultValue={service.description} />
          <CatalogInput id={`${prefix}-group`} name="groupId" label="Group" defaultValue={service.groupId ?? ""}>
            <option value="">No group</option>
            {groups.map((group) => (
              <option key={group.id} value={group.id}>
                {group.name}
              </option>
            ))}
          </CatalogInput>
          <CatalogCheckbox id={`${prefix}-hidden`} name="hidden" defaultChecked={service.hidden}>
            Hidden from the public page, feeds and API
          </CatalogCheckbox>
          <button type="submit" className={buttonClass}>
            Save {service.name}
          </button>
        </CatalogForm>
      </details>
      <TranslationEditor kind="service" id={service.id} name={service.name} translations={translations} />
      <MoveButtons intent="move-service" id={service.id} label={service.name} />
      <DeleteForm intent="delete-service" id={service.id} label={service.name} consequence="Its status history goes too." />
    </li>
  );
}

export default async function ServicesPage() {
  const { actor, allowed } = await consoleAccess("admin");
  if (!allowed) return <RoleRefusal actorRole={actor?.role ?? null} role="admin" title="Services" what="Editing services" />;
  const [catalog, translations] = await Promise.all([getCatalog(actor), getCatalogTranslations(actor)]);
  const sections = [...catalog.groups.map((group) => ({ group, services: catalog.services.filter((service) => service.groupId === group.id) })), { group: null, services: catalog.services.filter((service) => service.groupId === null) }];
  return (
    <>
      <h1 className="text-2xl font-bold">Services and groups</h1>
      {sections.map(({ group, services }) => (
        <section key={group?.id ?? "ungrouped"} aria-labelledby={`section-${group?.id ?? "ungrouped"}`} className="space-y-3">
          <h2 id={`section-${group?.id ?? "ungrouped"}`} className="text-xl font-semibold">
            {group ? group.name : "Not in a group"}
          </h2>
          {group ? (
            <div className="space-y-2">
              <details>
                <summary className="cursor-pointer text-sm underline underline-offset-2">Edit the group {group.name}</summary>
                <CatalogForm intent="update-group" className="mt-2 grid gap-2">
                  <input type="hidden" name="groupId" value={group.id} />
                  <CatalogInput id={`group-${group.id}-name`} name="name" label="Group name" defaultValue={group.name} />
                  <CatalogInput id={`group-${group.id}-description`} name="description" label="Group description" defaultValue={group.description} />
                  <button type="submit" className={buttonClass}>
                    Save the group {group.name}
                  </button>
                </CatalogForm>
              </details>
              <TranslationEditor kind="group" id={group.id} name={group.name} translations={translations.group(group.id)} />
              <MoveButtons intent="move-group" id={group.id} label={`the group ${group.name}`} />
              <DeleteForm intent="delete-group" id={group.id} label={`the group ${group.name}`} consequence="Its services stay, ungrouped." />
            </div>
          ) : null}
          <ul className="space-y-2">
            {services.map((service) => (
              <ServiceEditor key={service.id} service={service} groups={catalog.groups} translations={translations.service(service.id)} />
            ))}
          </ul>
        </section>
      ))}
      <section aria-labelledby="add-service" className="space-y-2">
        <h2 id="add-service" className="text-xl font-semibold">
          Add a service
        </h2>
        <CatalogForm intent="create-service" className="grid gap-2">
          <CatalogInput id="new-service-name" name="name" label="Service name" />
          <CatalogInput id="new-service-slug" name="slug" label="Address (/services/…, optional)" />
          <CatalogInput id="new-service-description" name="description" label="Service description" />
          <CatalogInput id="new-service-group" name="groupId" label="Service group">
            <option value="">No group</option>
            {catalog.groups.map((group) => (
              <option key={group.id} value={group.id}>
                {group.name}
              </option>
            ))}
          </CatalogInput>
          <button type="submit" className={buttonClass}>
            Add service
          </button>
        </CatalogForm>
      </section>
      <section aria-labelledby="add-group" className="space-y-2">
        <h2 id="add-group" className="text-xl font-semibold">
          Add a group
        </h2>
        <CatalogForm intent="create-group" className="grid gap-2">
          <CatalogInput id="new-group-name" name="name" label="New group name" />
          <CatalogInput id="new-group-description" name="description" label="New group description" />
          <button type="submit" className={buttonClass}>
            Add group
          </button>
        </CatalogForm>
      </section>
    </>
  );
}
