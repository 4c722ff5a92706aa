// @ts-check

// Headers for every response, static files included; the per-request CSP is set in proxy.ts.
const securityHeaders = require("./lib/static-security-headers.json");

/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  // Metadata (title, feed autodiscovery links) always in <head>, never streamed into the
  // body for a script to move: the public pages are served without scripts, and when
  // the database was slow the links ended up in the body.
  htmlLimitedBots: /.*/,
  serverExternalPackages: ["better-sqlite3", "@prisma/adapter-better-sqlite3", "pg", "@node-rs/argon2", "nodemailer"],
  // Oversized form posts reach the forms' own validation, which explains the limit,
  // instead of failing inside Next.
  experimental: { serverActions: { bodySizeLimit: "2mb" } },
  async headers() {
    return [
      {
        source: "/:path*",
        headers: Object.entries(securityHeaders).map(([key, value]) => ({ key, value })),
      },
    ];
  },
};

// next-intl finds each request's language and messages in server/i18n/request.ts.
const withNextIntl = require("next-intl/plugin")("./server/i18n/request.ts");

module.exports = withNextIntl(nextConfig);
