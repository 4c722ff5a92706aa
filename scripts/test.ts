// npm test: the type check, lint and architecture check, unit and integration tests
// (Vitest, against a real database), then the Playwright specs against a production
// build in Chromium. TEST_DATABASE_URL set to
// a PostgreSQL server runs the same suite on PostgreSQL instead of SQLite.
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { ARCHITECTURE_ARGS } from "./architecture";
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

// Static checks first: types, Next's lint rules, and the layer rules (.dependency-cruiser.cjs).
const staticChecks = [
  run("Type check", "typescript/bin/tsc", ["--noEmit", "--incremental", "false"]),
  run("Lint", "eslint/bin/eslint.js", ["--max-warnings", "0", "."]),
  run("Architecture check", "dependency-cruiser/bin/dependency-cruise.mjs", ARCHITECTURE_ARGS),
];
const staticFailed = staticChecks.filter((ok) => !ok).length;

const unitOk = run("Unit and integration tests", "vitest/vitest.mjs", ["run", "--reporter=default", "--reporter=json", `--outputFile.json=${path.join(reports, "vitest.json")}`]);
const e2eOk = run("Browser tests", "@playwright/test/cli.js", ["test"]);

interface VitestReport {
  numPassedTests: number;
  numFailedTests: number;
  numFailedTestSuites?: number;
  numPendingTests: number;
  numTodoTests: number;
}
interface PlaywrightReport {
  stats: { expected: number; flaky: number; unexpected: number; skipped: number };
}

function count<Report>(file: string, read: (report: Report) => { passed: number; failed: number; skipped: number }) {
  try {
    return read(JSON.parse(readFileSync(path.join(reports, file), "utf8")));
  } catch {
    return { passed: 0, failed: 1, skipped: 0 }; // no report: the runner itself failed
  }
}

const vitest = count<VitestReport>("vitest.json", (report) => ({
  passed: report.numPassedTests,
  failed: report.numFailedTests + (report.numFailedTestSuites ?? 0),
  skipped: report.numPendingTests + report.numTodoTests,
}));
const playwright = count<PlaywrightReport>("playwright.json", (report) => ({
  passed: report.stats.expected + report.stats.flaky,
  failed: report.stats.unexpected,
  skipped: report.stats.skipped,
}));
const passed = vitest.passed + playwright.passed + staticChecks.length - staticFailed;
const ok = unitOk && e2eOk && staticFailed === 0;
// A runner that exits non-zero without a failed test (a crash, a setup error) still counts as a failure.
const failed = Math.max(vitest.failed + playwright.failed + staticFailed, ok ? 0 : 1);
console.log(`\nstatic checks: ${staticChecks.length - staticFailed} passed, ${staticFailed} failed`);
console.log(`vitest: ${vitest.passed} passed, ${vitest.failed} failed; playwright: ${playwright.passed} passed, ${playwright.failed} failed`);
console.log(`${testProvider()}: ${passed} passed, ${failed} failed, ${vitest.skipped + playwright.skipped} skipped`);
process.exit(ok ? 0 : 1);
