/**
 * Builds the web UI (web/) into dist/web: one ES module per page (portal.js, console.js) bundled by esbuild, and the
 * stylesheet. Run by `npm run build` (and so by `npm ci` through `prepare`). Type checking is tsc's job
 * (web/tsconfig.json, part of `npm run typecheck`); esbuild only strips types and bundles.
 */
import { copyFile, mkdir, rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const out = `${root}dist/web`;

// Chunk names carry content hashes: start empty so no stale chunk is served.
await rm(out, { recursive: true, force: true });
await mkdir(out, { recursive: true });
await build({
  entryPoints: [`${root}web/portal.ts`, `${root}web/console.ts`],
  outdir: out,
  bundle: true,
  format: 'esm',
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  target: 'es2022',
  minify: true,
  sourcemap: true,
  legalComments: 'none',
  logLevel: 'warning',
});
await copyFile(`${root}web/app.css`, `${out}/app.css`);
