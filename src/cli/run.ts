/**
 * The process entry of the `hookwatch` command: runs the CLI on this process's arguments and streams and sets the
 * exit status. bin/hookwatch.js imports the compiled form; tests spawn it from sources with
 * `node --import tsx src/cli/run.ts …`, no build needed. Everything else lives in main.ts (importable, no side effects).
 */
import { main } from './main.js';

process.exitCode = await main(process.argv.slice(2));
