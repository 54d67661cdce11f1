/**
 * Input normalisation (parseInput): hostile input is refused with a stable HW_ERR_INPUT_* code, never a throw;
 * everything an analyst or a feed writes for a host (URL, defanged URL, bare host, e-mail address, IDN) is reduced
 * to one lowercase A-label host.
 */
import { describe, test } from 'node:test';
import assert from '../test-assert.js';
import fc from 'fast-check';
import { lowerKeepingIndexes, MAX_INPUT_CHARS, parseInput, type Subject } from './index.js';
import { ERRORS } from '../errors.js';

function parsed(input: string): Subject {
  const r = parseInput(input);
  assert.ok(r.ok, `${JSON.stringify(input)} should parse, got ${JSON.stringify(r)}`);
  return r.subject;
}

function refused(input: string): string {
  const r = parseInput(input);
  assert.ok(!r.ok, `${JSON.stringify(input.slice(0, 80))} should be refused, got ${JSON.stringify(r)}`);
  assert.ok(r.error.message.length > 0);
  return r.error.code;
}

describe('hostile input is refused with a stable code', () => {
  const cases: readonly (readonly [label: string, input: string, code: keyof typeof ERRORS])[] = [
    ['empty', '', 'HW_ERR_INPUT_EMPTY'],
    ['blanks only', '   ', 'HW_ERR_INPUT_EMPTY'],
    ['tabs and newlines only', '\t\r\n ', 'HW_ERR_INPUT_EMPTY'],
    ['10,000 characters', 'a'.repeat(10_000), 'HW_ERR_INPUT_TOO_LONG'],
    ['one character over the limit', `${'a'.repeat(MAX_INPUT_CHARS - 4)}.com!`, 'HW_ERR_INPUT_TOO_LONG'],
    ['invalid punycode', 'xn--zz.com', 'HW_ERR_INPUT_PUNYCODE'],
    ['empty punycode label', 'xn--.com', 'HW_ERR_INPUT_PUNYCODE'],
    ['lone high surrogate', 'pay\uD800pal.com', 'HW_ERR_INPUT_ENCODING'],
    ['lone low surrogate', 'pay\uDC00pal.com', 'HW_ERR_INPUT_ENCODING'],
    ['NUL', 'a\u0000b.com', 'HW_ERR_INPUT_ENCODING'],
    ['other C0 control', 'paypal\u0007.com', 'HW_ERR_INPUT_ENCODING'],
    ['C1 control', 'paypal\u0085.com', 'HW_ERR_INPUT_ENCODING'],
    ['DEL', 'paypal\u007f.com', 'HW_ERR_INPUT_ENCODING'],
    ['replacement characters (undecodable bytes)', '\uFFFD\uFFFD', 'HW_ERR_INPUT_ENCODING'],
    ['javascript: URL', 'javascript:alert(1)', 'HW_ERR_INPUT_SCHEME'],
    ['data: URL', 'data:text/html,<script>', 'HW_ERR_INPUT_SCHEME'],
    ['file: URL', 'file:///etc/passwd', 'HW_ERR_INPUT_SCHEME'],
    ['percent signs', '%%%', 'HW_ERR_INPUT_HOST'],
    ['inner space', 'pay pal.com', 'HW_ERR_INPUT_HOST'],
    ['URL without host', 'http://', 'HW_ERR_INPUT_HOST'],
    ['e-mail address without domain', 'user@', 'HW_ERR_INPUT_HOST'],
  ];
  for (const [label, input, code] of cases) {
    test(`${label} → ${code}`, () => {
      assert.equal(refused(input), code);
    });
  }

  test('the length limit is inclusive: exactly MAX_INPUT_CHARS is judged on its merits', () => {
    const atLimit = `https://example.com/${'a'.repeat(MAX_INPUT_CHARS - 20)}`;
    assert.equal(atLimit.length, MAX_INPUT_CHARS);
    assert.equal(parsed(atLimit).host, 'example.com');
    assert.equal(refused(`${atLimit}a`), 'HW_ERR_INPUT_TOO_LONG');
  });

  test('a line of repeated mailto: schemes up to the length limit is parsed in linear time', () => {
    // Each `mailto:` used to cost a pass over the rest of the line: 8 KiB of them took 50 ms a line, quadratic.
    const line = `${'mailto:'.repeat((MAX_INPUT_CHARS - 12) / 7)} a@paypal.com`;
    assert.ok(line.length <= MAX_INPUT_CHARS);
    assert.equal(parsed(line).host, 'paypal.com');
    assert.equal(parsed('mailto:MAILTO: mailto:a@b.example?x=mailto:').host, 'b.example');
    const start = performance.now();
    for (let i = 0; i < 200; i++) parseInput(line);
    const ms = performance.now() - start;
    assert.ok(ms < 1000, `200 lines took ${ms.toFixed(0)} ms`);
  });

  test('every refusal uses a registered HW_ERR_INPUT_ code', () => {
    fc.assert(fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme' })), (input) => {
      const r = parseInput(input);
      if (r.ok) return;
      assert.match(r.error.code, /^HW_ERR_INPUT_/);
      assert.ok(Object.hasOwn(ERRORS, r.error.code), r.error.code);
    }), { numRuns: 500 });
  });
});

