import { NextIntlClientProvider } from "next-intl";
import { getMessages } from "next-intl/server";
import type { ReactNode } from "react";

// The console's client components (forms, tables with times) get its language, time zone
// and "now" from the request's configuration, and the console's messages with the status
// and impact names its forms offer (only those: the rest of the public pages' catalog
// stays on the server). The public pages have no client runtime, so
// they go without.
export default async function AdminLayout({ children }: { children: ReactNode }) {
  const { console: messages, incident, status } = await getMessages();
  return <NextIntlClientProvider messages={{ console: messages, incident, status }}>{children}</NextIntlClientProvider>;
}
