import type { TestProject } from "vitest/node";
import { createMigratedDatabase } from "./test-database";

// One migrated template per run; each test file gets its own copy (vitest-setup.ts).
export default async function setup(project: TestProject) {
  const template = await createMigratedDatabase("herald_template");
  project.provide("templateDatabaseUrl", template.url);
  return () => template.dispose();
}

declare module "vitest" {
  export interface ProvidedContext {
    templateDatabaseUrl: string;
  }
}
