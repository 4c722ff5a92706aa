// The layers Herald is built in (README, "How it is built"), checked on every `npm test`:
// a forbidden import fails the run with the rule's name and the offending edge.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "components-and-lib-never-import-server",
      comment: "Screens and pure logic consume the view types in lib/views; only server/ touches the database.",
      severity: "error",
      from: { path: "^(components|lib)/" },
      to: { path: "^server/" },
    },
    {
      name: "lib-does-no-io",
      comment: "lib/ is pure logic: no files, sockets, processes, databases, mail or request state.",
      severity: "error",
      from: { path: "^lib/", pathNot: "\\.test\\.ts$" },
      to: {
        path: "^(node_modules/(pg|better-sqlite3|@prisma|prisma|nodemailer|next/headers|next/navigation|next/cache)(/|$)|server/generated/)",
        dependencyTypesNot: ["type-only"],
      },
    },
    {
      name: "lib-uses-no-io-builtins",
      comment: "lib/ is pure logic: node:crypto and node:zlib compute; fs, net, http, dns and child_process do I/O.",
      severity: "error",
      from: { path: "^lib/", pathNot: "\\.test\\.ts$" },
      to: { dependencyTypes: ["core"], path: "^(node:)?(fs|fs/promises|net|http|https|http2|dns|dgram|child_process|cluster|worker_threads|tls|readline)$" },
    },
    {
      name: "app-never-touches-the-database",
      comment: "Routes are glue: they call server/ functions, never db() or Prisma.",
      severity: "error",
      from: { path: "^app/" },
      to: { path: "^(server/db\\.ts|server/generated/|node_modules/(@prisma|prisma|pg|better-sqlite3)(/|$))" },
    },
    {
      name: "server-never-imports-app-or-components",
      comment: "The server layer serves routes; it never reaches back into them (its tests may call route handlers).",
      severity: "error",
      from: { path: "^server/", pathNot: "\\.test\\.ts$" },
      to: { path: "^(app|components)/" },
    },
    {
      name: "nothing-ships-imports-tooling",
      comment: "scripts/ is tooling (dev, test, bench, CLI); the product never depends on it.",
      severity: "error",
      from: { path: "^(app|components|lib|server|runtime)/", pathNot: "\\.test\\.ts$" },
      to: { path: "^scripts/" },
    },
    {
      name: "runtime-reads-through-server-functions",
      comment: "The front, the worker's entry and supervision read data through server/ functions, never db() or Prisma.",
      severity: "error",
      from: { path: "^runtime/" },
      to: { path: "^(server/db\\.ts|server/generated/|node_modules/(@prisma|prisma|pg|better-sqlite3)(/|$))" },
    },
    {
      name: "runtime-never-imports-routes-or-screens",
      comment: "The front and its processes read data through server/ functions, never through pages or components.",
      severity: "error",
      from: { path: "^runtime/" },
      to: { path: "^(app|components)/" },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "^(node_modules|\\.next|server/generated|\\.herald|data)/" },
    tsConfig: { fileName: "tsconfig.json" },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { exportsFields: ["exports"], conditionNames: ["import", "require", "node", "default", "types"], extensions: [".ts", ".tsx", ".js", ".cjs", ".mjs", ".json"] },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
