// Loaded with `node --require` into the processes `npm start` spawns (Next, the worker): when
// the parent is killed outright (SIGKILL, a crash), they are re-parented; then they
// exit instead of living on beside the next start's processes.
const parent = process.ppid;
setInterval(() => {
  if (process.ppid !== parent) process.kill(process.pid, "SIGTERM");
}, 1000).unref();
