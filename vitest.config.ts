import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    alias: {
      "@": path.resolve(import.meta.dirname),
      // Server modules guard against client bundles with "server-only"; tests run them in Node.
      "server-only": path.resolve(import.meta.dirname, "scripts/server-only.ts"),
    },
  },
  test: {
    include: ["lib/**/*.test.ts", "server/**/*.test.ts", "runtime/**/*.test.ts", "scripts/**/*.test.ts"],
    environment: "node",
    globalSetup: ["scripts/vitest-global-setup.ts"],
    setupFiles: ["scripts/vitest-setup.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
