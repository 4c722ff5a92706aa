// npm run build: the Next build with the stamp `npm start` checks (next-build.ts), after
// the launcher compiled the runtime, so a build shipped to a machine starts without building again.
import { buildNext } from "./next-build";
import { ROOT } from "./root";

buildNext(ROOT);
