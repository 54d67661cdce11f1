import assert from '../test-assert.js';
import { mkdtemp, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import type { Catalog } from '../engine/types.js';
import { HookwatchError } from '../errors.js';
import type { ErrorCode } from '../errors.js';
import { defaultCatalog, loadCatalogFile, MAX_BRANDS, MAX_CATALOG_BYTES, parseCatalog } from './index.js';

const ORIGIN = 'test.json';

/** A small catalog, deliberately independent of default-catalog.json. */
const FIXTURE_JSON = JSON.stringify({
  brands: [
    { id: 'paypal', name: 'PayPal', domains: ['paypal.com', 'paypal.me'], keywords: ['paypal'] },
    { id: 'hmrc', name: 'HM Revenue & Customs', domains: ['hmrc.gov.uk'] },
    { id: 'chase', name: 'Chase', domains: ['chase.com'], keywords: ['chase'], generic: true },
  ],
});

const FIXTURE_YAML = `
# the same catalog as FIXTURE_JSON
brands:
  - id: paypal
    name: PayPal
    domains: [paypal.com, paypal.me]
    keywords:
      - paypal
  - id: hmrc
    name: HM Revenue & Customs
    domains:
      - hmrc.gov.uk
  - id: chase
    name: Chase
    domains: [chase.com]
    keywords: [chase]
    generic: true
`;

const FIXTURE_CATALOG: Catalog = {
  brands: [
    { id: 'paypal', name: 'PayPal', domains: ['paypal.com', 'paypal.me'], keywords: ['paypal'] },
    { id: 'hmrc', name: 'HM Revenue & Customs', domains: ['hmrc.gov.uk'], keywords: ['hmrc'] },
    { id: 'chase', name: 'Chase', domains: ['chase.com'], keywords: ['chase'], generic: true },
  ],
};

/** A catalog text whose brands are the given objects. */
function catalogOf(...brands: unknown[]): string {
  return JSON.stringify({ brands });
}

/** A one-brand catalog with the given fields over a valid base. */
function oneBrand(fields: Record<string, unknown>): string {
  return catalogOf({ id: 'acme', name: 'Acme', domains: ['acme.com'], ...fields });
}

function firstBrand(catalog: Catalog) {
  const brand = catalog.brands[0];
  assert.ok(brand, 'the catalog has a first brand');
  return brand;
}

function isHookwatchError(error: unknown, code: ErrorCode, fragment?: string): boolean {
  assert.ok(error instanceof HookwatchError, `expected a HookwatchError, got ${String(error)}`);
  assert.equal(error.code, code);
  if (fragment !== undefined) assert.ok(error.message.includes(fragment), `message ${error.message}`);
  return true;
}

/** Asserts that parsing `text` fails with HW_ERR_CATALOG_INVALID, naming the origin, with all the fragments. */
function assertInvalid(text: string, ...fragments: string[]): void {
  assert.throws(
    () => parseCatalog(text, ORIGIN),
    (error: unknown) =>
      isHookwatchError(error, 'HW_ERR_CATALOG_INVALID', `invalid brand catalog: ${ORIGIN}: `) &&
      fragments.every((fragment) => isHookwatchError(error, 'HW_ERR_CATALOG_INVALID', fragment)),
  );
}

function assertDeeplyFrozen(catalog: Catalog): void {
  assert.ok(Object.isFrozen(catalog));
  assert.ok(Object.isFrozen(catalog.brands));
  for (const brand of catalog.brands) {
    assert.ok(Object.isFrozen(brand));
    assert.ok(Object.isFrozen(brand.domains));
    assert.ok(Object.isFrozen(brand.keywords));
  }
}

void describe('parseCatalog', () => {
  void it('parses a valid JSON catalog, deriving missing keywords', () => {
    const catalog = parseCatalog(FIXTURE_JSON, ORIGIN);
    assert.deepEqual(catalog, FIXTURE_CATALOG);
  });

  void it('parses the YAML equivalent to an equal catalog', () => {
    assert.deepEqual(parseCatalog(FIXTURE_YAML, 'test.yaml'), parseCatalog(FIXTURE_JSON, ORIGIN));
  });

  void it('accepts a UTF-8 byte order mark before JSON', () => {
    assert.deepEqual(parseCatalog(`\uFEFF${FIXTURE_JSON}`, ORIGIN), FIXTURE_CATALOG);
  });

  void it('returns a deeply frozen catalog', () => {
    const catalog = parseCatalog(FIXTURE_JSON, ORIGIN);
    assertDeeplyFrozen(catalog);
    const brand = firstBrand(catalog);
    assert.throws(() => (brand.domains as string[]).push('evil.com'), TypeError);
    assert.throws(() => {
      (brand as { id: string }).id = 'evil';
    }, TypeError);
  });

  void it('ignores unknown fields, at top level and in brands', () => {
    const text = JSON.stringify({
      version: 2,
      source: 'hand-written',
      brands: [
        {
          id: 'acme',
          name: 'Acme',
          domains: ['acme.com'],
          category: 'bank',
          source: 'https://acme.com/about',
          senders: ['no-reply@acme.com'],
          social: { x: '@acme' },
          logoHashes: ['0123abcd'],
        },
      ],
    });
    const catalog = parseCatalog(text, ORIGIN);
    assert.deepEqual(catalog, { brands: [{ id: 'acme', name: 'Acme', domains: ['acme.com'], keywords: ['acme'] }] });
  });

  void it('keeps __proto__ and constructor keys from reaching any prototype', () => {
    const json =
      '{"__proto__": {"polluted": 1}, "constructor": {"prototype": {"polluted": 1}}, "brands": [' +
      '{"__proto__": {"polluted": 1}, "constructor": {"prototype": {"polluted": 1}},' +
      ' "id": "acme", "name": "Acme", "domains": ["acme.com"]}]}';
    const yaml = [
      '__proto__: {polluted: 1}',
      'brands:',
      '  - __proto__: {polluted: 1}',
      '    constructor: {prototype: {polluted: 1}}',
      '    id: acme',
      '    name: Acme',
      '    domains: [acme.com]',
    ].join('\n');
    for (const text of [json, yaml]) {
      const catalog = parseCatalog(text, ORIGIN);
      assert.equal(({} as Record<string, unknown>)['polluted'], undefined);
      assert.equal(Object.hasOwn(Object.prototype, 'polluted'), false);
      const brand = firstBrand(catalog);
      assert.equal(Object.getPrototypeOf(brand), Object.prototype);
      assert.equal((brand as unknown as Record<string, unknown>)['polluted'], undefined);
      assert.deepEqual(catalog, { brands: [{ id: 'acme', name: 'Acme', domains: ['acme.com'], keywords: ['acme'] }] });
    }
  });

  void it('does not read fields through the prototype chain', () => {
    // An object whose fields are all inherited is, for the loader, an object without fields.
    assertInvalid('{"__proto__": {"brands": [{"id": "acme", "name": "Acme", "domains": ["acme.com"]}]}}', 'top level');
  });

  void describe('domains', () => {
    void it('normalises case, spaces and a trailing dot, keeps sub-domains, and deduplicates', () => {
      const catalog = parseCatalog(
        oneBrand({ domains: ['  WWW.Acme.COM.  ', 'www.acme.com', 'login.acme.co.uk', 'acme.com'] }),
        ORIGIN,
      );
      assert.deepEqual(firstBrand(catalog).domains, ['www.acme.com', 'login.acme.co.uk', 'acme.com']);
    });

    void it('converts IDN domains to A-labels', () => {
      const catalog = parseCatalog(oneBrand({ domains: ['Bücher.de', 'ｅｘａｍｐｌｅ.com'], keywords: ['buecher'] }), ORIGIN);
      assert.deepEqual(firstBrand(catalog).domains, ['xn--bcher-kva.de', 'example.com']);
    });

    void it('accepts hosts under a public suffix and under hosting platforms', () => {
      const catalog = parseCatalog(oneBrand({ domains: ['hmrc.gov.uk', 'acme.github.io', 'about.google'] }), ORIGIN);
      assert.deepEqual(firstBrand(catalog).domains, ['hmrc.gov.uk', 'acme.github.io', 'about.google']);
    });

    const domainCases: readonly (readonly [string, string])[] = [
      ['pay pal.com', '"pay pal.com" is not a valid host name'],
      ['acme_bank.com', '"acme_bank.com" is not a valid host name'],
      ['https://acme.com/', '"https://acme.com/" is not a valid host name'],
      ['acme.com:443', '"acme.com:443" is not a valid host name'],
      ['acme%2ecom', '"acme%2ecom" is not a valid host name'],
      ['-acme.com', '"-acme.com" is not a valid host name'],
      ['acme-.com', '"acme-.com" is not a valid host name'],
      ['acme..com', '"acme..com" is not a valid host name'],
      ['xn--zz.com', '"xn--zz.com" is not a valid host name'],
      [`${'a'.repeat(64)}.com`, 'is not a valid host name (label "aaaa'],
      [`${'abcdefghi.'.repeat(25)}co.uk`, 'is not a valid host name (longer than 253 characters)'],
      ['', '"" is empty'],
      ['   ', '"   " is empty'],
      ['1.2.3.4', '"1.2.3.4" is an IP address'],
      ['0x7f.1', '"0x7f.1" is an IP address'],
      ['[::1]', '"[::1]" is not a valid host name'],
      ['com', '"com" is a public suffix'],
      ['co.uk', '"co.uk" is a public suffix'],
      ['github.io', '"github.io" is a public suffix'],
      ['localhost', '"localhost" is not a registrable domain'],
    ];
    void it('accepts a host under a suffix outside the Public Suffix List (acme-bank.example)', () => {
      const catalog = parseCatalog('{"brands":[{"id":"acme","name":"Acme","domains":["acme-bank.example"]}]}', 'test.json');
      const [brand] = catalog.brands;
      assert.ok(brand !== undefined);
      assert.deepEqual(brand.domains, ['acme-bank.example']);
      assert.deepEqual(brand.keywords, ['acmebank']);
    });
    for (const [domain, problem] of domainCases) {
      void it(`rejects ${JSON.stringify(domain)}, naming the brand and the field`, () => {
        assertInvalid(oneBrand({ domains: ['acme.com', domain] }), 'brand "acme" (#1): field "domains[1]": ', problem);
      });
    }

    void it('reports the brand by id and ordinal (the brief example)', () => {
      assertInvalid(
        catalogOf(
          { id: 'a', name: 'A', domains: ['a.com'] },
          { id: 'b', name: 'B', domains: ['b.com'] },
          { id: 'paypal', name: 'PayPal', domains: ['paypal.com', 'pay pal.com'] },
        ),
        'brand "paypal" (#3): field "domains[1]": "pay pal.com" is not a valid host name',
      );
    });

    void it('rejects a missing, empty or non-array domains field and non-string domains', () => {
      assertInvalid(catalogOf({ id: 'acme', name: 'Acme' }), 'brand "acme" (#1): field "domains" is missing');
      assertInvalid(oneBrand({ domains: [] }), 'brand "acme" (#1): field "domains" is empty');
      assertInvalid(oneBrand({ domains: 'acme.com' }), 'brand "acme" (#1): field "domains": expected an array');
      assertInvalid(oneBrand({ domains: ['acme.com', 42] }), 'brand "acme" (#1): field "domains[1]": expected a string');
    });
  });

  void describe('keywords', () => {
    void it('derives keywords from the labels before the public suffix, hyphens removed', () => {
      const catalog = parseCatalog(catalogOf({ id: 'acme', name: 'Acme', domains: ['acme-bank.co.uk'] }), ORIGIN);
      assert.deepEqual(firstBrand(catalog).keywords, ['acmebank']);
    });

    void it('derives one keyword per distinct label, skipping A-labels and one-letter labels', () => {
      const catalog = parseCatalog(
        oneBrand({
          domains: ['login.hmrc.gov.uk', 'hmrc.gov.uk', 'taxes-online.com', 'xn--bcher-kva.de', 'x.com', 'a-1.com'],
        }),
        ORIGIN,
      );
      assert.deepEqual(firstBrand(catalog).keywords, ['hmrc', 'taxesonline', 'a1']);
    });

    void it('derives keywords when the list is empty', () => {
      const catalog = parseCatalog(oneBrand({ keywords: [] }), ORIGIN);
      assert.deepEqual(firstBrand(catalog).keywords, ['acme']);
    });

    void it('may derive no keyword at all (IDN-only brand)', () => {
      const catalog = parseCatalog(oneBrand({ domains: ['bücher.de'] }), ORIGIN);
      assert.deepEqual(firstBrand(catalog).keywords, []);
    });

    void it('normalises given keywords: trimmed, lowercased, separators removed, deduplicated', () => {
      const catalog = parseCatalog(oneBrand({ keywords: [' Pay-Pal ', 'PAYPAL', 'pay.pal', 'pay pal', 'pp2'] }), ORIGIN);
      assert.deepEqual(firstBrand(catalog).keywords, ['paypal', 'pp2']);
    });

    void it('rejects malformed keywords, naming the field', () => {
      assertInvalid(oneBrand({ keywords: 'acme' }), 'brand "acme" (#1): field "keywords": expected an array of strings');
      assertInvalid(oneBrand({ keywords: ['acme', 7] }), 'brand "acme" (#1): field "keywords[1]": expected a string');
      assertInvalid(oneBrand({ keywords: ['a'] }), 'brand "acme" (#1): field "keywords[0]": "a" must be 2-63');
      assertInvalid(oneBrand({ keywords: ['acme!'] }), 'field "keywords[0]": "acme!" must be 2-63');
      assertInvalid(oneBrand({ keywords: ['x'.repeat(64)] }), 'field "keywords[0]"');
      assertInvalid(oneBrand({ keywords: ['пейпал'] }), 'field "keywords[0]": "пейпал" is not ASCII');
      assertInvalid(oneBrand({ keywords: ['\u212Aey'] }), 'field "keywords[0]": "\u212Aey" is not ASCII');
    });
  });

  void describe('brand fields', () => {
    void it('rejects a missing id, naming the brand by ordinal', () => {
      assertInvalid(
        catalogOf({ id: 'a', name: 'A', domains: ['a.com'] }, { name: 'B', domains: ['b.com'] }),
        'brand #2: field "id" is missing',
      );
    });

    void it('rejects ids that are not lowercase tokens', () => {
      for (const id of ['PayPal', '', '-acme', 'acme bank', 'a'.repeat(65), 'ácme']) {
        assertInvalid(oneBrand({ id }), `brand #1: field "id": ${JSON.stringify(id)} must be 1-64 characters`);
      }
      assertInvalid(oneBrand({ id: 7 }), 'brand #1: field "id": expected a string, got a number');
      assertInvalid(oneBrand({ id: null }), 'brand #1: field "id": expected a string, got null');
    });

    void it('accepts ids of 1 to 64 characters with "_" and "-"', () => {
      for (const id of ['a', '7eleven', 'acme_bank-uk', 'a'.repeat(64)]) {
        assert.equal(firstBrand(parseCatalog(oneBrand({ id }), ORIGIN)).id, id);
      }
    });

    void it('rejects a duplicate id, naming both brands', () => {
      assertInvalid(
        catalogOf(
          { id: 'paypal', name: 'PayPal', domains: ['paypal.com'] },
          { id: 'b', name: 'B', domains: ['b.com'] },
          { id: 'c', name: 'C', domains: ['c.com'] },
          { id: 'paypal', name: 'PayPal again', domains: ['paypal.me'] },
        ),
        'duplicate id "paypal" (brands #1 and #4)',
      );
    });

    void it('rejects {"brands":[{"id":"x"}]} naming the missing field', () => {
      assertInvalid('{"brands":[{"id":"x"}]}', 'brand "x" (#1): field "name" is missing');
      assertInvalid('{"brands":[{"id":"x","name":"X"}]}', 'brand "x" (#1): field "domains" is missing');
    });

    void it('rejects bad names', () => {
      assertInvalid(oneBrand({ name: '  ' }), 'brand "acme" (#1): field "name" is empty');
      assertInvalid(oneBrand({ name: 'A'.repeat(201) }), 'brand "acme" (#1): field "name" is longer than 200');
      assertInvalid(oneBrand({ name: 'Acme\u001b[31m' }), 'brand "acme" (#1): field "name" contains control');
      assertInvalid(oneBrand({ name: 'Acme\u202E' }), 'brand "acme" (#1): field "name" contains control');
      assertInvalid(oneBrand({ name: ['Acme'] }), 'brand "acme" (#1): field "name": expected a string, got an array');
    });

    void it('trims names and keeps non-ASCII ones', () => {
      assert.equal(firstBrand(parseCatalog(oneBrand({ name: '  Société Générale ' }), ORIGIN)).name, 'Société Générale');
    });

    void it('keeps generic only when given, and requires a boolean', () => {
      assert.equal(Object.hasOwn(firstBrand(parseCatalog(oneBrand({}), ORIGIN)), 'generic'), false);
      assert.equal(firstBrand(parseCatalog(oneBrand({ generic: false }), ORIGIN)).generic, false);
      assertInvalid(oneBrand({ generic: 'yes' }), 'brand "acme" (#1): field "generic": expected true or false');
    });

    void it('rejects a brand that is not an object', () => {
      assertInvalid(catalogOf({ id: 'a', name: 'A', domains: ['a.com'] }, 42), 'brand #2: expected an object, got a number');
      assertInvalid(catalogOf(['acme']), 'brand #1: expected an object, got an array');
    });
  });

  void describe('top level', () => {
    void it('rejects shapes other than an object with a "brands" array', () => {
      for (const text of ['[]', '"brands"', '42', 'null', '{}', '{"brands": {}}', '{"Brands": []}', '', '# nothing']) {
        assertInvalid(text, 'top level: expected an object with a "brands" array');
      }
    });

    void it('rejects an empty brands array', () => {
      assertInvalid('{"brands": []}', 'top level: "brands" is empty');
    });

    void it(`rejects more than ${MAX_BRANDS} brands`, () => {
      const brands = Array.from({ length: MAX_BRANDS + 1 }, (_, i) => ({ id: `b${i}`, name: 'B', domains: ['b.com'] }));
      assertInvalid(JSON.stringify({ brands }), `top level: ${MAX_BRANDS + 1} brands, more than the limit`);
    });

    void it('rejects text that is neither JSON nor YAML', () => {
      assertInvalid('{"brands": [', 'not valid JSON');
      assertInvalid('brands: [\n  - a: b\n   c', 'not valid YAML');
    });

    void it('rejects YAML with unknown tags, YAML 1.1 types, duplicate keys or several documents', () => {
      assertInvalid('brands: !!js/function "return 1"', 'not valid YAML');
      assertInvalid('brands: !custom [a]', 'not valid YAML');
      assertInvalid('brands: !!set {a, b}', 'not valid YAML');
      assertInvalid('brands: []\nbrands: []', 'not valid YAML');
      assertInvalid('brands: []\n---\nbrands: []', 'not valid YAML');
    });

    void it('rejects text longer than MAX_CATALOG_BYTES', () => {
      assertInvalid(' '.repeat(MAX_CATALOG_BYTES + 1), 'text longer than');
    });

    void it('rejects a YAML alias bomb quickly', { timeout: 2000 }, () => {
      const levels = 'abcdefghi';
      const lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
      for (let i = 1; i < levels.length; i++) {
        const prev = levels.charAt(i - 1);
        lines.push(`${levels.charAt(i)}: &${levels.charAt(i)} [${Array(9).fill(`*${prev}`).join(',')}]`);
      }
      lines.push('brands: *i');
      const started = performance.now();
      assertInvalid(lines.join('\n'), 'not valid YAML: Excessive alias count');
      assert.ok(performance.now() - started < 1000, 'rejected within a second');
    });

    void it('rejects deeply nested input without a stack overflow escaping', () => {
      const depth = 200_000;
      assertInvalid(`{"brands": ${'['.repeat(depth)}${']'.repeat(depth)}}`, '');
      assertInvalid(`brands: ${'['.repeat(depth)}${']'.repeat(depth)}`, '');
    });
  });

  void describe('hostile input (property-based)', () => {
    /** parseCatalog either returns a frozen catalog or throws HW_ERR_CATALOG_INVALID, whatever the text. */
    function onlyCatalogOrInvalid(text: string): void {
      let catalog: Catalog;
      try {
        catalog = parseCatalog(text, 'fc');
      } catch (error) {
        assert.ok(error instanceof HookwatchError, `not a HookwatchError: ${String(error)}`);
        assert.equal(error.code, 'HW_ERR_CATALOG_INVALID');
        return;
      }
      assertDeeplyFrozen(catalog);
      for (const brand of catalog.brands) {
        assert.match(brand.id, /^[a-z0-9][a-z0-9_-]{0,63}$/);
        for (const domain of brand.domains) assert.match(domain, /^[a-z0-9.-]+$/);
        for (const keyword of brand.keywords) assert.match(keyword, /^[a-z0-9]{2,63}$/);
      }
    }

    void it('any string', () => {
      fc.assert(fc.property(fc.string(), onlyCatalogOrInvalid), { numRuns: 500 });
      fc.assert(fc.property(fc.string({ unit: 'binary' }), onlyCatalogOrInvalid), { numRuns: 500 });
    });

    void it('any JSON text', () => {
      fc.assert(fc.property(fc.json(), onlyCatalogOrInvalid), { numRuns: 500 });
    });

    void it('catalog-shaped JSON and YAML with arbitrary values', () => {
      const field = fc.oneof(fc.string(), fc.jsonValue(), fc.constantFrom('acme', 'paypal', '__proto__'));
      const domain = fc.oneof(fc.domain(), fc.webUrl(), fc.string(), fc.constantFrom('acme.com', 'co.uk', 'bücher.de'));
      const brand = fc.record(
        {
          id: fc.oneof(field, fc.constantFrom('acme', 'paypal')),
          name: field,
          domains: fc.oneof(fc.array(domain, { maxLength: 4 }), field),
          keywords: fc.oneof(fc.array(fc.oneof(fc.string(), fc.jsonValue()), { maxLength: 4 }), field),
          generic: fc.oneof(fc.boolean(), field),
          extra: fc.jsonValue(),
        },
        { requiredKeys: [] },
      );
      const catalog = fc.record({ brands: fc.array(brand, { maxLength: 4 }) }, { requiredKeys: [] });
      fc.assert(
        fc.property(catalog, (value) => {
          const json = JSON.stringify(value);
          onlyCatalogOrInvalid(json);
          // JSON is YAML flow syntax: with the top-level braces made plain YAML it takes the YAML path.
          onlyCatalogOrInvalid(`brands: ${JSON.stringify(value.brands ?? null)}`);
        }),
        { numRuns: 500 },
      );
    });
  });
});

void describe('loadCatalogFile', () => {
  let dir = '';
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'hookwatch-catalog-'));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  void it('loads a JSON file and a YAML file', async () => {
    const jsonPath = join(dir, 'brands.json');
    const yamlPath = join(dir, 'brands.yaml');
    await writeFile(jsonPath, FIXTURE_JSON);
    await writeFile(yamlPath, `\uFEFF${FIXTURE_YAML}`);
    assert.deepEqual(await loadCatalogFile(jsonPath), FIXTURE_CATALOG);
    assert.deepEqual(await loadCatalogFile(yamlPath), FIXTURE_CATALOG);
  });

  void it('names the file in validation errors', async () => {
    const path = join(dir, 'bad.json');
    await writeFile(path, '{"brands":[{"id":"x"}]}');
    await assert.rejects(loadCatalogFile(path), (error: unknown) =>
      isHookwatchError(error, 'HW_ERR_CATALOG_INVALID', `${path}: brand "x" (#1): field "name" is missing`),
    );
  });

  void it('fails with HW_ERR_CATALOG_UNREADABLE on a missing file', async () => {
    const path = join(dir, 'missing.json');
    await assert.rejects(loadCatalogFile(path), (error: unknown) =>
      isHookwatchError(error, 'HW_ERR_CATALOG_UNREADABLE', `cannot read brand catalog ${path}: ENOENT`),
    );
  });

  void it('fails with HW_ERR_CATALOG_UNREADABLE on a directory', async () => {
    await assert.rejects(loadCatalogFile(dir), (error: unknown) => isHookwatchError(error, 'HW_ERR_CATALOG_UNREADABLE'));
  });

  void it('fails with HW_ERR_CATALOG_UNREADABLE on a file over MAX_CATALOG_BYTES', async () => {
    const path = join(dir, 'huge.json');
    await writeFile(path, '');
    await truncate(path, MAX_CATALOG_BYTES + 1); // sparse: no 8 MiB written
    await assert.rejects(loadCatalogFile(path), (error: unknown) =>
      isHookwatchError(error, 'HW_ERR_CATALOG_UNREADABLE', 'larger than'),
    );
  });

  void it('fails with HW_ERR_CATALOG_INVALID on a file that is not UTF-8', async () => {
    const path = join(dir, 'latin1.json');
    await writeFile(path, Buffer.from([0x7b, 0xe9, 0x7d]));
    await assert.rejects(loadCatalogFile(path), (error: unknown) =>
      isHookwatchError(error, 'HW_ERR_CATALOG_INVALID', 'not valid UTF-8'),
    );
  });
});

void describe('defaultCatalog', () => {
  // Depends on src/catalog/default-catalog.json, written separately: the only test tied to its content.
  void it('loads the built-in catalog: at least 60 brands, frozen', () => {
    const catalog = defaultCatalog();
    assert.ok(catalog.brands.length >= 60, `${catalog.brands.length} brands`);
    assertDeeplyFrozen(catalog);
    assert.deepEqual(defaultCatalog(), catalog);
  });

  void it('names the US toll services that unpaid-toll texts imitate', () => {
    const ids = new Set(defaultCatalog().brands.map((b) => b.id));
    for (const id of ['ezpass', 'sunpass', 'fastrak', 'thetollroads', 'ezdrivema', 'txtag', 'ntta', 'peachpass']) assert.ok(ids.has(id), id);
  });
});
