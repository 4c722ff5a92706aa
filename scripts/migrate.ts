// npm run db:migrate: apply migrations only, for deployments that migrate separately.
import { loadEnvOrExit, migrate } from "./setup";

migrate(loadEnvOrExit());
