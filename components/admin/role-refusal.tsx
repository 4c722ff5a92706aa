import { useTranslations } from "next-intl";
import type { Role } from "@/lib/constants";

/** What a console page says to someone without its role; the server functions check again. */
export function RoleRefusal({ actorRole, role, title, what }: { actorRole: Role | null; role: Role; title: string; what: string }) {
  const t = useTranslations("console");
  return (
    <>
      <h1 className="text-2xl font-bold">{title}</h1>
      <p role="alert">{t("refusal", { what, role, actor: actorRole ?? "none" })}</p>
    </>
  );
}
