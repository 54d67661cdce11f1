/**
 * The engine's shipped knowledge and its weighting rules, through createEngine().check(): well-known sites, cloud
 * infrastructure, hosting platforms, closed brand TLDs, lure tiers and the caveats it states. Verdict classes, brands
 * and signal kinds only: no weights are pinned.
 */
import { describe, test } from 'node:test';
import assert from '../test-assert.js';
import { createEngine, type CheckResult, type SignalKind } from './index.js';

const engine = createEngine({
  brands: [
    { id: 'paypal', name: 'PayPal', domains: ['paypal.com'], keywords: ['paypal'] },
    { id: 'amazon', name: 'Amazon', domains: ['amazon.com'], keywords: ['amazon'] },
    { id: 'smbc-bank', name: 'SMBC Bank', domains: ['smbc.co.jp'], keywords: ['smbc'] },
    { id: 'smbc-card', name: 'SMBC Card', domains: ['smbc-card.com'], keywords: ['smbc'] },
    { id: 'rakuten', name: 'Rakuten', domains: ['rakuten.co.jp'], keywords: ['rakuten'] },
    { id: 'microsoft', name: 'Microsoft', domains: ['microsoft.com'], keywords: ['microsoft'] },
  ],
});

const flagged = (r: CheckResult): boolean => r.verdict === 'phishing' || r.verdict === 'suspicious';
const kinds = (r: CheckResult): SignalKind[] => r.signals.map((s) => s.kind);
const show = (r: CheckResult): string => JSON.stringify(r);

describe('shipped knowledge', () => {
  test('a popular site is benign and says why', () => {
    const r = engine.check('www.wikipedia.org');
    assert.equal(r.verdict, 'benign', show(r));
    assert.deepEqual(kinds(r), ['well-known-site']);
  });

  test("a CDN host carrying a brand's name is infrastructure, not impersonation", () => {
    for (const host of ['www.paypal.com.edgekey.net', 'microsoft.com.b-0005.b-msedge.net']) {
      const r = engine.check(host);
      assert.equal(r.verdict, 'benign', show(r));
      assert.ok(kinds(r).includes('well-known-site'), show(r));
    }
  });

  test('a customer name under cloud infrastructure (PSL private entry of a well-known domain) is not judged as a page', () => {
    const r = engine.check('ak8s-prod-nlb-a5d13a79e36941b5.elb.us-east-1.amazonaws.com');
    assert.equal(r.verdict, 'benign', show(r));
  });

  test('a page on a hosting platform is judged by its own name', () => {
    for (const host of ['paypal-login-verify.weebly.com', 'paypal-secure.pages.dev', 'paypal-account.web.app']) {
      const r = engine.check(host);
      assert.ok(flagged(r) && r.brand === 'paypal', show(r));
      assert.ok(kinds(r).includes('user-content-host'), show(r));
    }
  });

  test("Blogger's country domains, Unbounce's page paths, DDNSS and goo.su are platforms of their kind (engine 1.36)", () => {
    const cases: readonly (readonly [input: string, kind: SignalKind])[] = [
      ['paypal-login-verify.blogspot.tw', 'user-content-host'], ['paypal-login-verify.blogspot.com.br', 'user-content-host'],
      ['https://unbouncepages.com/paypal-protected-verify-code/', 'user-content-host'],
      ['paypal-login-verify.ddnss.eu', 'dynamic-dns'], ['https://goo.su/paypal-login', 'url-shortener'],
    ];
    for (const [input, kind] of cases) {
      const r = engine.check(input);
      assert.ok(flagged(r) && r.brand === 'paypal', show(r));
      assert.ok(kinds(r).includes(kind), show(r));
    }
  });

  test("a platform's top-level domain is the platform's choice, not its customer's: no risky-tld under one", () => {
    for (const host of ['mybakery.tiiny.site', 'mybakery.studio.site', 'mybakery.temporary.site']) {
      const r = engine.check(host);
      assert.ok(!flagged(r) && !kinds(r).includes('risky-tld') && kinds(r).includes('user-content-host'), show(r));
    }
    assert.ok(kinds(engine.check('mybakery.site')).includes('risky-tld'), show(engine.check('mybakery.site')));
  });

  test('brand names inside the path of a path-based platform count', () => {
    const r = engine.check('https://ipfs.io/ipfs/bafybeigd/paypal-login.html');
    assert.equal(r.brand, 'paypal', show(r));
    assert.ok(kinds(r).includes('brand-in-path'), show(r));
  });

  test('a name under a closed brand TLD belongs to the brand', () => {
    const r = engine.check('teams.cloud.microsoft');
    assert.equal(r.verdict, 'benign', show(r));
    assert.ok(kinds(r).includes('well-known-site'), show(r));
  });

  test('random machine names on platforms that generate names are not evidence', () => {
    const r = engine.check('d1ggcvsnhxqido.cloudfront.net');
    assert.ok(!kinds(r).includes('random-label'), show(r));
    assert.equal(r.verdict, 'benign', show(r));
  });
});

