import { useTranslations } from "next-intl";
import type { FormState } from "@/lib/schemas/forms";
import type { ServiceOption } from "@/lib/views/services";

/** "All services" or a ticked few, grouped as on the status page. Works without JavaScript. */
export function ServiceChoice({ services, state, current }: { services: ServiceOption[]; state: FormState; current: { allServices: boolean; serviceIds: string[] } }) {
  const t = useTranslations("subscribe.services");
  const typed = state.ok ? undefined : (state.values as { scope?: string; services?: string | string[] } | undefined);
  const scope = typed?.scope ?? (current.allServices ? "all" : "some");
  const ticked = new Set(typed?.services === undefined ? current.serviceIds : [typed.services].flat());
  const error = state.fieldErrors?.services;
  const groups = [...new Set(services.map((service) => service.group))];
  return (
    <fieldset className="space-y-2" aria-describedby={error ? "services-error" : undefined}>
      <legend className="font-medium">{t("legend")}</legend>
      <label className="flex items-center gap-2">
        <input type="radio" name="scope" value="all" defaultChecked={scope === "all"} /> {t("all")}
      </label>
      <label className="flex items-center gap-2">
        <input type="radio" name="scope" value="some" defaultChecked={scope === "some"} /> {t("some")}
      </label>
      <div className="ml-6 space-y-2">
        {groups.map((group) => (
          <div key={group ?? "-"}>
            {group ? <p className="text-sm font-semibold text-neutral-700 dark:text-neutral-300">{group}</p> : null}
            {services
              .filter((service) => service.group === group)
              .map((service) => (
                <label key={service.id} className="flex items-center gap-2">
                  <input type="checkbox" name="services" value={service.id} defaultChecked={ticked.has(service.id)} /> {service.name}
                </label>
              ))}
          </div>
        ))}
      </div>
      {error ? (
        <p id="services-error" className="text-sm font-medium text-major">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}
