import type { Role } from "@/lib/constants";
import type { Actor } from "@/server/auth";

/** What a console page says to someone without its role; the server functions check again. */
export function RoleRefusal({ actor, role, title, what }: { actor: Actor | null; role: Role; title: string; what: string }) {
  return (
    <>
      <h1 className="text-2xl font-bold">{title}</h1>
      <p role="alert">
        {what} needs the {role} role; you are signed in as {actor?.role ?? "nobody"}.
      </p>
    </>
  );
}
