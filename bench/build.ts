/**
 * Benches and browser tests run the real CLI and UI from dist/; this rebuilds dist/ (`npm run build`: tsc and the
 * web bundle) when a source in src/ or web/ is newer than what was built from it.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BUILT = [join(ROOT, 'dist', 'cli', 'run.js'), join(ROOT, 'dist', 'web', 'portal.js'), join(ROOT, 'dist', 'web', 'console.js'), join(ROOT, 'dist', 'web', 'app.css')];

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) newest = Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

function upToDate(): boolean {
  if (!BUILT.every((file) => existsSync(file))) return false;
  const oldestBuilt = Math.min(...BUILT.map((file) => statSync(file).mtimeMs));
  return oldestBuilt >= Math.max(newestMtime(join(ROOT, 'src')), newestMtime(join(ROOT, 'web')));
}

/** Runs `npm run build` when dist/ is missing or older than a source. Returns an error text or null. */
export function ensureBuilt(): string | null {
  if (upToDate()) return null;
  console.log('build: dist/ is missing or older than src/ or web/: npm run build');
  const build = spawnSync('npm', ['run', '--silent', 'build'], { cwd: ROOT, encoding: 'utf8' });
  if (build.status === 0) return null;
  return `build failed: ${(build.stdout + build.stderr).trim().split('\n').slice(0, 3).join(' | ')}`;
}
