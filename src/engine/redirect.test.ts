/**
 * URLs that carry their destination (open redirects, mail-gateway link wrappers, page viewers), through
 * createEngine().check() and forwardsOf(): the destination is judged as an input of its own and said in a `redirect`
 * signal; a redirect is never less risky than where it leads, except under an official domain, which stays official.
 */
import { describe, test } from 'node:test';
import assert from '../test-assert.js';
import fc from 'fast-check';
import { createEngine, forwardsOf, MAX_FORWARD_DEPTH, MAX_FORWARDS, parseInput, type CheckResult, type SignalKind } from './index.js';

const engine = createEngine({
  brands: [
    { id: 'paypal', name: 'PayPal', domains: ['paypal.com'], keywords: ['paypal'] },
    { id: 'amazon', name: 'Amazon', domains: ['amazon.com', 'amazon.co.jp'], keywords: ['amazon'] },
    { id: 'google', name: 'Google', domains: ['google.com', 'youtube.com'], keywords: ['google'] },
    { id: 'microsoft', name: 'Microsoft', domains: ['microsoft.com', 'outlook.com', 'bing.com'], keywords: ['microsoft'] },
  ],
});

const kinds = (r: CheckResult): SignalKind[] => r.signals.map((s) => s.kind);
const show = (r: CheckResult): string => JSON.stringify(r);
const redirect = (r: CheckResult) => r.signals.find((s) => s.kind === 'redirect');
const LOOKALIKE = 'https://paypa1-login.com/signin';
const SEVERITY = ['benign', 'suspicious', 'phishing'];
const base64url = (text: string): string => Buffer.from(text).toString('base64url');

