/**
 * Links through redirects (analyser 1.9): an official host's redirect (`google.com/url?q=…`, Safe Links) is judged by
 * where it leads; another host's redirect is weighed by the engine itself. Hand-written messages only.
 */
import { describe, test } from 'node:test';
import assert from '../test-assert.js';
import { createMailAnalyser, type EmailAnalysis } from './index.js';
import { CATALOG, eml } from './test-fixtures.js';

const analyser = createMailAnalyser({
  catalog: { brands: [...CATALOG.brands, { id: 'google', name: 'Google', domains: ['google.com'], keywords: ['google'] }, { id: 'microsoft', name: 'Microsoft', domains: ['outlook.com'], keywords: ['microsoft'] }] },
});
const LOOKALIKE = 'https://paypa1-login.com/signin';
const riskyLinks = (r: EmailAnalysis): string[] => r.signals.filter((s) => s.kind === 'risky-link').map((s) => s.detail);

function message(links: readonly string[]): Buffer {
  const anchors = links.map((href, i) => `<a href="${href.replaceAll('&', '&amp;')}">link ${i}</a>`).join(' ');
  return eml(['From: "Anna" <anna@example.net>', 'To: <bob@example.org>', 'Subject: Hello', 'Message-ID: <r@example.net>', 'Content-Type: text/html; charset=utf-8'],
    `<p>Here are the pages we talked about: ${anchors}</p>`);
}

describe('links through redirects', () => {
  test("an official host's redirect is judged by its destination, and says through which host", async () => {
    for (const href of [
      `https://www.google.com/url?sa=t&url=${encodeURIComponent(LOOKALIKE)}&usg=x`,
      `https://eur01.safelinks.protection.outlook.com/?url=${encodeURIComponent(LOOKALIKE)}&data=05%7C01`,
    ]) {
      const r = await analyser.analyse(message([href]));
      const detail = riskyLinks(r);
      assert.equal(detail.length, 1, JSON.stringify(r.signals));
      assert.match(detail[0] ?? '', /^a link to paypa1-login\.com \(through a redirect of [a-z0-9.]+\) is a lookalike/);
      assert.equal(r.brand, 'paypal');
      assert.notEqual(r.verdict, 'benign');
    }
  });

  test('a redirect to a harmless site is no risky link', async () => {
    const r = await analyser.analyse(message([`https://www.google.com/url?q=${encodeURIComponent('https://www.wikipedia.org/wiki/Phishing')}`]));
    assert.deepEqual(riskyLinks(r), []);
  });

  test('every destination of one redirect host is judged, not only the first link to that host', async () => {
    const r = await analyser.analyse(message([
      `https://www.google.com/url?q=${encodeURIComponent('https://www.wikipedia.org/')}`,
      `https://www.google.com/url?q=${encodeURIComponent(LOOKALIKE)}`,
    ]));
    assert.match(riskyLinks(r)[0] ?? '', /paypa1-login\.com/);
    const plainFirst = await analyser.analyse(message(['https://www.google.com/maps', `https://www.google.com/url?q=${encodeURIComponent(LOOKALIKE)}`]));
    assert.match(riskyLinks(plainFirst)[0] ?? '', /paypa1-login\.com/, 'a plain link to the same host first does not hide the redirect');
  });

  test("another host's redirect is weighed by the engine itself", async () => {
    const r = await analyser.analyse(message([`https://disq.us/url?url=${encodeURIComponent(LOOKALIKE)}`]));
    assert.match(riskyLinks(r)[0] ?? '', /^a link to disq\.us is a lookalike or phishing host .*forwards to https:\/\/paypa1-login\.com\/signin/);
  });
});
