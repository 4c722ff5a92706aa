import { UpdateBody } from "@/components/incidents/update-body";
import { LocalTime } from "@/components/ui/local-time";
import type { PostmortemView } from "@/lib/views/incidents";

/** A published postmortem on its incident's page; `#postmortem` is its feed entry's link. */
export function Postmortem({ postmortem, timeZone }: { postmortem: PostmortemView; timeZone: string }) {
  const revised = postmortem.updatedAt > postmortem.publishedAt;
  return (
    <section id="postmortem" aria-labelledby="postmortem-heading" className="space-y-2 rounded-lg border border-neutral-300 p-4 dark:border-neutral-700">
      <h2 id="postmortem-heading" className="text-xl font-semibold">
        Postmortem
      </h2>
      <p className="text-sm text-neutral-700 dark:text-neutral-300">
        Published <LocalTime date={postmortem.publishedAt} timeZone={timeZone} />
        {revised ? (
          <>
            {" "}
            · Revised <LocalTime date={postmortem.updatedAt} timeZone={timeZone} />
          </>
        ) : null}
      </p>
      <UpdateBody html={postmortem.html} language={postmortem.language} text="postmortem" />
    </section>
  );
}
