import type { Metadata, Viewport } from "next";
import { NextIntlClientProvider } from "next-intl";
import { getLocale, getMessages, getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { feedAlternates } from "@/lib/feed-links";
import { clientMessages, CLIENT_NAMESPACES } from "@/lib/i18n/catalogs";
import { getPageSettings } from "@/server/settings";
import "./globals.css";

export async function generateMetadata(): Promise<Metadata> {
  const [settings, t] = await Promise.all([getPageSettings(), getTranslations("chrome")]);
  return {
    title: { default: settings.name, template: `%s · ${settings.name}` },
    description: settings.description || t("description", { name: settings.name }),
    metadataBase: new URL(settings.url),
    alternates: { types: feedAlternates(settings.name, "/history") },
    // The files in public/. The ICO says 32x32 so that browsers able to draw the SVG prefer it.
    icons: {
      icon: [
        { url: "/favicon.ico", sizes: "32x32" },
        { url: "/icon.svg", type: "image/svg+xml" },
      ],
      apple: "/apple-touch-icon.png",
    },
    manifest: "/manifest.webmanifest",
  };
}

export const viewport: Viewport = {
  width: "device-width",
  initialScale: 1,
  colorScheme: "light dark",
  themeColor: [
    { media: "(prefers-color-scheme: light)", color: "#f5f5f5" },
    { media: "(prefers-color-scheme: dark)", color: "#171717" },
  ],
};

// The language of the address (server/i18n/request.ts); the provider also hands client
// components the request's language, time zone and "now".
export default async function RootLayout({ children }: { children: ReactNode }) {
  const [locale, messages] = await Promise.all([getLocale(), getMessages()]);
  return (
    <html lang={locale}>
      <body className="min-h-screen bg-neutral-100 font-sans text-neutral-900 antialiased dark:bg-neutral-950 dark:text-neutral-100">
        <NextIntlClientProvider messages={clientMessages(messages, CLIENT_NAMESPACES)}>{children}</NextIntlClientProvider>
      </body>
    </html>
  );
}
