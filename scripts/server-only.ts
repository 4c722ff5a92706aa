// Stand-in for the "server-only" guard in tsx-run scripts (see tsconfig.scripts.json).
export {};
