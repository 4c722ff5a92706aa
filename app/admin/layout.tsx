import { NextIntlClientProvider } from "next-intl";
import type { ReactNode } from "react";

// The console's client components (forms, tables with times) get its language, time zone
// and "now" from the request's configuration; none shows catalog text yet, so no
// messages. The public pages have no client runtime, so they go without.
export default function AdminLayout({ children }: { children: ReactNode }) {
  return <NextIntlClientProvider messages={null}>{children}</NextIntlClientProvider>;
}
