import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { RoleRefusal } from "@/components/admin/role-refusal";
import { LocalTime } from "@/components/ui/local-time";
import { auditFilterSchema } from "@/lib/schemas/filters";
import { auditFilters, listAudit } from "@/server/audit";
import { consoleAccess } from "@/server/session";
import { getPageSettings } from "@/server/settings";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("console.audit"))("title") };
}

export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { actor, allowed } = await consoleAccess("admin");
  const t = await getTranslations("console.audit");
  if (!allowed) return <RoleRefusal actorRole={actor?.role ?? null} role="admin" title={t("title")} what={t("what")} />;
  const parsed = auditFilterSchema.safeParse(await searchParams);
  const filter = parsed.success ? parsed.data : {};
  const [settings, entries, filters] = await Promise.all([
    getPageSettings(),
    listAudit(actor, { userId: filter.user || undefined, entityType: filter.entity || undefined }),
    auditFilters(actor),
  ]);
  return (
    <>
      <h1 className="text-2xl font-bold">{t("title")}</h1>
      <form method="get" className="flex flex-wrap items-end gap-3">
        <label className="space-y-1">
          <span className="block text-sm font-medium">{t("who")}</span>
          <select name="user" defaultValue={filter.user ?? ""} className="rounded border border-neutral-400 px-2 py-1 dark:bg-neutral-900">
            <option value="">{t("everyone")}</option>
            {filters.users.map((user) => (
              <option key={user.id} value={user.id}>
                {user.email}
              </option>
            ))}
          </select>
        </label>
        <label className="space-y-1">
          <span className="block text-sm font-medium">{t("action")}</span>
          <select name="entity" defaultValue={filter.entity ?? ""} className="rounded border border-neutral-400 px-2 py-1 dark:bg-neutral-900">
            <option value="">{t("everything")}</option>
            {filters.entityTypes.map((type) => (
              <option key={type} value={type}>
                {type.replace(/_/g, " ")}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="rounded border border-neutral-500 px-3 py-1">
          {t("filter")}
        </button>
      </form>
      <div className="overflow-x-auto">
        <table className="w-full text-left text-sm">
          <thead>
            <tr>
              <th scope="col" className="p-2">{t("when")}</th>
              <th scope="col" className="p-2">{t("who")}</th>
              <th scope="col" className="p-2">{t("action")}</th>
              <th scope="col" className="p-2">{t("before")}</th>
              <th scope="col" className="p-2">{t("after")}</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((entry) => (
              <tr key={entry.id} className="border-t border-neutral-300 align-top dark:border-neutral-700">
                <td className="p-2">
                  <LocalTime date={entry.at} timeZone={settings.timeZone} />
                </td>
                <td className="p-2">{entry.actor}</td>
                <td className="p-2">
                  {entry.action.replace(/_/g, " ")} {entry.entityType} <code>{entry.entityId}</code>
                </td>
                <td className="p-2">
                  <code className="break-all">{entry.before}</code>
                </td>
                <td className="p-2">
                  <code className="break-all">{entry.after}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
