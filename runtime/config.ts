// Validated configuration for the processes Herald runs (lib/env.ts parses it): a bad
// value stops start-up with a message that names the variable.
import { EnvError, parseEnv, type Env } from "@/lib/env";

export function loadEnvOrExit(): Env {
  try {
    return parseEnv(process.env);
  } catch (error) {
    if (error instanceof EnvError) {
      console.error(error.message);
      process.exit(78); // EX_CONFIG
    }
    throw error;
  }
}
