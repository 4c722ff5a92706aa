import { NextIntlClientProvider } from "next-intl";
import { getMessages } from "next-intl/server";
import type { ReactNode } from "react";
import { clientMessages, CONSOLE_CLIENT_NAMESPACES } from "@/lib/i18n/catalogs";

// The console's client components read its own messages too, in the admin's language
// (server/i18n/request.ts): this provider replaces the root layout's, with more.
export default async function AdminLayout({ children }: { children: ReactNode }) {
  return <NextIntlClientProvider messages={clientMessages(await getMessages(), CONSOLE_CLIENT_NAMESPACES)}>{children}</NextIntlClientProvider>;
}
