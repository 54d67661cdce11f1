/**
 * Reports: verbatim storage (hostile strings, a 100 kB URL, every byte value of an e-mail), the public status view
 * without contact, idempotency (RE-5) including 50 concurrent duplicates, status changes, and one transaction for
 * report + contact + audit entry.
 */
import assert from '../test-assert.js';
import { createHash } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { sql } from 'kysely';
import type { NewReport } from './reports.repo.js';
import { normaliseReference } from './reports.repo.js';
import { forEachStore, steppingClock } from './test-stores.js';
import type { TestStore } from './test-stores.js';

const REFERENCE = /^HW-[0-9A-HJKMNP-TV-Z]{10}$/;

function hashOf(payload: string): string {
  return createHash('sha256').update(payload).digest('hex');
}

/** A report without content: add a url, text or email. */
const BARE = { payloadHash: hashOf('default'), actor: 'public' } as const;

function report(fields: Partial<NewReport> = {}): NewReport {
  return { url: 'http://paypa1.example/signin', ...BARE, ...fields };
}

async function countReports(store: TestStore): Promise<number> {
  const { rows } = await sql<{ n: number }>`select cast(count(*) as integer) as n from reports`.execute(store.db);
  return rows[0]?.n ?? -1;
}

const HOSTILE = [
  "'); DROP TABLE reports;--",
  '" OR 1=1 --',
  "\\'; SELECT pg_sleep(10); --",
  '$1 $$ $tag$ :name ? %s %d {0}',
  'line\r\nbreak\ttab\u000b\u001b[31mred',
  '\u202Egnp.exe\u2066\u2069 bidi',
  'ZWJ 👩‍👩‍👧 emoji, combining é, CJK 漢字, astral 𝔘',
  '\uFEFFBOM and \uFFFF non-character',
];

