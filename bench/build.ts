/** Benches that run the real CLI from dist/ share this: rebuild dist/ when a source is newer than it. */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BUILT_CLI = join(ROOT, 'dist', 'cli', 'run.js');
const TSC = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) newest = Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

/** Compiles src/ to dist/ when dist/cli/run.js is missing or older than a source. Returns an error text or null. */
export function ensureBuilt(): string | null {
  if (existsSync(BUILT_CLI) && statSync(BUILT_CLI).mtimeMs >= newestMtime(join(ROOT, 'src'))) {
    console.log('build: dist/ is up to date');
    return null;
  }
  console.log('build: dist/ is missing or older than src/: compiling with tsc -p tsconfig.build.json');
  const build = spawnSync(process.execPath, [TSC, '-p', 'tsconfig.build.json'], { cwd: ROOT, encoding: 'utf8' });
  if (build.status === 0) return null;
  return `build failed: ${(build.stdout + build.stderr).trim().split('\n').slice(0, 3).join(' | ')}`;
}
