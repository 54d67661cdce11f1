/**
 * The web UI (DESIGN.md "Web UI"): the public portal at `/` and the analyst console at `/console`, both static
 * single-page shells whose scripts (built by tools/build-web.ts into dist/web from web/) talk to the JSON API. The
 * shells carry no inline script or style (the CSP forbids both); the operator's branding reaches them as
 * `/branding.css` (the accent colour), `/branding/logo` and `GET /api/v1/ui` (name, support links).
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import type { Config } from '../config/config.js';
import { HookwatchError } from '../errors.js';
import { sendError } from './errors.js';

/** Where the built UI lives, from src/server (tsx) and from dist/server (compiled) alike. */
export const WEB_ASSETS_DIR = fileURLToPath(new URL('../../dist/web/', import.meta.url));
/** Largest logo file accepted (it is held in memory and sent on every page). */
export const MAX_LOGO_BYTES = 512 * 1024;

const LOGO_TYPES: Readonly<Record<string, string>> = { '.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.svg': 'image/svg+xml', '.webp': 'image/webp' };

/** The client-safe projection of the config that the UI may read. */
export function uiConfig(config: Config): Record<string, unknown> {
  return {
    name: config.uiName,
    hasLogo: config.uiLogo !== undefined,
    supportUrl: config.uiSupportUrl ?? null,
    supportEmail: config.uiSupportEmail ?? null,
  };
}

function escapeHtml(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');
}

function shell(title: string, script: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(title)}</title>
<link rel="stylesheet" href="/assets/app.css">
<link rel="stylesheet" href="/branding.css">
<script type="module" src="/assets/${script}"></script>
</head>
<body>
<noscript>This page needs JavaScript. The API is described at <a href="/api/docs">/api/docs</a>.</noscript>
<div id="app"></div>
</body>
</html>
`;
}

function loadLogo(path: string): { readonly bytes: Buffer; readonly type: string } {
  const type = LOGO_TYPES[extname(path).toLowerCase()];
  if (type === undefined) throw new HookwatchError('HW_ERR_CONFIG_INVALID', { reason: `uiLogo: ${path} must be a .png, .jpg, .svg or .webp file` });
  let size: number;
  try {
    size = statSync(path).size;
  } catch (error) {
    throw new HookwatchError('HW_ERR_CONFIG_INVALID', { reason: `uiLogo: cannot read ${path}: ${error instanceof Error ? error.message : String(error)}` });
  }
  if (size > MAX_LOGO_BYTES) throw new HookwatchError('HW_ERR_CONFIG_INVALID', { reason: `uiLogo: ${path} is larger than ${MAX_LOGO_BYTES} bytes` });
  return { bytes: readFileSync(path), type };
}

export const webRoutes: FastifyPluginAsync<{ config: Config }> = async (app, { config }) => {
  const built = existsSync(WEB_ASSETS_DIR);
  const portal = shell(config.uiName, 'portal.js');
  const console = shell(`${config.uiName} console`, 'console.js');
  const logo = config.uiLogo === undefined ? undefined : loadLogo(config.uiLogo);

  function page(reply: FastifyReply, html: string): FastifyReply {
    if (!built) return sendError(reply, 'HW_ERR_WEB_NOT_BUILT');
    return reply.header('cache-control', 'no-cache').type('text/html; charset=utf-8').send(html);
  }

  if (built) {
    await app.register(fastifyStatic, { root: WEB_ASSETS_DIR, prefix: '/assets/', index: false, list: false, dotfiles: 'deny', cacheControl: true, maxAge: 0 });
  }
  app.get('/', (_request, reply) => page(reply, portal));
  app.get('/report', (_request, reply) => page(reply, portal));
  app.get('/check', (_request, reply) => page(reply, portal));
  app.get('/status/:reference', (_request, reply) => page(reply, portal));
  app.get('/console', (_request, reply) => page(reply, console));
  app.get('/console/*', (_request, reply) => page(reply, console));

  // Browsers ask for it on every page; there is none (the logo is /branding/logo).
  app.get('/favicon.ico', (_request, reply) => reply.code(204).send());
  app.get('/api/v1/ui', () => uiConfig(config));
  app.get('/branding.css', (_request, reply) => reply
    .header('cache-control', 'no-cache')
    .type('text/css; charset=utf-8')
    .send(`:root { --accent: ${config.uiAccent}; }\n`));
  app.get('/branding/logo', (_request, reply) => {
    if (logo === undefined) return sendError(reply, 'HW_ERR_HTTP_NOT_FOUND');
    // An SVG is a document that can carry script: this CSP keeps it an image even when opened on its own.
    return reply.header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; sandbox").type(logo.type).send(logo.bytes);
  });
  await Promise.resolve();
};
