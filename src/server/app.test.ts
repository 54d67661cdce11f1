/** The HTTP edge through app.inject(): error shape, limits, content types, health, and the check endpoint. */
import { after, describe, test } from 'node:test';
import assert from '../test-assert.js';
import { buildApp } from './app.js';
import { loadConfig } from '../config/config.js';
import { createEngine } from '../engine/index.js';

const engine = createEngine({ brands: [{ id: 'paypal', name: 'PayPal', domains: ['paypal.com'], keywords: ['paypal'] }] });
const config = loadConfig({ flags: { bodyLimitBytes: 4096 } });
const app = await buildApp({ config, engine: () => engine });
after(() => app.close());

interface ErrorBody { error: { code: string; message: string } }

function errorOf(body: string): ErrorBody['error'] {
  const parsed = JSON.parse(body) as ErrorBody;
  assert.ok(typeof parsed.error.code === 'string' && parsed.error.code.startsWith('HW_ERR_'), body);
  assert.ok(!body.includes('at '), `no stack trace: ${body}`);
  return parsed.error;
}

describe('health', () => {
  test('/healthz answers 200', async () => {
    const res = await app.inject({ method: 'GET', url: '/healthz' });
    assert.equal(res.statusCode, 200);
  });
  test('/readyz is 503 with a coded error when the store is not ready', async () => {
    const failing = await buildApp({ config, engine: () => engine, ready: () => Promise.reject(new Error('db down')) });
    const res = await failing.inject({ method: 'GET', url: '/readyz' });
    assert.equal(res.statusCode, 503);
    assert.equal(errorOf(res.body).code, 'HW_ERR_STORE_UNAVAILABLE');
    await failing.close();
  });
});

describe('POST /api/v1/check', () => {
  test('judges each input like the CLI', async () => {
    const res = await app.inject({ method: 'POST', url: '/api/v1/check', payload: { inputs: ['paypa1.com', 'https://www.paypal.com/x', '%%%'] } });
    assert.equal(res.statusCode, 200, res.body);
    const { results } = JSON.parse(res.body) as { results: { verdict: string; brand: string | null }[] };
    assert.deepEqual(results.map((r) => r.verdict), ['phishing', 'official', 'error']);
    assert.equal(results[0]?.brand, 'paypal');
  });

  test('more than 100 inputs, no inputs, unknown fields and wrong types are 400 with a code', async () => {
    for (const payload of [{ inputs: Array.from({ length: 101 }, () => 'a.com') }, { inputs: [] }, {}, { inputs: ['a.com'], extra: 1 }, { inputs: [1] }]) {
      const res = await app.inject({ method: 'POST', url: '/api/v1/check', payload });
      assert.equal(res.statusCode, 400, `${JSON.stringify(payload)} → ${res.body}`);
      assert.equal(errorOf(res.body).code, 'HW_ERR_HTTP_VALIDATION');
    }
  });

  test('malformed JSON is 400, other content types 415, oversized bodies 413', async () => {
    const malformed = await app.inject({ method: 'POST', url: '/api/v1/check', headers: { 'content-type': 'application/json' }, payload: '{"inputs": [' });
    assert.equal(malformed.statusCode, 400);
    assert.equal(errorOf(malformed.body).code, 'HW_ERR_HTTP_MALFORMED_JSON');
    const text = await app.inject({ method: 'POST', url: '/api/v1/check', headers: { 'content-type': 'text/plain' }, payload: 'paypa1.com' });
    assert.equal(text.statusCode, 415);
    assert.equal(errorOf(text.body).code, 'HW_ERR_HTTP_MEDIA_TYPE');
    const big = await app.inject({ method: 'POST', url: '/api/v1/check', payload: { inputs: ['x'.repeat(8000)] } });
    assert.equal(big.statusCode, 413);
    assert.equal(errorOf(big.body).code, 'HW_ERR_HTTP_BODY_TOO_LARGE');
  });

  test('invalid UTF-8 in a body is a coded 400, not silently replaced', async () => {
    const payload = Buffer.concat([Buffer.from('{"inputs":["pay'), Buffer.from([0xff, 0xfe]), Buffer.from('pal.com"]}')]);
    const res = await app.inject({ method: 'POST', url: '/api/v1/check', headers: { 'content-type': 'application/json' }, payload });
    assert.equal(res.statusCode, 400, res.body);
    assert.equal(errorOf(res.body).code, 'HW_ERR_INPUT_ENCODING');
  });

  test('prototype pollution attempts are refused and pollute nothing', async () => {
    const res = await app.inject({ method: 'POST', url: '/api/v1/check', headers: { 'content-type': 'application/json' }, payload: '{"inputs":["a.com"],"__proto__":{"polluted":1}}' });
    assert.ok(res.statusCode >= 400 && res.statusCode < 500, res.body);
    assert.equal((Object.prototype as Record<string, unknown>)['polluted'], undefined);
  });

  test('unknown routes are 404 with a code', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/v1/nope' });
    assert.equal(res.statusCode, 404);
    assert.equal(errorOf(res.body).code, 'HW_ERR_HTTP_NOT_FOUND');
  });
});

describe('API description', () => {
  test('/api/openapi.json is OpenAPI 3 and lists the intake and check endpoints with their request schemas', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/openapi.json' });
    assert.equal(res.statusCode, 200);
    const doc = JSON.parse(res.body) as { openapi: string; paths: Record<string, Record<string, { requestBody?: unknown }>> };
    assert.match(doc.openapi, /^3\./);
    assert.ok(doc.paths['/api/v1/reports']?.['post']?.requestBody !== undefined);
    assert.ok(doc.paths['/api/v1/check']?.['post']?.requestBody !== undefined);
  });
  test('/api/docs is an HTML page under a strict CSP, without scripts', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/docs' });
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers['content-security-policy']), /default-src 'none'/);
    assert.equal(res.body.includes('<script'), false);
    assert.ok(res.body.includes('/api/v1/reports'));
  });
});
