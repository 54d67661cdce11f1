/**
 * E-mail addresses read out of a URL's path, query and fragment (address.ts): written out, or in base64 in either
 * alphabet, with or without padding; what is not an address is not read as one.
 */
import assert from '../test-assert.js';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { encodedAddressIn, MAX_AT_SIGNS, MAX_DECODED_RUNS, plainAddressIn } from './address.js';

const base64 = (text: string): string => btoa(text);
const unpadded = (text: string): string => btoa(text).replace(/=+$/, '');
const urlSafe = (text: string): string => unpadded(text).replaceAll('+', '-').replaceAll('/', '_');

/** Addresses of the shape kits carry: a local part, then labels ending in a top-level domain of letters. */
const label = fc.stringMatching(/^[a-z0-9](?:[a-z0-9-]{0,10}[a-z0-9])?$/);
const address = fc
  .tuple(fc.stringMatching(/^[a-z0-9][a-z0-9._+-]{0,20}$/), fc.array(label, { minLength: 1, maxLength: 3 }), fc.stringMatching(/^[a-z]{2,6}$/))
  .map(([local, labels, tld]) => `${local}@${labels.join('.')}.${tld}`);

describe('e-mail addresses written out in a URL', () => {
  test('an address in the query, the path or the fragment is read, with its organisation', () => {
    const cases: readonly (readonly [path: string, address: string, organisation: string])[] = [
      ['/login.php?email=jane@acme.com', 'jane@acme.com', 'acme'],
      ['/invoice/email/abcd@gmail.com/', 'abcd@gmail.com', 'gmail'],
      ['/#helpdesk@unil.ch', 'helpdesk@unil.ch', 'unil'],
      ['/ap@processpipingmaterials.com.invoice5253924_open/', 'ap@processpipingmaterials.com', 'processpipingmaterials'],
      ['/?key=example@example.or.jp', 'example@example.or.jp', 'example'],
      ['/?u=jane.doe+tag@mail.acme.co.uk.', 'jane.doe+tag@mail.acme.co.uk', 'acme'],
    ];
    for (const [path, expected, organisation] of cases) {
      const found = plainAddressIn(path);
      assert.ok(found !== null, path);
      assert.equal(found.address, expected, path);
      assert.equal(found.organisation, organisation, path);
      assert.equal(found.encoded, '', path);
    }
  });

  test('handles, URLs\' user names, versions and redacted placeholders are not addresses', () => {
    for (const path of [
      '/@gargron@mastodon.social', '/?next=https://jane@evil.example/', '/npm/react@18.2.0/index.js', '/@scope/pkg',
      '/$3mail@b.c', '/a@b', '/@acme.com', '/login?user=@acme.com', `/${'a'.repeat(70)}@acme.com`,
    ]) {
      assert.equal(plainAddressIn(path), null, path);
    }
  });

  test(`at most ${MAX_AT_SIGNS} @ signs are looked at: an address after that many handles is not looked for`, () => {
    assert.equal(plainAddressIn(`${'/@jane'.repeat(MAX_AT_SIGNS - 1)}/?to=jane@acme.com`)?.address, 'jane@acme.com');
    assert.equal(plainAddressIn(`${'/@jane'.repeat(MAX_AT_SIGNS)}/?to=jane@acme.com`), null);
  });

  test('any address is read back from any place in a path', () => {
    fc.assert(fc.property(address, fc.constantFrom('/?email=', '/x/', '/#', '/a?b=1&to='), fc.constantFrom('', '&x=1', '/', '#top'), (a, before, after) => {
      assert.equal(plainAddressIn(`${before}${a}${after}`)?.address, a);
    }));
  });
});

describe('e-mail addresses written in base64', () => {
  test('read in either alphabet, padded or not, with a trailing line break, wherever kits put them', () => {
    const cases: readonly (readonly [text: string, address: string, encoded: string])[] = [
      [`/ov!MS4rx405rJ9A/*${base64('teckman@paramountcontracting.biz')}`, 'teckman@paramountcontracting.biz', base64('teckman@paramountcontracting.biz')],
      [`oi=${unpadded('jane@uni-example.de')}`, 'jane@uni-example.de', unpadded('jane@uni-example.de')],
      [`em=${base64('contact@example-cabins.com\n')}`, 'contact@example-cabins.com', base64('contact@example-cabins.com\n')],
      [`tokenUCVVTC8WDY=${base64('9066717@ea.edin.sch.uk')}`, '9066717@ea.edin.sch.uk', base64('9066717@ea.edin.sch.uk')],
      [`/x/${urlSafe('Jane.Doe@Acme.com')}`, 'jane.doe@acme.com', urlSafe('Jane.Doe@Acme.com')],
    ];
    for (const [text, expected, encoded] of cases) {
      const found = encodedAddressIn(text);
      assert.ok(found !== null, text);
      assert.equal(found.address, expected, text);
      assert.equal(found.encoded, encoded, text);
    }
  });

  test('base64 of anything else, hex ids, words and short runs are not addresses', () => {
    for (const text of [
      base64('https://example.com/login'), base64('not an address at all'), base64('jane@'), base64('@acme.com'),
      'e37ffdec11c0245cb2e337238e37ffdec11c0245cb2e0', 'YWJj', '/Login/AccountVerification/', base64('jane.doe@acme.c'),
    ]) {
      assert.equal(encodedAddressIn(text), null, text);
    }
  });

  test('any address is read back from its base64 among other runs', () => {
    // MIN_ENCODED_ADDRESS_CHARS: nine bytes (`a@acme.io`) or more.
    fc.assert(fc.property(address.filter((a) => a.length >= 9), fc.boolean(), fc.constantFrom('/', '?e=', '#', '/$', '/*'), (a, pad, before) => {
      const encoded = pad ? base64(a) : unpadded(a);
      const found = encodedAddressIn(`/docs/x9Fq2${before}${encoded}&z=1`);
      assert.ok(found !== null);
      assert.equal(found.address, a);
      assert.equal(found.encoded, encoded);
    }));
  });

  test(`at most ${MAX_DECODED_RUNS} runs are decoded: an address after that many other runs is not looked for`, () => {
    const other = base64('not an address at all');
    const hidden = base64('jane@acme.com');
    assert.equal(encodedAddressIn(`${`/${other}`.repeat(MAX_DECODED_RUNS - 1)}/${hidden}`)?.address, 'jane@acme.com');
    assert.equal(encodedAddressIn(`${`/${other}`.repeat(MAX_DECODED_RUNS)}/${hidden}`), null);
  });

  test('random text never throws', () => {
    fc.assert(fc.property(fc.string({ maxLength: 400 }), (text) => {
      encodedAddressIn(text);
      plainAddressIn(text.toLowerCase());
    }));
  });
});
