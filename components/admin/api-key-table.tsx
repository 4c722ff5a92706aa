import { RevokeApiKeyForm } from "@/components/admin/api-key-forms";
import { LocalTime } from "@/components/ui/local-time";
import { ROLE_LABELS } from "@/lib/constants";
import type { ApiKeyStatus, ApiKeyView } from "@/lib/views/api-keys";

const STATUS_LABELS: Record<ApiKeyStatus, string> = { active: "Active", expired: "Expired", revoked: "Revoked" };

/** Every key with its state and last use; never the key itself, which is not stored. */
export function ApiKeyTable({ keys, timeZone }: { keys: ApiKeyView[]; timeZone: string }) {
  if (keys.length === 0) return <p>No API keys yet.</p>;
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">API keys, newest first</caption>
        <thead>
          <tr>
            <th scope="col" className="p-2">Name</th>
            <th scope="col" className="p-2">Role</th>
            <th scope="col" className="p-2">Key</th>
            <th scope="col" className="p-2">Created</th>
            <th scope="col" className="p-2">Expires</th>
            <th scope="col" className="p-2">Last used</th>
            <th scope="col" className="p-2">Status</th>
            <th scope="col" className="p-2">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {keys.map((key) => (
            <tr key={key.id} className="border-t border-neutral-300 align-top dark:border-neutral-700">
              <th scope="row" className="p-2 font-medium">
                {key.name}
              </th>
              <td className="p-2">{ROLE_LABELS[key.role]}</td>
              <td className="p-2">
                <code>{key.prefix}…</code>
              </td>
              <td className="p-2">
                <LocalTime date={key.createdAt} timeZone={timeZone} />
                <br />
                by {key.createdBy ?? "the command line"}
              </td>
              <td className="p-2">{key.expiresAt ? <LocalTime date={key.expiresAt} timeZone={timeZone} /> : "Never"}</td>
              <td className="p-2">
                {key.lastUsedAt ? (
                  <>
                    <LocalTime date={key.lastUsedAt} timeZone={timeZone} />
                    {key.lastUsedFrom ? (
                      <>
                        <br />
                        from <code>{key.lastUsedFrom}</code>
                      </>
                    ) : null}
                  </>
                ) : (
                  "Never used"
                )}
              </td>
              <td className="p-2">
                {STATUS_LABELS[key.status]}
                {key.revokedAt ? (
                  <>
                    <br />
                    <LocalTime date={key.revokedAt} timeZone={timeZone} />
                  </>
                ) : null}
              </td>
              <td className="p-2">
                <RevokeApiKeyForm apiKeyId={key.id} name={key.name} active={key.status === "active"} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
