/**
 * Character references in e-mail HTML, decoded with the `entities` package (WHATWG rules) and the analyser's one
 * policy on top: named references of invisible format characters (`&zwnj;` `&zwj;` `&shy;`) decode to nothing.
 * Hand-written fixtures only.
 */
import { describe, test } from 'node:test';
import assert from '../test-assert.js';
import { decodeAttribute, decodeEntities, offscreenDeclaration, OFFSCREEN_MIN_PX, scanHtml } from './html.js';
import { normaliseText } from './phrases.js';
import { scriptTricks } from './analyse.js';
import { createMailAnalyser } from './index.js';
import { CATALOG, eml } from './test-fixtures.js';

describe('decodeEntities', () => {
  test('named (HTML 4 and HTML5), decimal, hex; accented letters of pt, de, fr, es', () => {
    assert.equal(decodeEntities('transa&ccedil;&atilde;o &Uuml;berweisung &eacute;t&eacute; se&ntilde;or'), 'transação Überweisung été señor');
    assert.equal(decodeEntities('&hellip;&mdash;&euro;&trade;&bull; &NotEqualTilde; &#252; &#xFC; &#XFC;'), '…—€™• ≂̸ ü ü ü');
    assert.equal(decodeEntities('&rsquo;s &lsquo;x&rsquo; &ldquo;y&rdquo;'), '’s ‘x’ “y”');
    assert.equal(normaliseText(decodeEntities('don&rsquo;t')), "don't");
  });

  test('as HTML does: legacy references without ";" in text, Windows-1252 remap, NUL and surrogates replaced', () => {
    assert.equal(decodeEntities('AT&amp T &copy 2024'), 'AT& T © 2024');
    assert.equal(decodeEntities('&#128; &#x96;'), '€ –');
    assert.equal(decodeEntities('&#0; &#xD800; &#x110000;'), '\uFFFD \uFFFD \uFFFD');
  });

  test('unknown or unterminated references stay as written', () => {
    assert.equal(decodeEntities('&bogusname; & &; &#; &#x; R&D'), '&bogusname; & &; &#; &#x; R&D');
    assert.equal(decodeEntities('no ampersand'), 'no ampersand');
  });

  test('attribute values: no legacy reference before "=" (a URL query keeps &copy=)', () => {
    assert.equal(decodeAttribute('https://x.example/?a=1&copy=2&amp;b=3'), 'https://x.example/?a=1&copy=2&b=3');
    assert.equal(decodeEntities('?a=1&copy=2'), '?a=1©=2');
  });

  test('named zwnj/zwj/shy decode to nothing (as analysers 1.0–1.2); numeric forms decode to the character', () => {
    assert.equal(decodeEntities('Kunden&shy;service &zwnj;&nbsp;&zwnj; Pay&zwj;Pal &shyness'), 'Kundenservice \u00a0 PayPal ness');
    assert.equal(decodeEntities('Pay&#8204;Pal Kunden&#173;dienst'), 'Pay\u200cPal Kunden\u00addienst');
  });
});

describe('what the signals see after decoding', () => {
  test('named soft hyphens are no hidden split; numeric ones are, and the lure matcher ignores both', () => {
    const named = scanHtml('<p>Konto&shy;sperrung Pass&shy;wort Kunden&shy;service</p>').text;
    assert.equal(scriptTricks(named).hiddenSplits, 0);
    const numeric = scanHtml('<p>Konto&#173;sperrung Pass&#173;wort Kunden&#173;service</p>').text;
    assert.equal(scriptTricks(numeric).hiddenSplits, 3);
    assert.equal(normaliseText(numeric), normaliseText(named));
    assert.equal(normaliseText(named), 'kontosperrung passwort kundenservice');
  });

  test('bidi marks and the combining grapheme joiner hide inside words too, and the lure matcher ignores them', () => {
    const text = scanHtml('<p>P&#8207;&#8206;le&#8207;ase up&#8206;da&#847;te your pay&#8207;ment</p>').text;
    assert.equal(scriptTricks(text).hiddenSplits, 5);
    assert.equal(normaliseText(text), 'please update your payment');
    // Right-to-left marks between Hebrew words, and a variation selector after an emoji, split no Latin word.
    assert.equal(scriptTricks('\u05e9\u05dc\u05d5\u05dd\u200f \u05e2\u05d5\u05dc\u05dd \u2764\ufe0f ok').hiddenSplits, 0);
  });

  test('a link text and href decode; an obfuscated lure still matches (es, fr)', async () => {
    const scan = scanHtml('<a href="https://x.example/?q=1&amp;r=2">Verif&iacute;&#x71;ue</a>');
    assert.deepEqual(scan.links, [{ href: 'https://x.example/?q=1&r=2', text: 'Verifíque' }]);
    const analyser = createMailAnalyser({ catalog: CATALOG });
    const r = await analyser.analyse(eml(['From: Banque <x@banque.example>', 'To: <anna@example.org>', 'Subject: Avis', 'Content-Type: text/html; charset=utf-8'],
      '<p>V&eacute;rifiez votre compte&zwnj; imm&eacute;diatement, sinon votre compte sera suspendu.</p>'));
    assert.ok(r.signals.some((s) => s.kind === 'credential-lure' || s.kind === 'threat'), JSON.stringify(r.signals));
    assert.ok(!r.signals.some((s) => s.kind === 'obfuscated-text'));
  });
});

describe('offscreenDeclaration: content moved out of any reader\'s sight', () => {
  test('margins, paddings, tops and heights of tens of thousands of pixels or of 1000+ screens', () => {
    assert.equal(offscreenDeclaration('.belowView { margin-top: 470500px; /* Adjust value as needed */ }'), 'margin-top: 470500px');
    assert.equal(offscreenDeclaration('.wrapper { display: flex; height: 2000vh; }'), 'height: 2000vh');
    assert.equal(offscreenDeclaration('<div style="position:absolute;TOP:-25000PX">x</div>'), 'top: 25000px');
    assert.equal(offscreenDeclaration(`p{padding-bottom:${OFFSCREEN_MIN_PX}.5px}`), `padding-bottom: ${OFFSCREEN_MIN_PX}px`);
  });

  test('ordinary layout and the usual hiding idioms are not', () => {
    for (const css of [
      'body{width:600px;height:100vh;margin:0 auto}',
      '.sr-only{position:absolute;left:-9999px;top:-9999px}', // screen-reader-only text
      '.logo{text-indent:-99999px}', // image replacement behind a logo
      '.pre{display:none;max-height:0;line-height:50000px}', // preheaders; line-height is not a placement
      `.x{margin-top:${OFFSCREEN_MIN_PX - 1}px;min-height:999vh}`,
      'Call 0800 123456px or see section 20000vh', // not a declaration
    ]) assert.equal(offscreenDeclaration(css), '', css);
  });

  test('scanHtml reports the first one, from a style element or a style attribute', () => {
    assert.equal(scanHtml('<style>.a{margin-top:470500px}</style><p>Hello</p>').offscreenCss, 'margin-top: 470500px');
    assert.equal(scanHtml('<div style="height: 3000vh"></div><p style="margin-top:90000px">x</p>').offscreenCss, 'height: 3000vh');
    assert.equal(scanHtml('<p style="margin:10px">Hello</p>').offscreenCss, '');
  });
});
