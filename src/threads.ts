/**
 * Worker threads running this package's own modules, compiled (dist/, `.js`) or run from sources (tests, tsx, `.ts`).
 */
import { Worker, type WorkerOptions } from 'node:worker_threads';

/** The module `name` next to the module at `base` (its import.meta.url), in the form that module runs as. */
export function siblingModule(base: string, name: string): URL {
  return new URL(`./${name}${base.endsWith('.ts') ? '.ts' : '.js'}`, base);
}

/**
 * A thread running the module at `entry`. From sources it first registers tsx's loader in the thread: `--import tsx`
 * does not reach worker threads' module loading on Node ≥ 20.6 (privatenumber/tsx#354), so a TypeScript entry would
 * not load.
 */
export function startThread(entry: URL, options: WorkerOptions): Worker {
  if (!entry.pathname.endsWith('.ts')) return new Worker(entry, options);
  const boot = `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry.href)}); });`;
  return new Worker(boot, { ...options, eval: true });
}
