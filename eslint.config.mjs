import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

// Next's own rules (React, hooks, accessibility, TypeScript). The layer rules between
// app/, components/, lib/ and server/ are checked by dependency-cruiser (.dependency-cruiser.cjs).
export default defineConfig([
  ...nextVitals,
  ...nextTs,
  // CommonJS config files and the process helper Node loads with --require.
  { files: ["**/*.js", "**/*.cjs"], rules: { "@typescript-eslint/no-require-imports": "off" } },
  // The one script the public pages run, in the browser as it is (no build step): a
  // classic script, and every browser global it uses named here, so a typo is an error.
  {
    files: ["public/live.js"],
    languageOptions: {
      sourceType: "script",
      parserOptions: { sourceType: "script" },
      globals: Object.fromEntries(["window", "document", "location", "fetch", "setTimeout", "clearTimeout", "EventSource", "DOMParser", "CSS"].map((name) => [name, "readonly"])),
    },
    rules: { "no-undef": "error", strict: ["error", "global"] },
  },
  // A transaction that writes goes through writeTransaction (server/db.ts), which takes
  // SQLite's write lock first; a bare $transaction fails when another process wrote meanwhile.
  {
    files: ["**/*.ts", "**/*.tsx"],
    ignores: ["server/db.ts"],
    rules: {
      "no-restricted-syntax": [
        "error",
        { selector: "MemberExpression[property.name='$transaction']", message: "Use writeTransaction from @/server/db: it takes SQLite's write lock first." },
      ],
    },
  },
  globalIgnores([".next/**", "server/generated/**", ".herald/**", "data/**", "next-env.d.ts", "test-results/**", "playwright-report/**"]),
]);