forEachStore((name, open) => {
  describe(`reports (${name})`, () => {
    let store: TestStore;
    before(async () => {
      store = await open({ now: steppingClock() });
    });
    after(() => store.close());

    it('creates a report with a public reference and reads it back verbatim', async () => {
      const created = await store.reports.create(report({ text: 'they asked for my PIN', contact: 'me@example.org' }));
      assert.equal(created.conflict, false);
      assert.ok(!created.conflict);
      assert.equal(created.created, true);
      assert.equal(created.status, 'submitted');
      assert.match(created.reference, REFERENCE);
      const stored = await store.reports.get(created.id);
      assert.deepEqual(stored, {
        id: created.id,
        reference: created.reference,
        url: 'http://paypa1.example/signin',
        text: 'they asked for my PIN',
        email: null,
        status: 'submitted',
        idempotencyKey: null,
        payloadHash: hashOf('default'),
        submittedAt: new Date('2025-01-01T00:00:00.000Z'),
      });
      assert.equal(await store.reports.getContact(created.id), 'me@example.org');
    });

    it('shows the public only reference, status and time (no contact, no content)', async () => {
      const created = await store.reports.create(report({ contact: 'secret@example.org' }));
      assert.ok(!created.conflict);
      const view = await store.reports.getStatusByReference(created.reference);
      assert.deepEqual(Object.keys(view ?? {}).sort(), ['reference', 'status', 'submittedAt']);
      assert.equal(view?.reference, created.reference);
      const typed = created.reference.toLowerCase().replace(/0/g, 'o').replace(/1/g, 'l');
      assert.equal((await store.reports.getStatusByReference(` ${typed} `))?.reference, created.reference);
      assert.equal(await store.reports.getStatusByReference('HW-0000000000'), undefined);
      assert.equal(await store.reports.get('not-a-uuid'), undefined);
    });

    it('records the creation in the audit log, in the same transaction', async () => {
      const created = await store.reports.create(report({ actor: 'api_key:k1' }));
      assert.ok(!created.conflict);
      const [entry] = await store.audit.list({ target: `report:${created.id}`, limit: 5 });
      assert.equal(entry?.action, 'report.created');
      assert.equal(entry.actor, 'api_key:k1');
      assert.deepEqual(entry.details, { reference: created.reference });
      const before = await countReports(store);
      // The audit append fails after the report row is written: nothing may remain.
      await assert.rejects(store.reports.create(report({ actor: 'x'.repeat(300), contact: 'c' })), {
        code: 'HW_ERR_INPUT_TOO_LONG',
      });
      assert.equal(await countReports(store), before);
      assert.equal((await store.audit.verify()).ok, true);
    });

    it('replays an idempotency key with the same payload and refuses it with another', async () => {
      const first = await store.reports.create(report({ idempotencyKey: 'key-1', payloadHash: hashOf('a') }));
      const again = await store.reports.create(report({ idempotencyKey: 'key-1', payloadHash: hashOf('a') }));
      const other = await store.reports.create(report({ idempotencyKey: 'key-1', payloadHash: hashOf('b') }));
      assert.ok(!first.conflict && !again.conflict);
      assert.deepEqual(again, { ...first, created: false });
      assert.deepEqual(other, { conflict: true });
      assert.equal((await store.audit.list({ target: `report:${first.id}`, limit: 5 })).length, 1);
      const withoutKey = await Promise.all([store.reports.create(report()), store.reports.create(report())]);
      assert.notEqual(withoutKey[0].conflict || withoutKey[0].id, withoutKey[1].conflict || withoutKey[1].id);
    });

    it('turns 50 concurrent duplicates into exactly one report', async () => {
      const before = await countReports(store);
      const results = await Promise.all(
        Array.from({ length: 50 }, () =>
          store.reports.create(report({ idempotencyKey: 'race', payloadHash: hashOf('race'), contact: 'c' })),
        ),
      );
      assert.equal(await countReports(store), before + 1);
      const ids = new Set(results.map((result) => (result.conflict ? 'conflict' : result.id)));
      assert.equal(ids.size, 1);
      assert.equal(results.filter((result) => !result.conflict && result.created).length, 1);
      const [id] = ids;
      assert.equal((await store.audit.list({ target: `report:${String(id)}`, limit: 5 })).length, 1);
      assert.equal((await store.audit.verify()).ok, true);
    });

    it('stores hostile strings verbatim', async () => {
      for (const hostile of HOSTILE) {
        const created = await store.reports.create(report({ url: hostile, text: hostile, contact: hostile }));
        assert.ok(!created.conflict);
        const stored = await store.reports.get(created.id);
        assert.equal(stored?.url, hostile);
        assert.equal(stored.text, hostile);
        assert.equal(await store.reports.getContact(created.id), hostile);
      }
      assert.ok((await countReports(store)) > 0, 'the reports table survived');
    });

    it('stores a 100 kB URL and every byte value of an e-mail verbatim', async () => {
      const url = `https://evil.example/${'a%00b'.repeat(20_000)}`;
      const email = Uint8Array.from({ length: 512 }, (_, i) => i % 256);
      const created = await store.reports.create(report({ url, email }));
      assert.ok(!created.conflict);
      const stored = await store.reports.get(created.id);
      assert.equal(stored?.url, url);
      assert.deepEqual(stored.email, Buffer.from(email));
      const fromText = await store.reports.create({ ...BARE, email: 'Subject: ünïcode\r\n\r\nbody' });
      assert.ok(!fromText.conflict);
      assert.equal((await store.reports.get(fromText.id))?.email?.toString('utf8'), 'Subject: ünïcode\r\n\r\nbody');
    });

    it('round-trips any storable text (property)', async () => {
      await fc.assert(
        fc.asyncProperty(fc.string({ unit: 'binary', maxLength: 200 }), async (text) => {
          fc.pre(!text.includes('\0') && text.length > 0);
          const created = await store.reports.create({ ...BARE, text });
          assert.ok(!created.conflict);
          assert.equal((await store.reports.get(created.id))?.text, text);
        }),
        { numRuns: 40 },
      );
    });

    it('refuses NULs and lone surrogates before the database, naming the field', async () => {
      const before = await countReports(store);
      await assert.rejects(store.reports.create(report({ url: 'http://a/\0' })), {
        code: 'HW_ERR_INPUT_ENCODING',
        details: { field: 'url' },
      });
      await assert.rejects(store.reports.create(report({ text: 'half \uD83D pair' })), {
        code: 'HW_ERR_INPUT_ENCODING',
        details: { field: 'text' },
      });
      await assert.rejects(store.reports.create(report({ contact: 'a\0' })), { details: { field: 'contact' } });
      await assert.rejects(store.reports.create(report({ email: 'x\0' })), { details: { field: 'email' } });
      assert.equal(await countReports(store), before);
      const nulBytes = await store.reports.create(report({ email: new Uint8Array([0, 0, 0]) }));
      assert.equal(nulBytes.conflict, false, 'NUL bytes are fine in an e-mail given as bytes');
    });

    it('refuses an empty report, an oversized key and a malformed payload hash', async () => {
      await assert.rejects(store.reports.create(report({ url: '' })), { code: 'HW_ERR_INPUT_EMPTY' });
      await assert.rejects(store.reports.create({ ...BARE, email: new Uint8Array() }), {
        code: 'HW_ERR_INPUT_EMPTY',
      });
      await assert.rejects(store.reports.create(report({ idempotencyKey: 'k'.repeat(256) })), {
        code: 'HW_ERR_INPUT_TOO_LONG',
      });
      await assert.rejects(store.reports.create(report({ payloadHash: 'not-a-hash' })), TypeError);
    });

    it('changes the status, with compare-and-set, and audits it', async () => {
      const created = await store.reports.create(report());
      assert.ok(!created.conflict);
      const { id } = created;
      assert.equal(await store.reports.setStatus({ id, status: 'triaged', actor: 'user:a' }), 'updated');
      assert.equal(await store.reports.setStatus({ id, status: 'confirmed', from: 'submitted', actor: 'user:b' }), 'status_changed');
      assert.equal(await store.reports.setStatus({ id, status: 'confirmed', from: 'triaged', actor: 'user:b' }), 'updated');
      assert.equal(await store.reports.setStatus({ id: 'missing', status: 'triaged', actor: 'user:a' }), 'not_found');
      assert.equal((await store.reports.get(id))?.status, 'confirmed');
      const entries = await store.audit.list({ target: `report:${id}`, limit: 5 });
      assert.deepEqual(
        entries.map((entry) => [entry.action, entry.actor, entry.details]),
        [
          ['report.status_changed', 'user:b', { from: 'triaged', status: 'confirmed' }],
          ['report.status_changed', 'user:a', { status: 'triaged' }],
          ['report.created', 'public', { reference: created.reference }],
        ],
      );
    });

    it('runs a follow-up (the analysis job) in the report\'s own transaction, for a new report only', async () => {
      const followed: string[] = [];
      const committed: string[] = [];
      const input = report({ url: 'http://follow-up.example/', idempotencyKey: 'follow-up-1' });
      const created = await store.reports.create(input, async (tx, reportId) => {
        followed.push(reportId);
        // A statement in the same transaction sees the uncommitted report.
        const { rows } = await tx.executeSql(name === 'sqlite' ? 'select id from reports where id = ?' : 'select id from reports where id = $1', [reportId]);
        assert.equal(rows.length, 1);
        tx.afterCommit(() => { committed.push(reportId); });
      });
      assert.ok(!created.conflict);
      assert.deepEqual(followed, [created.id]);
      assert.deepEqual(committed, [created.id], 'the hook ran once the report had committed');
      const replay = await store.reports.create(input, () => { followed.push('replay'); return Promise.resolve(); });
      assert.ok(!replay.conflict && !replay.created);
      assert.deepEqual(followed, [created.id], 'a replay runs no follow-up');

      // A follow-up that fails takes the report (and its audit entry) with it: neither is stored without the other.
      const before = await countReports(store);
      const head = await store.audit.verify();
      await assert.rejects(store.reports.create(report({ url: 'http://follow-up.example/fails' }), (tx) => {
        tx.afterCommit(() => { committed.push('rolled back'); });
        return Promise.reject(new Error('queue unavailable'));
      }), /queue unavailable/);
      assert.equal(await countReports(store), before);
      assert.deepEqual(await store.audit.verify(), head);
      assert.deepEqual(committed, [created.id], 'no hook of a rolled-back write runs');
    });
  });
});

describe('normaliseReference', () => {
  it('reads what a person types back to the reference', () => {
    assert.equal(normaliseReference(' hw-0o1il23456 '), 'HW-0011123456');
    assert.equal(normaliseReference('something else'), 'SOMETHING ELSE');
  });
});
