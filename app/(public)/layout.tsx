import type { ReactNode } from "react";
import { SiteChrome } from "@/components/ui/site-chrome";
import { getPageSettings } from "@/server/settings";

export default async function PublicLayout({ children }: { children: ReactNode }) {
  return <SiteChrome settings={await getPageSettings()}>{children}</SiteChrome>;
}
