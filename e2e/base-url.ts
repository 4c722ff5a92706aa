/** Where the Playwright server listens (playwright.config.ts starts it there). */
export const E2E_PORT = Number(process.env.E2E_PORT ?? 3210);
export const baseURL = `http://127.0.0.1:${E2E_PORT}`;

/** The first owner the e2e server creates from ADMIN_EMAIL and ADMIN_PASSWORD. */
export const OWNER = { email: "comms.lead@sega.example", password: "blue-lantern-orchard-ninety-two" };