describe('a URL that carries its destination', () => {
  test("an unrelated site's open redirect is as risky as where it leads, and says so", () => {
    const target = engine.check(LOOKALIKE);
    assert.equal(target.verdict, 'phishing', show(target));
    for (const url of [
      `https://disq.us/url?url=${encodeURIComponent(LOOKALIKE)}&cuid=123`,
      `https://t.umblr.com/redirect?z=${encodeURIComponent(LOOKALIKE)}&amp;t=abc`,
      `https://slack-redir.net/link?url=${LOOKALIKE}`,
      `https://href.li/?${LOOKALIKE}`,
      `http://www.example.net/cgi-bin/out.cgi?id=19&u=http:/paypa1-login.com/signin`, // one slash, as kits write it
      `https://disq.us/url?url=${encodeURIComponent(encodeURIComponent(LOOKALIKE))}`, // encoded twice
    ]) {
      const r = engine.check(url);
      assert.equal(r.verdict, 'phishing', show(r));
      assert.equal(r.brand, 'paypal', show(r));
      const signal = redirect(r);
      assert.ok(signal !== undefined && signal.weight === target.score, show(r));
      assert.match(signal.detail, /forwards to https?:\/\/paypa1-login\.com\/signin: judged phishing/, show(r));
    }
    assert.match(redirect(engine.check(`https://disq.us/url?url=${encodeURIComponent(LOOKALIKE)}`))?.detail ?? '', /^its "url" parameter/);
    assert.match(redirect(engine.check(`https://href.li/?${LOOKALIKE}`))?.detail ?? '', /^its query/);
  });

  test('mail-gateway wrappers are read: Proofpoint URL Defense v2 and v3', () => {
    for (const url of [
      'https://urldefense.proofpoint.com/v2/url?u=https-3A__paypa1-2Dlogin.com_signin&d=DwMFaQ&c=abc',
      'https://urldefense.com/v3/__https://paypa1-login.com/signin__;!!AbCdEf!xyz$',
    ]) {
      const r = engine.check(url);
      assert.equal(r.verdict, 'phishing', show(r));
      assert.match(redirect(r)?.detail ?? '', /Proofpoint URL Defense .*forwards to https:\/\/paypa1-login\.com\/signin/, show(r));
    }
  });

  test("an official host's redirect stays official and names where it leads, at weight 0", () => {
    for (const [url, carrier] of [
      [`https://www.google.com/url?sa=t&q=&url=${encodeURIComponent(LOOKALIKE)}&usg=x`, /"url" parameter/],
      ['https://www.google.com/amp/s/paypa1-login.com/signin', /AMP viewer path/],
      [`https://www.youtube.com/redirect?event=comments&q=${encodeURIComponent(LOOKALIKE)}`, /"q" parameter/],
      [`https://www.bing.com/ck/a?!&&p=abc&u=a1${base64url(LOOKALIKE)}&ntb=1`, /Bing's "u" parameter/],
      [`https://eur01.safelinks.protection.outlook.com/?url=${encodeURIComponent(LOOKALIKE)}&data=05%7C01`, /"url" parameter/],
    ] as const) {
      const r = engine.check(url);
      assert.equal(r.verdict, 'official', show(r));
      assert.equal(r.score, 0, show(r));
      const signal = redirect(r);
      assert.ok(signal !== undefined && signal.weight === 0, show(r));
      assert.match(signal.detail, carrier, show(r));
      assert.match(signal.detail, /paypa1-login\.com.*judged phishing \(score \d+, paypal\)/, show(r));
    }
  });

  test("a brand's own address carried by another host is no redirect: it stays evidence in the path", () => {
    const r = engine.check(`http://203.0.113.7/ap/signin?openid.return_to=${encodeURIComponent('https://www.amazon.co.jp/?ref_=nav_signin')}`);
    assert.ok(!kinds(r).includes('redirect'), show(r));
    assert.ok(kinds(r).includes('brand-in-path'), show(r));
    assert.equal(r.brand, 'amazon', show(r));
  });

  test("a way back to the URL's own site forwards nowhere, and a harmless destination adds nothing", () => {
    const own = engine.check(`https://shop.example.com/login?next=${encodeURIComponent('https://www.example.com/basket')}`);
    assert.ok(!kinds(own).includes('redirect'), show(own));
    const r = engine.check(`http://ads.example.net/r?url=${encodeURIComponent('https://www.wikipedia.org/wiki/Phishing')}`);
    assert.equal(r.verdict, 'benign', show(r));
    assert.equal(redirect(r)?.weight, 0, show(r));
    assert.equal(r.score, 0, show(r));
    const slip = engine.check(`https://ads.example.net/r?u=${encodeURIComponent('https://https://paypa1-login.com/')}`);
    assert.ok(!kinds(slip).includes('redirect'), `"https://https://…" leads to no site: ${show(slip)}`);
    const namespace = engine.check(`https://shop.example.com/ap/signin?openid.ns=${encodeURIComponent('http://specs.openid.net/auth/2.0')}&openid_identity=${encodeURIComponent('http://specs.openid.net/auth/2.0/identifier_select')}`);
    assert.ok(!kinds(namespace).includes('redirect'), `OpenID's namespace and identifier name, they do not lead: ${show(namespace)}`);
  });

  test("the words of a risky destination count once, as the destination's", () => {
    const url = 'https://paypal-account.example.xyz/signin/verify';
    const target = engine.check(url);
    assert.ok(kinds(target).includes('lure-word'), show(target));
    const r = engine.check(`https://ads.example.net/r?url=${encodeURIComponent(url)}`);
    assert.deepEqual(kinds(r), ['redirect'], `the lure words and the brand of the carried URL are not the redirect's own too: ${show(r)}`);
    assert.equal(r.score, target.score, show(r));
  });

  test(`redirects inside redirects are followed ${MAX_FORWARD_DEPTH} deep, no further`, () => {
    let url = LOOKALIKE;
    for (let i = 0; i < MAX_FORWARD_DEPTH; i++) url = `https://www.hop${i}.example/r?u=${encodeURIComponent(url)}`;
    const r = engine.check(url);
    assert.equal(r.verdict, 'phishing', show(r));
    const deeper = engine.check(`https://www.hop.example/r?u=${encodeURIComponent(url)}`);
    assert.notEqual(deeper.verdict, 'phishing', `${MAX_FORWARD_DEPTH + 1} hops: the last destination is not judged: ${show(deeper)}`);
  });

  test(`at most ${MAX_FORWARDS} destinations are read from one URL, the riskiest said`, () => {
    const benign = Array.from({ length: MAX_FORWARDS - 1 }, (_, i) => `b${i}=${encodeURIComponent(`https://site${i}.example.org/`)}`);
    const r = engine.check(`https://ads.example.net/r?${benign.join('&')}&u=${encodeURIComponent(LOOKALIKE)}`);
    assert.equal(r.verdict, 'phishing', show(r));
    const parsed = parseInput(`https://ads.example.net/r?${[...benign, ...benign].join('&')}&u=${encodeURIComponent(LOOKALIKE)}`);
    assert.ok(parsed.ok);
    assert.equal(forwardsOf(parsed.subject).length, MAX_FORWARDS);
  });

  test('property: a redirect on an unrelated host is never judged less risky than its destination', () => {
    const label = fc.string({ unit: fc.constantFrom(...Array.from('abcdefghijklmnopqrstuvwxyz0123456789-')), minLength: 1, maxLength: 20 })
      .filter((l) => !l.startsWith('-') && !l.endsWith('-'));
    const destination = fc.tuple(fc.array(label, { minLength: 1, maxLength: 3 }), fc.constantFrom('com', 'xyz', 'co.jp', 'top'), fc.constantFrom('', '/signin', '/account/verify?id=1'))
      .map(([labels, tld, path]) => `https://${labels.join('.')}.${tld}${path}`);
    const wrapper = fc.constantFrom(
      (u: string) => `https://disq.us/url?url=${encodeURIComponent(u)}`,
      (u: string) => `http://news.example.org/click?id=7&target=${encodeURIComponent(u)}`,
      (u: string) => `https://href.li/?${u}`,
    );
    fc.assert(fc.property(destination, wrapper, (url, wrap) => {
      const target = engine.check(url);
      const r = engine.check(wrap(url));
      if (target.verdict === 'error' || target.verdict === 'official') return;
      assert.ok(SEVERITY.indexOf(r.verdict) >= SEVERITY.indexOf(target.verdict), `${show(r)} < ${show(target)}`);
      if (target.verdict !== 'benign') assert.ok(r.score >= target.score, `${show(r)} < ${show(target)}`);
      assert.ok(r.score <= 100);
    }), { numRuns: 300 });
  });

  test('hostile queries end in bounded time and never throw', () => {
    const many = Array.from({ length: 2000 }, (_, i) => `p${i}=${encodeURIComponent('https://a.example.com/')}`).join('&');
    const nested = `https://x.example.net/?u=${'https%253A%252F%252F'.repeat(200)}`;
    const malformed = 'https://disq.us/url?url=https%3A%2F%2F%E0%A4%A&x=%';
    const badBase64 = 'https://www.bing.com/ck/a?u=a1!!!***';
    for (const url of [`https://x.example.net/?${many}`.slice(0, 8000), nested, malformed, badBase64]) {
      const start = performance.now();
      const r = engine.check(url);
      const ms = performance.now() - start;
      assert.ok(['benign', 'suspicious', 'phishing', 'official'].includes(r.verdict), `judged, not an error: ${show(r)}`);
      assert.ok(ms < 1000, `${ms.toFixed(0)} ms for ${url.slice(0, 60)}…`);
    }
  });
});
