/**
 * The process entry of the `hookwatch` command: runs the CLI on this process's arguments and streams and sets the
 * exit status. bin/hookwatch.js imports the compiled form; tests spawn it from sources with
 * `node --import tsx src/cli/run.ts …`, no build needed. Everything else lives in main.ts (importable, no side effects).
 */
import { setFlagsFromString } from 'node:v8';
import { EXIT_BROKEN_PIPE, main } from './main.js';

// The reader of stdout went away (`hookwatch permutations example.com | head`): end as Unix tools do on SIGPIPE,
// silently, whichever command was writing. Streaming commands (check, scan-email) see the same error as a failed
// write (main.ts); a command that writes without waiting for its write (permutations) would otherwise die on an
// unhandled 'error' event with a stack trace.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(EXIT_BROKEN_PIPE);
  throw error;
});

const args = process.argv.slice(2);
if (args[0] === 'check') {
  // V8's allocation-site pretenuring, once it decides that check()'s short-lived results survive, allocates them
  // straight in the old generation, where they pile up as garbage until a full collection: in 3 of 4 runs of the
  // bench's 1,000,000 inputs with 300 brands the peak RSS was 287-318 MB instead of 168-186 MB (with this off:
  // 168-186 MB in all runs, the same time within the noise). The decision is made while the process runs, so
  // turning it off before the first input takes effect.
  setFlagsFromString('--no-allocation-site-pretenuring');
}
process.exitCode = await main(args);
