import { connection } from "next/server";
import { NotFoundMessage } from "@/components/ui/not-found-message";
import { SiteChrome } from "@/components/ui/site-chrome";
import { requestPath } from "@/server/i18n/request-path";
import { getPageSettings } from "@/server/settings";

export default async function NotFound() {
  await connection();
  const [settings, path] = await Promise.all([getPageSettings(), requestPath()]);
  return (
    <SiteChrome settings={settings} path={path}>
      <NotFoundMessage defaultLocale={settings.defaultLocale} />
    </SiteChrome>
  );
}
