import { defineConfig, devices } from "@playwright/test";

import { baseURL, E2E_PORT as port, OWNER } from "./e2e/base-url";

// Debian's Chromium: Playwright cannot download its own browsers here.
const chromium = {
  ...devices["Desktop Chrome"],
  launchOptions: {
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
  },
};

export default defineConfig({
  testDir: "e2e",
  fullyParallel: false,
  workers: 1,
  forbidOnly: !!process.env.CI,
  retries: 0,
  reporter: [["list"], ["json", { outputFile: ".herald/reports/playwright.json" }]],
  timeout: 30_000,
  // Two shared cores, and after each change the front re-renders the whole public site
  // through the same Next that answers the console: give an answer ten seconds, not five.
  expect: { timeout: 10_000 },
  use: { baseURL, trace: "retain-on-failure" },
  projects: [
    {
      name: "admin",
      testMatch: /admin-.*\.spec\.ts/,
      use: { ...chromium },
      // The admin specs change the demo story; the public specs read it untouched first.
      dependencies: ["public"],
    },
    {
      name: "public",
      testMatch: /public-.*\.spec\.ts/,
      // The public pages must read fully with JavaScript off.
      use: { ...chromium, javaScriptEnabled: false },
    },
  ],
  webServer: {
    command: "node node_modules/tsx/dist/cli.mjs --tsconfig tsconfig.scripts.json scripts/e2e-server.ts",
    url: `${baseURL}/`,
    timeout: 600_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
    env: {
      PORT: String(port),
      HOST: "127.0.0.1",
      PUBLIC_URL: baseURL,
      ADMIN_EMAIL: OWNER.email,
      ADMIN_PASSWORD: OWNER.password,
      // Mail as files (no SMTP_URL), read back by e2e/mail.ts; webhooks to the spec's own receiver.
      MAIL_DIR: ".herald/e2e-mail",
      WEBHOOK_ALLOW_PRIVATE: "true",
    },
  },
});
