import { useTranslations } from "next-intl";
import { UpdateBody } from "@/components/incidents/update-body";
import { timeTag } from "@/components/ui/rich-tags";
import type { PostmortemView } from "@/lib/views/incidents";

/** A published postmortem on its incident's page; `#postmortem` is its feed entry's link. */
export function Postmortem({ postmortem, timeZone }: { postmortem: PostmortemView; timeZone: string }) {
  const t = useTranslations("incidentPage.postmortem");
  const revised = postmortem.updatedAt > postmortem.publishedAt;
  return (
    <section id="postmortem" aria-labelledby="postmortem-heading" className="space-y-2 rounded-lg border border-neutral-300 p-4 dark:border-neutral-700">
      <h2 id="postmortem-heading" className="text-xl font-semibold">
        {t("heading")}
      </h2>
      <p className="text-sm text-neutral-700 dark:text-neutral-300">
        {t.rich("published", { time: timeTag(postmortem.publishedAt, timeZone) })}
        {revised ? (
          <>
            {" "}
            <span aria-hidden="true">·</span> {t.rich("revised", { time: timeTag(postmortem.updatedAt, timeZone) })}
          </>
        ) : null}
      </p>
      <UpdateBody html={postmortem.html} />
    </section>
  );
}
