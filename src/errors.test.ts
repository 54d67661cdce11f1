/** Pins the error registry: codes are a contract (DESIGN.md "Errors"); changing one must be deliberate. */
import { test } from 'node:test';
import assert from './test-assert.js';
import { ERRORS, errorMessage, HookwatchError } from './errors.js';

test('every code follows HW_ERR_<AREA>_<WHAT>, has an HTTP status and a message', () => {
  for (const [code, entry] of Object.entries(ERRORS)) {
    assert.match(code, /^HW_ERR_[A-Z]+_[A-Z_]+$/);
    assert.ok(entry.status >= 400 && entry.status <= 599, code);
    assert.ok(entry.message.length > 0, code);
  }
});

test('the codes other tools already depend on keep their status', () => {
  assert.equal(ERRORS.HW_ERR_INPUT_HOST.status, 400);
  assert.equal(ERRORS.HW_ERR_HTTP_BODY_TOO_LARGE.status, 413);
  assert.equal(ERRORS.HW_ERR_HTTP_MEDIA_TYPE.status, 415);
  assert.equal(ERRORS.HW_ERR_HTTP_RATE_LIMITED.status, 429);
  assert.equal(ERRORS.HW_ERR_AUTH_REQUIRED.status, 401);
  assert.equal(ERRORS.HW_ERR_REPORT_IDEMPOTENCY_CONFLICT.status, 422);
});

test('message templates are filled, unknown placeholders kept', () => {
  assert.equal(errorMessage('HW_ERR_INPUT_TOO_LONG', { limit: 8 }), 'input longer than 8 characters');
  assert.equal(errorMessage('HW_ERR_INPUT_TOO_LONG'), 'input longer than {limit} characters');
  const error = new HookwatchError('HW_ERR_HTTP_RATE_LIMITED', { seconds: 3 });
  assert.equal(error.code, 'HW_ERR_HTTP_RATE_LIMITED');
  assert.equal(error.message, 'too many requests: retry after 3 s');
});