describe("a well-known site's domain copied into another host (site-in-subdomain)", () => {
  test('dots kept or turned into hyphens, in the sub-domain or running into the registrable label: suspicious, no brand', () => {
    for (const [host, copied] of [['olx-pl.onsfan.pics', 'olx-pl'], ['www.tesco.com-offir.club', 'tesco.com'], ['login.olx.pl.example.com', 'olx.pl'], ['www2.mercari.com.verify.example.net', 'mercari.com']] as const) {
      const r = engine.check(host);
      assert.ok(flagged(r), show(r));
      assert.equal(r.brand, null, show(r));
      assert.match(r.signals.find((s) => s.kind === 'site-in-subdomain')?.detail ?? '', new RegExp(`"${copied}"`), show(r));
    }
  });

  test("a catalog brand's official domain whose label is no keyword (Meta's meta.com under `facebook`) is brand-in-subdomain", () => {
    const meta = createEngine({ brands: [{ id: 'facebook', name: 'Facebook', domains: ['facebook.com', 'meta.com'], keywords: ['facebook'] }] });
    for (const host of ['login.meta.com.example.net', 'accountscenter.meta.com-helpcenter.co']) {
      const r = meta.check(host);
      assert.ok(flagged(r), show(r));
      assert.equal(r.brand, 'facebook', show(r));
      assert.match(r.signals.find((s) => s.kind === 'brand-in-subdomain')?.detail ?? '', /domain "meta[.-]com"/, show(r));
    }
    // The name alone is not the domain; hyphenated, an ordinary word (`meta-com`) may be anyone's.
    for (const host of ['meta.example.net', 'meta-com.example.org']) assert.equal(meta.check(host).verdict, 'benign', show(meta.check(host)));
  });

  test('the site itself, its name alone, or a catalog brand (judged as brand-in-subdomain) are not', () => {
    for (const host of ['login.tesco.com', 'olx.example.com', 'tesco.example.com', 'shop-olx.example.com']) {
      assert.ok(!kinds(engine.check(host)).includes('site-in-subdomain'), show(engine.check(host)));
    }
    const brand = engine.check('amazon.com.example.net');
    assert.ok(kinds(brand).includes('brand-in-subdomain') && !kinds(brand).includes('site-in-subdomain'), show(brand));
  });

  test("CDNs and edge networks name customers' origins after their domains: a caveat, not suspicious", () => {
    for (const host of ['tesco.com.cdn-x.net', 'sharepoint.com.dual-spo-0005.spo-msedge.net']) {
      const r = engine.check(host);
      assert.equal(r.verdict, 'benign', show(r));
      assert.match(r.signals.find((s) => s.kind === 'site-in-subdomain')?.caveat ?? '', /CDN or edge network/, show(r));
    }
    // "edge" only ends a network's name: a kit's `edgemasterint` is none.
    assert.ok(flagged(engine.check('tesco.com-recaptcha.edgemasterint.com')), show(engine.check('tesco.com-recaptcha.edgemasterint.com')));
  });
});

describe('weighting rules', () => {
  test('credential lures weigh more than context words', () => {
    const credential = engine.check('secure-login-verify.com');
    const context = engine.check('cloud-mobile.com');
    assert.ok(flagged(credential), show(credential));
    assert.equal(context.verdict, 'benign', show(context));
  });

  test('overlapping forms of one lure word count once', () => {
    const r = engine.check('name-services.com');
    assert.equal(r.verdict, 'benign', show(r));
  });

  test('web3 drainer vocabulary with an abused TLD is suspicious', () => {
    const r = engine.check('claim-airdrop.xyz');
    assert.ok(flagged(r), show(r));
  });

  test('a country-suffix TLD swap names the brand and states a caveat instead of flagging alone', () => {
    const r = engine.check('paypal.de');
    assert.equal(r.brand, 'paypal', show(r));
    const swap = r.signals.find((s) => s.kind === 'tld-swap');
    assert.ok(swap?.caveat !== undefined && swap.caveat.length > 0, show(r));
    assert.equal(r.verdict, 'benign', show(r));
  });

  test('a brand name glued to ordinary words is reported with a caveat, not flagged', () => {
    const r = engine.check('amazonmusic.com');
    assert.equal(r.verdict, 'benign', show(r));
    assert.ok(r.signals.some((s) => s.kind === 'combosquat' && s.caveat !== undefined), show(r));
  });

  test('domain-shaped pieces next to a brand copy its official domain', () => {
    const r = engine.check('rakuten-co-jp.cloud');
    assert.ok(flagged(r) && r.brand === 'rakuten', show(r));
  });

  test('brands sharing a keyword are told apart by their other name parts', () => {
    assert.equal(engine.check('smbc.card.example-login.cn').brand, 'smbc-card');
    assert.equal(engine.check('smbc-cardi.cyou').brand, 'smbc-card');
    // In the path as in the host (engine 1.23): `/smbc/` on a host that speaks of a card.
    const path = engine.check('https://sndc-card.com.k9bd70.cn/smbc/smbcupdatebill.php');
    assert.ok(path.brand === 'smbc-card' && kinds(path).includes('brand-in-path'), show(path));
    assert.equal(engine.check('https://k9bd70.cn/smbc/smbcupdatebill.php').brand, 'smbc-bank');
  });

  test('when nothing tells brands sharing a keyword apart, the detail says so', () => {
    for (const host of ['smbc-login.xyz', 'login.smbc.k94nvl.xyz']) {
      const r = engine.check(host);
      assert.ok(flagged(r) && r.brand === 'smbc-bank', show(r));
      assert.ok(r.signals.some((s) => s.detail.endsWith('; "smbc" is also SMBC Card\'s name, and nothing in the input tells them apart')), show(r));
    }
    for (const host of ['smbc.card.example-login.cn', 'paypal-login.xyz']) {
      assert.ok(!engine.check(host).signals.some((s) => s.detail.includes('is also')), show(engine.check(host)));
    }
  });

  test('an ASCII letter fold (i/l) of a long name is a homoglyph; of a short name it is only noted', () => {
    const long = engine.check('paypai.com');
    assert.ok(flagged(long) && long.brand === 'paypal' && kinds(long).includes('homoglyph'), show(long));
    const short = engine.check('smbo.com');
    assert.ok(!flagged(short), show(short));
  });
});
