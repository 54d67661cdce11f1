import { test } from 'node:test';
import assert from '../test-assert.js';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, printableConfig } from './config.js';
import { HookwatchError } from '../errors.js';

test('defaults: 127.0.0.1:8080, ./data, embedded SQLite', () => {
  const config = loadConfig();
  assert.equal(config.host, '127.0.0.1');
  assert.equal(config.port, 8080);
  assert.equal(config.dataDir, './data');
  assert.equal(config.databaseUrl, undefined);
  assert.ok(Object.isFrozen(config));
});

test('precedence: file < env < flags', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hw-config-'));
  const file = join(dir, 'config.json');
  writeFileSync(file, JSON.stringify({ port: 9000, host: '0.0.0.0', dataDir: '/srv/hw' }));
  const config = loadConfig({ file, env: { HOOKWATCH_PORT: '9100', HOOKWATCH_DATA: '/var/hw' }, flags: { port: 9200 } });
  assert.equal(config.host, '0.0.0.0');
  assert.equal(config.dataDir, '/var/hw');
  assert.equal(config.port, 9200);
});

test('invalid values and unknown keys are rejected naming the field', () => {
  const bad = (sources: Parameters<typeof loadConfig>[0], field: string): void => {
    assert.throws(() => loadConfig(sources), (error: unknown) => error instanceof HookwatchError
      && error.code === 'HW_ERR_CONFIG_INVALID' && error.message.includes(field));
  };
  bad({ env: { HOOKWATCH_PORT: '70000' } }, 'port');
  bad({ env: { HOOKWATCH_DATABASE_URL: 'mysql://x' } }, 'databaseUrl');
  const dir = mkdtempSync(join(tmpdir(), 'hw-config-'));
  const file = join(dir, 'config.json');
  writeFileSync(file, JSON.stringify({ prot: 1 }));
  bad({ file }, 'prot');
  writeFileSync(file, '{not json');
  bad({ file }, file);
});

test('config print masks the database password', () => {
  const config = loadConfig({ env: { HOOKWATCH_DATABASE_URL: 'postgres://hw:s3cret@db.internal:5432/hw' } });
  const shown = JSON.stringify(printableConfig(config));
  assert.ok(!shown.includes('s3cret'), shown);
  assert.ok(shown.includes('postgres://hw:****@db.internal:5432/hw'), shown);
});

test('booleans from the environment mean what they say', () => {
  assert.equal(loadConfig({ env: { HOOKWATCH_TRUST_PROXY: 'false' } }).trustProxy, false);
  assert.equal(loadConfig({ env: { HOOKWATCH_TRUST_PROXY: 'true' } }).trustProxy, true);
  assert.throws(() => loadConfig({ env: { HOOKWATCH_TRUST_PROXY: 'maybe' } }), (error: unknown) => error instanceof HookwatchError && error.message.includes('trustProxy'));
});
