import { NotFoundMessage } from "@/components/ui/not-found-message";
import { getPageSettings } from "@/server/settings";

export default async function PublicNotFound() {
  return <NotFoundMessage defaultLocale={(await getPageSettings()).defaultLocale} />;
}
