import type { Metadata } from "next";
import { RoleRefusal } from "@/components/admin/role-refusal";
import { CatalogForm } from "@/components/admin/catalog-form";
import { buttonClass, inputClass } from "@/components/admin/field";
import { hasRole } from "@/lib/constants";
import { getCatalog, type CatalogView } from "@/server/catalog";
import { currentActor } from "@/server/session";

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
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" name="confirm" value="yes" /> Yes, delete {label}. {consequence}
        </label>
        <button type="submit" className={small}>
          Delete {label}
        </button>
      </CatalogForm>
    </details>
  );
}

function ServiceEditor({ service, groups }: { service: CatalogView["services"][number]; groups: CatalogView["groups"] }) {
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
          <label htmlFor={`${prefix}-name`}>Name</label>
          <input id={`${prefix}-name`} name="name" defaultValue={service.name} className={inputClass} />
          <label htmlFor={`${prefix}-slug`}>Address (/services/…)</label>
          <input id={`${prefix}-slug`} name="slug" defaultValue={service.slug} className={inputClass} />
          <label htmlFor={`${prefix}-description`}>Description</label>
          <input id={`${prefix}-description`} name="description" defaultValue={service.description} className={inputClass} />
          <label htmlFor={`${prefix}-group`}>Group</label>
          <select id={`${prefix}-group`} name="groupId" defaultValue={service.groupId ?? ""} className={inputClass}>
            <option value="">No group</option>
            {groups.map((group) => (
              <option key={group.id} value={group.id}>
                {group.name}
              </option>
            ))}
          </select>
          <label className="flex items-center gap-2">
            <input type="checkbox" name="hidden" value="on" defaultChecked={service.hidden} /> Hidden from the public page, feeds and API
          </label>
          <button type="submit" className={buttonClass}>
            Save {service.name}
          </button>
        </CatalogForm>
      </details>
      <MoveButtons intent="move-service" id={service.id} label={service.name} />
      <DeleteForm intent="delete-service" id={service.id} label={service.name} consequence="Its status history goes too." />
    </li>
  );
}

export default async function ServicesPage() {
  const actor = await currentActor();
  if (!actor || !hasRole(actor.role, "admin")) return <RoleRefusal actor={actor} role="admin" title="Services" what="Editing services" />;
  const catalog = await getCatalog(actor);
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
                  <label htmlFor={`group-${group.id}-name`}>Group name</label>
                  <input id={`group-${group.id}-name`} name="name" defaultValue={group.name} className={inputClass} />
                  <label htmlFor={`group-${group.id}-description`}>Group description</label>
                  <input id={`group-${group.id}-description`} name="description" defaultValue={group.description} className={inputClass} />
                  <button type="submit" className={buttonClass}>
                    Save the group {group.name}
                  </button>
                </CatalogForm>
              </details>
              <MoveButtons intent="move-group" id={group.id} label={`the group ${group.name}`} />
              <DeleteForm intent="delete-group" id={group.id} label={`the group ${group.name}`} consequence="Its services stay, ungrouped." />
            </div>
          ) : null}
          <ul className="space-y-2">
            {services.map((service) => (
              <ServiceEditor key={service.id} service={service} groups={catalog.groups} />
            ))}
          </ul>
        </section>
      ))}
      <section aria-labelledby="add-service" className="space-y-2">
        <h2 id="add-service" className="text-xl font-semibold">
          Add a service
        </h2>
        <CatalogForm intent="create-service" className="grid gap-2">
          <label htmlFor="new-service-name">Service name</label>
          <input id="new-service-name" name="name" className={inputClass} />
          <label htmlFor="new-service-slug">Address (/services/…, optional)</label>
          <input id="new-service-slug" name="slug" className={inputClass} />
          <label htmlFor="new-service-description">Service description</label>
          <input id="new-service-description" name="description" className={inputClass} />
          <label htmlFor="new-service-group">Service group</label>
          <select id="new-service-group" name="groupId" className={inputClass}>
            <option value="">No group</option>
            {catalog.groups.map((group) => (
              <option key={group.id} value={group.id}>
                {group.name}
              </option>
            ))}
          </select>
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
          <label htmlFor="new-group-name">New group name</label>
          <input id="new-group-name" name="name" className={inputClass} />
          <label htmlFor="new-group-description">New group description</label>
          <input id="new-group-description" name="description" className={inputClass} />
          <button type="submit" className={buttonClass}>
            Add group
          </button>
        </CatalogForm>
      </section>
    </>
  );
}