describe('accepted forms', () => {
  test('a defanged URL is refanged', () => {
    const s = parsed('hxxps://paypal[.]com/x');
    assert.equal(s.host, 'paypal.com');
    assert.equal(s.domain, 'paypal.com');
    assert.equal(s.path, '/x');
    assert.equal(s.isUrl, true);
    assert.equal(parsed('paypal(.)com').host, 'paypal.com');
    assert.equal(parsed('paypal[dot]com').host, 'paypal.com');
  });

  test('quotes or angle brackets are taken off (CSV fields, links in text, a From header\'s mailbox)', () => {
    const s = parsed('<https://paypa1.com/x>');
    assert.equal(s.host, 'paypa1.com');
    assert.equal(s.path, '/x');
    assert.equal(parsed('"paypa1.com"').host, 'paypa1.com');
    assert.equal(parsed(" 'paypa1.com' ").host, 'paypa1.com');
    assert.equal(parsed('<hxxps://paypa1[.]com/login>').host, 'paypa1.com');
    // A mailbox as a From header writes it: the address in the last angle brackets.
    assert.equal(parsed('PayPal <service@paypa1.com>').host, 'paypa1.com');
    assert.equal(parsed('"Service <PayPal>" <service@paypa1.com>').host, 'paypa1.com');
    assert.equal(parsed('Sign in here <https://paypa1.com/x>').host, 'paypa1.com');
    assert.equal(parsed('From: PayPal <service@paypa1.com>').host, 'paypa1.com');
    assert.equal(refused('data:text/html,<a@paypa1.com>'), 'HW_ERR_INPUT_SCHEME');
    assert.equal(refused('see <here>'), 'HW_ERR_INPUT_HOST');
    assert.equal(refused('<>'), 'HW_ERR_INPUT_EMPTY');
    // Only one pair around the whole line: a quote inside a URL's host is no host name.
    assert.equal(refused('http://"paypa1.com"/'), 'HW_ERR_INPUT_HOST');
  });

  test('a host holds letters, digits, hyphens, underscores and dots; a wildcard certificate name is judged', () => {
    for (const input of ['http://a!b.com/', 'http://a$b.com/', 'https://pay{pal}.com/', 'http://a~b.com/x']) assert.equal(refused(input), 'HW_ERR_INPUT_HOST');
    const wildcard = parsed('*.paypa1.com');
    assert.equal(wildcard.host, '*.paypa1.com');
    assert.equal(wildcard.domain, 'paypa1.com');
    assert.equal(parsed('_dmarc.paypal.com').domain, 'paypal.com');
  });

  test('ftps: and sftp: hosts are read like an http URL\'s: lowercased, IDN encoded', () => {
    assert.equal(parsed('FTPS://PAYPA1.COM/').host, 'paypa1.com');
    const idn = parsed('sftp://bücher.de/x');
    assert.equal(idn.host, 'xn--bcher-kva.de');
    assert.equal(idn.unicodeHost, 'bücher.de');
    assert.equal(idn.path, '/x');
  });

  test('a URL\'s pathname keeps its case and encoding, without query or fragment; hosts and the root have none', () => {
    const cases: readonly (readonly [input: string, pathname: string])[] = [
      ['https://paypa1.com/Sign%20In/x?case=1#top', '/Sign%20In/x'], ['hxxps://paypa1[.]com/Login', '/Login'],
      ['https://paypa1.com/?x=1', ''], ['paypa1.com', ''], ['http://[2001:db8::1]/Login', '/Login'],
    ];
    for (const [input, pathname] of cases) assert.equal(parsed(input).pathname, pathname, input);
  });

  test('a URL\'s fragment keeps its case and encoding, without its #; hosts and URLs without one have none', () => {
    const cases: readonly (readonly [input: string, fragment: string])[] = [
      ['https://paypa1.com/x#ZXhhbXBsZUBleGFtcGxlLmNvbQ==', 'ZXhhbXBsZUBleGFtcGxlLmNvbQ=='], ['https://paypa1.com/?a=1#Top%20Of', 'Top%20Of'],
      ['https://paypa1.com/x?a=1', ''], ['paypa1.com', ''], ['http://[2001:db8::1]/#Login', 'Login'],
    ];
    for (const [input, fragment] of cases) assert.equal(parsed(input).fragment, fragment, input);
  });

  test('an e-mail address is judged by its domain part', () => {
    const s = parsed('user@paypal.com');
    assert.equal(s.host, 'paypal.com');
    assert.equal(s.userinfo, '');
    assert.equal(parsed('mailto:user@Mail.PayPal.com?subject=x').host, 'mail.paypal.com');
  });

  test('a mailto: URL is echoed as written, like every other input', () => {
    // The address inside it was echoed instead, so a result did not name the line it came from.
    for (const input of ['mailto:user@paypa1-login.com?subject=x', 'mailto:user@example.org', ' mailto:mailto:user@example.org ']) {
      assert.equal(parsed(input).input, input);
    }
  });

  test('host:port/path without a scheme keeps the path', () => {
    const s = parsed('paypal.com:8443/login');
    assert.equal(s.host, 'paypal.com');
    assert.equal(s.path, '/login');
  });

  test('upper-case hosts are lowercased, a trailing dot is dropped, blanks are trimmed', () => {
    assert.equal(parsed('PAYPAL.COM').host, 'paypal.com');
    assert.equal(parsed('WWW.PayPal.Com').host, 'www.paypal.com');
    assert.equal(parsed('HTTPS://WWW.PAYPAL.COM/Login').host, 'www.paypal.com');
    assert.equal(parsed('paypal.com.').host, 'paypal.com');
    assert.equal(parsed('  paypal.com\t').host, 'paypal.com');
  });

  test('an IDN in Unicode becomes its A-label, and the reader-facing form is kept', () => {
    const s = parsed('p\u0430ypal.com');
    assert.equal(s.host, 'xn--pypal-4ve.com');
    assert.equal(s.unicodeHost, 'p\u0430ypal.com');
    assert.equal(s.domain, 'xn--pypal-4ve.com');
    const fromPunycode = parsed('XN--PYPAL-4VE.COM');
    assert.equal(fromPunycode.host, 'xn--pypal-4ve.com');
    assert.equal(fromPunycode.unicodeHost, 'p\u0430ypal.com');
  });

  test('registrable domain, suffix and sub-domain are public-suffix aware', () => {
    const s = parsed('www.tax.service.hmrc.gov.uk');
    assert.equal(s.domain, 'hmrc.gov.uk');
    assert.equal(s.suffix, 'gov.uk');
    assert.equal(s.subdomain, 'www.tax.service');
    assert.equal(s.domainLabel, 'hmrc');
    const platform = parsed('paypal-login.github.io');
    assert.equal(platform.domain, 'paypal-login.github.io');
    assert.equal(platform.privateSuffix, true);
  });

  test('userinfo before the host is separated from it', () => {
    const s = parsed('http://paypal.com@evil.example/');
    assert.equal(s.host, 'evil.example');
    assert.equal(s.userinfo, 'paypal.com');
  });

  test('IPv4 in any notation and IPv6 are IP hosts', () => {
    for (const input of ['http://3232235777/', 'http://0xC0.0xA8.1.1/login', '0300.0250.1.1', '192.168.1.1']) {
      const s = parsed(input);
      assert.equal(s.host, '192.168.1.1', input);
      assert.equal(s.isIp, true, input);
      assert.equal(s.domain, '', input);
    }
    const v6 = parsed('http://[2001:DB8::1]/');
    assert.equal(v6.host, '[2001:db8::1]');
    assert.equal(v6.isIp, true);
  });
});

