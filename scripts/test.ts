// npm test: unit and integration tests (Vitest, against a real database), then the
// Playwright specs against a production build in Chromium. TEST_DATABASE_URL set to
// a PostgreSQL server runs the same suite on PostgreSQL instead of SQLite.
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { testProvider } from "./test-database";

const root = path.resolve(import.meta.dirname, "..");
const reports = path.join(root, ".herald", "reports");
rmSync(reports, { recursive: true, force: true });
mkdirSync(reports, { recursive: true });

function run(label: string, command: string, args: string[]) {
  console.log(`\n=== ${label} (${testProvider()}) ===`);
  const result = spawnSync(process.execPath, [path.join(root, "node_modules", command), ...args], { cwd: root, stdio: "inherit", env: process.env });
  return result.status === 0;
}

const unitOk = run("Unit and integration tests", "vitest/vitest.mjs", ["run", "--reporter=default", "--reporter=json", `--outputFile.json=${path.join(reports, "vitest.json")}`]);
const e2eOk = run("Browser tests", "@playwright/test/cli.js", ["test"]);

function count(file: string, read: (report: any) => { passed: number; failed: number; skipped: number }) {
  try {
    return read(JSON.parse(readFileSync(path.join(reports, file), "utf8")));
  } catch {
    return { passed: 0, failed: 1, skipped: 0 }; // no report: the runner itself failed
  }
}

const vitest = count("vitest.json", (report) => ({
  passed: report.numPassedTests,
  failed: report.numFailedTests + (report.numFailedTestSuites ?? 0),
  skipped: report.numPendingTests + report.numTodoTests,
}));
const playwright = count("playwright.json", (report) => ({
  passed: report.stats.expected + report.stats.flaky,
  failed: report.stats.unexpected,
  skipped: report.stats.skipped,
}));
const passed = vitest.passed + playwright.passed;
const ok = unitOk && e2eOk;
// A runner that exits non-zero without a failed test (a crash, a setup error) still counts as a failure.
const failed = Math.max(vitest.failed + playwright.failed, ok ? 0 : 1);
console.log(`\nvitest: ${vitest.passed} passed, ${vitest.failed} failed; playwright: ${playwright.passed} passed, ${playwright.failed} failed`);
console.log(`${testProvider()}: ${passed} passed, ${failed} failed, ${vitest.skipped + playwright.skipped} skipped`);
process.exit(ok ? 0 : 1);
