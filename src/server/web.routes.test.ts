/** The UI shells and the operator's branding: served from config, escaped, under the CSP, without a store too. */
import { test } from 'node:test';
import assert from '../test-assert.js';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp } from './app.js';
import { loadConfig } from '../config/config.js';
import { createEngine } from '../engine/index.js';
import { HookwatchError } from '../errors.js';

const engine = createEngine({ brands: [] });

test('portal and console shells carry the operator name (escaped), the stylesheets and one script, no inline code', async () => {
  const app = await buildApp({ config: loadConfig({ env: { HOOKWATCH_UI_NAME: 'Acme <Bank> & "Co"' } }), engine: () => engine });
  for (const [url, script] of [['/', 'portal.js'], ['/report', 'portal.js'], ['/status/HW-0000000000', 'portal.js'], ['/console', 'console.js'], ['/console/indicators/x', 'console.js']] as const) {
    const res = await app.inject({ method: 'GET', url });
    assert.equal(res.statusCode, 200, url);
    assert.match(String(res.headers['content-type']), /^text\/html/);
    assert.ok(res.body.includes('Acme &lt;Bank&gt; &amp; &quot;Co&quot;'), 'the name is escaped');
    assert.ok(!res.body.includes('<Bank>'));
    assert.ok(res.body.includes(`<script type="module" src="/assets/${script}"></script>`));
    assert.equal((res.body.match(/<script/g) ?? []).length, 1, 'one external script, nothing inline');
    assert.equal(res.body.includes('style='), false);
  }
  await app.close();
});

test('branding: the accent colour, support links and logo come from config; a bad colour or logo is refused', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'hw-brand-'));
  const logo = join(dir, 'logo.svg');
  writeFileSync(logo, '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
  const config = loadConfig({ env: { HOOKWATCH_UI_ACCENT: '#0a7c4a', HOOKWATCH_UI_SUPPORT_URL: 'https://help.example.org/', HOOKWATCH_UI_SUPPORT_EMAIL: 'security@example.org', HOOKWATCH_UI_LOGO: logo } });
  const app = await buildApp({ config, engine: () => engine });
  assert.equal((await app.inject({ method: 'GET', url: '/branding.css' })).body, ':root { --accent: #0a7c4a; }\n');
  const ui = JSON.parse((await app.inject({ method: 'GET', url: '/api/v1/ui' })).body) as Record<string, unknown>;
  assert.deepEqual(ui, { name: 'hookwatch', hasLogo: true, supportUrl: 'https://help.example.org/', supportEmail: 'security@example.org' });
  const served = await app.inject({ method: 'GET', url: '/branding/logo' });
  assert.equal(served.headers['content-type'], 'image/svg+xml');
  assert.match(String(served.headers['content-security-policy']), /sandbox/, 'an SVG logo opened on its own cannot run script');
  await app.close();

  assert.throws(() => loadConfig({ env: { HOOKWATCH_UI_ACCENT: 'red; } body { display: none' } }), HookwatchError);
  assert.throws(() => loadConfig({ env: { HOOKWATCH_UI_SUPPORT_URL: 'javascript:alert(1)' } }), HookwatchError);
  const notAnImage = join(dir, 'logo.html');
  writeFileSync(notAnImage, '<html>');
  await assert.rejects(buildApp({ config: loadConfig({ env: { HOOKWATCH_UI_LOGO: notAnImage } }), engine: () => engine }), HookwatchError);
  const noLogo = await buildApp({ config: loadConfig(), engine: () => engine });
  assert.equal((await noLogo.inject({ method: 'GET', url: '/branding/logo' })).statusCode, 404);
  await noLogo.close();
});