describe('properties', () => {
  test('lowerKeepingIndexes() keeps every index: same length, and the lower case wherever that keeps it', () => {
    fc.assert(fc.property(fc.string({ unit: fc.oneof(fc.constantFrom('İ', 'ẞ', 'Σ', 'ﬃ', 'K', 'A', 'é', '𐐀', ' ', 'U', 'n', 's', 'u', 'b', 'c', 'r', 'i', 'e'), fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 })), maxLength: 40 }), (text) => {
      const lower = lowerKeepingIndexes(text);
      assert.equal(lower.length, text.length);
      if (text.toLowerCase().length === text.length) assert.equal(lower, text.toLowerCase());
      // Wherever a needle is found in the copy, the original holds it at that very index (the same characters).
      const at = lower.indexOf('unsubscribe');
      if (at >= 0) assert.equal(lowerKeepingIndexes(text.slice(at, at + 11)), 'unsubscribe');
    }), { numRuns: 2000 });
    assert.equal(lowerKeepingIndexes('İİİİ Unsubscribe').indexOf('unsubscribe'), 5);
  });

  test('parseInput never throws, and an accepted host is lowercase ASCII without a trailing dot', () => {
    const decoder = new TextDecoder('utf-8');
    const input = fc.oneof(
      fc.string(),
      fc.string({ unit: 'binary', maxLength: 60 }),
      fc.string({ unit: 'grapheme', maxLength: 60 }),
      fc.uint8Array({ maxLength: 80 }).map((b) => decoder.decode(b)),
      fc.webUrl({ withQueryParameters: true, withFragments: true }),
      fc.domain(),
      // Every scheme judged, in any case, before a host of printable ASCII: the URL standard keeps some schemes'
      // hosts as written (`ftps://PAYPA1.COM`), and lets `"`, `!`, `$` … into hosts that no resolver looks up.
      fc.tuple(fc.constantFrom('http', 'HTTPS', 'ftp', 'ftps', 'FTPS', 'sftp', 'ws', 'wss', 'hxxps'), fc.string({ unit: fc.constantFrom(...Array.from('aZ09.-_*"!$~{}%+,;=\'()')), maxLength: 20 }))
        .map(([scheme, host]) => `${scheme}://${host}/x`),
    );
    fc.assert(fc.property(input, (text) => {
      const r = parseInput(text);
      if (!r.ok) return;
      const { host } = r.subject;
      assert.ok(host.length > 0 && host.length <= 253, `${JSON.stringify(text)} → ${host}`);
      // A DNS name (a wildcard certificate's `*.` first label included) or an IP literal.
      assert.match(host, /^(?:\[[0-9a-f:.]+\]|(?:\*\.)?[a-z0-9_.-]+)$/, `${JSON.stringify(text)} → host ${JSON.stringify(host)} is no DNS name`);
      assert.equal(host, host.toLowerCase(), JSON.stringify(text));
      assert.ok(!host.endsWith('.'), JSON.stringify(text));
      assert.equal(r.subject.input, text);
    }), { numRuns: 600 });
  });

  test('a valid domain name written in any case or with a trailing dot parses to the same host', () => {
    fc.assert(fc.property(fc.domain(), fc.boolean(), fc.boolean(), (domain, upper, dot) => {
      const written = `${upper ? domain.toUpperCase() : domain}${dot ? '.' : ''}`;
      assert.equal(parsed(written).host, domain);
    }), { numRuns: 300 });
  });
});

test('mistyped web schemes are still web links', () => {
  for (const input of ['htps://137.220.233.40/', 'hhttps://anazom.co.ip.example.shop/x', 'ttp://example.com/']) {
    const result = parseInput(input);
    assert.ok(result.ok, input);
  }
  const other = parseInput('gopher://example.com/');
  assert.ok(!other.ok && other.error.code === 'HW_ERR_INPUT_SCHEME');
});
