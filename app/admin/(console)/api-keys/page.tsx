import type { Metadata } from "next";
import { IssueApiKeyForm } from "@/components/admin/api-key-forms";
import { ApiKeyTable } from "@/components/admin/api-key-table";
import { RoleRefusal } from "@/components/admin/role-refusal";
import { listApiKeys } from "@/server/api-keys";
import { consoleAccess } from "@/server/session";
import { getPageSettings } from "@/server/settings";

export const metadata: Metadata = { title: "API keys" };

export default async function ApiKeysPage() {
  const { actor, allowed } = await consoleAccess("admin");
  if (!allowed) return <RoleRefusal actorRole={actor?.role ?? null} role="admin" title="API keys" what="Managing API keys" />;
  const [settings, keys] = await Promise.all([getPageSettings(), listApiKeys(actor)]);
  return (
    <>
      <h1 className="text-2xl font-bold">API keys</h1>
      <p>
        Scripts and integrations call the write API with a key, sent as <code>Authorization: Bearer &lt;key&gt;</code> (or <code>OAuth &lt;key&gt;</code>, as Statuspage
        clients send it). A key acts with its role, editor or admin; every change it makes is in the audit log under its name. Revoking a key stops it at once.
      </p>
      <section aria-labelledby="create-key" className="space-y-3">
        <h2 id="create-key" className="text-xl font-semibold">
          Create a key
        </h2>
        <IssueApiKeyForm />
      </section>
      <section aria-labelledby="keys" className="space-y-3">
        <h2 id="keys" className="text-xl font-semibold">
          Keys
        </h2>
        <ApiKeyTable keys={keys} timeZone={settings.timeZone} />
      </section>
    </>
  );
}
