/**
 * The approximate name search (Myers' bit vectors) against a brute-force edit distance over every window.
 */
import assert from '../test-assert.js';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { allowedEdits, ApproximateNameIndex, editDistance, editDistanceWithin } from './approximate.js';
import { swapDistance } from './test-distance.js';

const NAMES = ['metamask', 'ledger', 'coinbase', 'trezor', 'blockchain', 'kraken'];
const index = new ApproximateNameIndex(NAMES);
const always = (): boolean => true;

/** The fewest edits between `name` and any window of `text`, by the textbook table over every window. */
function bruteForce(name: string, text: string): number {
  let best = name.length;
  for (let start = 0; start < text.length; start++) {
    for (let end = start + 1; end <= text.length; end++) best = Math.min(best, editDistance(name, text, start, end));
  }
  return best;
}

describe('approximate name search', () => {
  test('finds a name misspelt inside a label, with its window and edits', () => {
    const label = 'metamaeskloegin';
    const m = index.find(label, 0, label.length, always);
    assert.ok(m !== undefined);
    assert.equal(NAMES[m.name], 'metamask');
    assert.equal(label.slice(m.start, m.end), 'metamaesk');
    assert.equal(m.edits, 1);
  });

  test('prefers the name as written, then fewer edits', () => {
    const exact = index.find('ledger-trezr', 0, 12, always);
    assert.ok(exact !== undefined);
    assert.equal(exact.edits, 0);
    assert.equal(NAMES[exact.name], 'ledger');
    const twoNames = index.find('coiennbase-ledgr', 0, 16, always);
    assert.equal(twoNames === undefined ? '' : NAMES[twoNames.name], 'ledger', 'one edit off ledger beats two off coinbase');
  });

  test('six- and seven-letter names are allowed one edit, longer ones two', () => {
    assert.equal(allowedEdits(6), 1);
    assert.equal(allowedEdits(8), 2);
    assert.equal(index.find('lxdgxr', 0, 6, always), undefined, 'two edits off a six-letter name');
    assert.equal(index.find('coiennbase', 0, 10, always)?.edits, 2);
  });

  test('a rejected window leaves the search going: another window, then another name', () => {
    // `trrezor`: the window `rrezor` (a letter changed) is refused, `trrezor` (a letter added) is the same edits.
    const windows: string[] = [];
    const m = index.find('start--trrezorr', 0, 15, (_name, start, end) => {
      const w = 'start--trrezorr'.slice(start, end);
      windows.push(w);
      return w.startsWith('t');
    });
    assert.ok(windows.length > 1);
    assert.equal(m === undefined ? '' : 'start--trrezorr'.slice(m.start, m.end).charAt(0), 't');
    assert.equal(index.find('ledgr', 0, 5, () => false), undefined);
  });

  test('shorter names are searched only when the index is built for them (misspelt five-letter lure words)', () => {
    assert.equal(new ApproximateNameIndex(['login']).find('kukoinloggn', 0, 11, always), undefined, 'under six letters by default');
    const lures = new ApproximateNameIndex(['login', 'wallet'], 5);
    const m = lures.find('kukoinloggn', 0, 11, always);
    assert.ok(m !== undefined && m.name === 0 && m.edits === 1, JSON.stringify(m));
    assert.equal(lures.find('kukoinlgxn', 0, 10, always), undefined, 'two edits off a five-letter name');
  });

  test('only [from, to) is searched', () => {
    assert.equal(index.find('xxkrakenxx', 3, 10, always)?.edits, 1, 'the k before `from` is not read');
    assert.equal(index.find('xxkrakenxx', 0, 5, always), undefined);
  });

  test('the fewest edits found equal a brute force over every window (within the allowed edits)', () => {
    const letters = fc.constantFrom(...'abcdeghiklmnorstz-'.split(''));
    const text = fc.array(letters, { minLength: 0, maxLength: 24 }).map((a) => a.join(''));
    const mangled = fc.tuple(fc.constantFrom(...NAMES), text, text, fc.nat(), fc.constantFrom('', 'x', 'e')).map(([name, before, after, at, ins]) => {
      const cut = at % (name.length + 1);
      return before + name.slice(0, cut) + ins + name.slice(cut + (ins === '' ? 1 : 0)) + after;
    });
    fc.assert(fc.property(fc.oneof(text, mangled), (t) => {
      const found = index.find(t, 0, t.length, always);
      for (const [i, name] of NAMES.entries()) {
        const best = bruteForce(name, t);
        if (best <= allowedEdits(name.length)) assert.ok(found !== undefined && found.edits <= best, `${t}: ${name} is ${best} off`);
        if (found?.name === i) assert.equal(found.edits, best, `${t}: edits of ${name}`);
      }
      if (found !== undefined) assert.equal(editDistance(NAMES[found.name] ?? '', t, found.start, found.end), found.edits);
    }), { numRuns: 2000 });
  });

  test('editDistanceWithin is editDistance up to k, and k + 1 beyond', () => {
    const word = fc.array(fc.constantFrom(...'abcde'.split('')), { minLength: 0, maxLength: 14 }).map((a) => a.join(''));
    fc.assert(fc.property(word, word, (a, t) => {
      const exact = editDistance(a, t, 0, t.length);
      for (let k = 0; k <= 3; k++) assert.equal(editDistanceWithin(a, `x${t}y`, 1, t.length + 1, k), Math.min(exact, k + 1), `${a} / ${t}, k = ${k}`);
    }), { numRuns: 2000 });
  });

  test('editDistanceWithin with swaps is the optimal-string-alignment distance up to k, and k + 1 beyond', () => {
    assert.equal(editDistanceWithin('steam', 'staem', 0, 5, 3, true), 1);
    assert.equal(editDistanceWithin('steam', 'staem', 0, 5, 3), 2);
    const word = fc.array(fc.constantFrom(...'abcde'.split('')), { minLength: 0, maxLength: 14 }).map((a) => a.join(''));
    fc.assert(fc.property(word, word, (a, t) => {
      const exact = swapDistance(a, t);
      for (let k = 0; k <= 3; k++) assert.equal(editDistanceWithin(a, `x${t}y`, 1, t.length + 1, k, true), Math.min(exact, k + 1), `${a} / ${t}, k = ${k}`);
    }), { numRuns: 3000 });
  });

  test('closestWhole: the whole text within the allowed edits of a name (a swap one edit), fewest edits first, never the name itself', () => {
    const long = new ApproximateNameIndex(['steamcommunity', 'americanexpress', 'steampowered'], 12);
    const found = (text: string): string => {
      const m = long.closestWhole(text, 0, text.length);
      return m === undefined ? '' : `${['steamcommunity', 'americanexpress', 'steampowered'][m.name] ?? ''}/${m.edits}`;
    };
    assert.equal(found('steeamcommnity'), 'steamcommunity/2');
    assert.equal(found('steamcommunlty'), 'steamcommunity/1');
    assert.equal(found('steamcommunity'), '', 'the name itself');
    assert.equal(found('xsteamcommunityxx'), '', 'three letters added');
    assert.equal(found('americanexpxzess'), 'americanexpress/2');
    assert.equal(found('staemcommunlty'), 'steamcommunity/2', 'a swap is one edit');
    const letters = fc.constantFrom(...'acemnoprstuwy'.split(''));
    const text = fc.array(letters, { minLength: 9, maxLength: 18 }).map((a) => a.join(''));
    const names = ['steamcommunity', 'americanexpress', 'steampowered'];
    const near = fc.tuple(fc.constantFrom(...names), fc.nat(), fc.nat(), fc.constantFrom('', 'm', 'u')).map(([name, at, at2, ins]) => {
      const cut = at % (name.length + 1);
      const once = name.slice(0, cut) + ins + name.slice(cut + 1);
      const cut2 = at2 % (once.length + 1);
      return once.slice(0, cut2) + ins + once.slice(cut2);
    });
    fc.assert(fc.property(fc.oneof(text, near), (t) => {
      const m = long.closestWhole(t, 0, t.length);
      const distances = names.map((name) => swapDistance(name, t));
      const best = Math.min(...distances.filter((d) => d > 0));
      if (best <= 2) assert.ok(m !== undefined && m.edits === best, `${t}: ${best} off a name`);
      else assert.equal(m, undefined, t);
    }), { numRuns: 1000 });
  });

  test('closestWhole with an index\'s own edits: three off a name of fourteen letters, two off a shorter one; `accept` vets', () => {
    const names = ['steamcommunity', 'americanexpress', 'steampowered'];
    const editsFor = (n: number): number => (n >= 14 ? 3 : 2);
    const far = new ApproximateNameIndex(names, 12, editsFor);
    const m = far.closestWhole('steanconmuntity', 0, 15);
    assert.deepEqual(m, { name: 0, edits: 3 });
    assert.equal(far.closestWhole('steanconmuntity', 0, 15, (_name, edits) => edits < 3), undefined);
    assert.equal(far.closestWhole('steampowxyzed', 0, 13), undefined, 'three off a twelve-letter name');
    const letters = fc.constantFrom(...'acemnoprstuwxy'.split(''));
    const mutated = fc.tuple(fc.constantFrom(...names), fc.array(fc.tuple(fc.nat(), fc.constantFrom('', 'm', 'u', 'x')), { maxLength: 4 })).map(([name, edits]) => {
      let t = name;
      for (const [at, ins] of edits) {
        const cut = at % (t.length + 1);
        t = at % 2 === 0 ? t.slice(0, cut) + ins + t.slice(cut + 1) : t.slice(0, cut) + ins + t.slice(cut);
      }
      return t;
    });
    fc.assert(fc.property(fc.oneof(fc.array(letters, { minLength: 9, maxLength: 19 }).map((a) => a.join('')), mutated), (t) => {
      const found = far.closestWhole(t, 0, t.length);
      const within = names.map((name, i) => ({ i, d: swapDistance(name, t) })).filter(({ i, d }) => d > 0 && d <= editsFor(names[i]?.length ?? 0));
      if (within.length === 0) assert.equal(found, undefined, t);
      else assert.ok(found !== undefined && found.edits === Math.min(...within.map((w) => w.d)), `${t}: ${JSON.stringify(within)} / ${JSON.stringify(found)}`);
    }), { numRuns: 2000 });
  });

  test('the pigeonhole filter drops no name: five-letter names, and names whose pieces are longer than it reads', () => {
    // `login`: pieces of two and three letters; the 23-letter name: three pieces of seven or eight letters, each
    // looked for by its first six.
    const names = ['login', 'wallet', 'metamaskextensionwallet', 'blockchain'];
    const filtered = new ApproximateNameIndex(names, 5);
    const letters = fc.constantFrom(...'abcegiklmnostw-'.split(''));
    // editDistance() reads windows of at most 33 characters: texts stay within that.
    const text = fc.array(letters, { minLength: 0, maxLength: 30 }).map((a) => a.join(''));
    const padding = fc.array(letters, { minLength: 0, maxLength: 4 }).map((a) => a.join(''));
    const mangled = fc.tuple(fc.constantFrom(...names), padding, padding, fc.nat(), fc.nat(), fc.constantFrom('', 'x', 'e')).map(([name, before, after, at, at2, ins]) => {
      const cut = at % (name.length + 1);
      const once = name.slice(0, cut) + ins + name.slice(cut + (ins === '' ? 1 : 0));
      const cut2 = at2 % (once.length + 1);
      return before + once.slice(0, cut2) + once.slice(cut2 + 1) + after;
    });
    fc.assert(fc.property(fc.oneof(text, mangled), (t) => {
      const found = filtered.find(t, 0, t.length, always);
      for (const name of names) {
        const best = bruteForce(name, t);
        if (best <= allowedEdits(name.length)) assert.ok(found !== undefined && found.edits <= best, `${t}: ${name} is ${best} off`);
      }
    }), { numRuns: 1000 });
  });
});
