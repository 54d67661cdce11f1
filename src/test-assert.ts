/**
 * Test support: `node:assert/strict` for every test, with `assert(value)` and `assert.ok(value)` given a message when
 * the caller gives none.
 *
 * Without a message, Node quotes the failing call's source: it reads the file on disk at the call's position. Under
 * tsx that position is the compiled code's (one long line), not the TypeScript file's, and Node 20's look-up
 * (`findColumn` in node:internal/assert/utils) then spins for minutes instead of failing: a failing check hung its
 * test file, and CI with it (found in the twenty-first session; `assert.ok(false)` inside engine.test.ts). With a
 * message, Node reads nothing.
 */
import strict from 'node:assert/strict';

const NO_MESSAGE = 'expected a truthy value';

function ok(value: unknown, message?: string | Error): asserts value {
  strict.ok(value, message ?? NO_MESSAGE);
}

const assert: typeof strict = Object.assign(ok, strict, { ok });

export default assert;
