// npm run db:migrate: apply migrations only, for deployments that migrate separately.
import { loadEnvOrExit } from "@/runtime/config";
import { migrate } from "@/runtime/database";

migrate(loadEnvOrExit());
