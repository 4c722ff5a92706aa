import { connection } from "next/server";
import { NotFoundMessage } from "@/components/ui/not-found-message";
import { SiteChrome } from "@/components/ui/site-chrome";
import { getPageSettings } from "@/server/settings";

export default async function NotFound() {
  await connection();
  return (
    <SiteChrome settings={await getPageSettings()}>
      <NotFoundMessage />
    </SiteChrome>
  );
}
