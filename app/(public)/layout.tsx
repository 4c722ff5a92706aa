import type { ReactNode } from "react";
import { SiteChrome } from "@/components/ui/site-chrome";
import { requestPath } from "@/server/i18n/request-path";
import { getPageSettings } from "@/server/settings";

export default async function PublicLayout({ children }: { children: ReactNode }) {
  const [settings, path] = await Promise.all([getPageSettings(), requestPath()]);
  return (
    <SiteChrome settings={settings} path={path}>
      {children}
    </SiteChrome>
  );
}
