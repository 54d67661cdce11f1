/**
 * A small, linear scanner over e-mail HTML: the visible text, every link with the text it shows, forms, scripts and
 * tracking pixels. It is not a DOM: no tree, no recursion; one pass over char codes with indexOf, plus one linear
 * regular expression for off-screen CSS (offscreenDeclaration), so a 2 MB document of nested or unclosed tags costs
 * O(n). Input is capped by the caller (MAX_HTML_CHARS). Nothing is ever rendered or fetched.
 */

import { decodeHTML, decodeHTMLAttribute } from 'entities';
import { lowerKeepingIndexes } from '../engine/index.js';

export interface HtmlLink {
  readonly href: string;
  /** The text the reader sees for this link (tags stripped, entities decoded, whitespace collapsed), ≤ 300 chars. */
  readonly text: string;
}

export interface HtmlScan {
  readonly text: string;
  readonly links: readonly HtmlLink[];
  /** Hosts in image sources (remote images), counted once each. */
  readonly imageUrls: readonly string[];
  readonly forms: number;
  /** `action` of each form (empty when none). */
  readonly formActions: readonly string[];
  readonly scripts: number;
  /** Remote images of 1×1 or 0×0 pixels, or hidden: open-tracking beacons. */
  readonly trackingPixels: number;
  readonly passwordInputs: number;
  /** `<meta http-equiv=refresh>` targets: a redirect the moment the HTML is opened. */
  readonly refreshTargets: readonly string[];
  /** The first CSS declaration that moves content out of any reader's sight (offscreenDeclaration), '' when none. */
  readonly offscreenCss: string;
}

const MAX_LINK_TEXT = 300;

/** Attributes read per tag: real mail has a handful; the cap bounds work on a tag of a million attributes. */
const MAX_ATTRIBUTES = 64;

/**
 * Named references of invisible format characters that the analyser drops rather than decodes: `&zwnj;` `&zwj;`
 * (preheader padding in newsletters) and `&shy;` (hyphenation hints in long German or Dutch words). Analysers 1.0–1.2
 * mapped them to nothing, so they never counted as hidden splits in `obfuscated-text`; the lure matcher removes the
 * characters anyway (`normaliseText`). Numeric forms (`&#8204;`, `&#173;`) and raw characters still decode and count,
 * as before. `&shy` without `;` is a legacy reference HTML decodes too. Linear: a fixed alternation, no backtracking.
 */
const DROPPED_NAMED_REFERENCES = /&(?:zwnj;|zwj;|shy;?)/g;

/**
 * Decodes character references in text content as HTML does (WHATWG named references incl. the legacy ones without
 * `;`, decimal and hex, the Windows-1252 remapping of `&#128;`…`&#159;`); unknown ones stay as written. The `entities`
 * decoder is a trie walk over the input: linear, no regular expression over the text.
 */
export function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return decodeHTML(text.replace(DROPPED_NAMED_REFERENCES, ''));
}

/** The same for an attribute value: HTML leaves `&copy=` in a URL's query alone (no legacy references before `=`). */
export function decodeAttribute(text: string): string {
  if (!text.includes('&')) return text;
  return decodeHTMLAttribute(text.replace(DROPPED_NAMED_REFERENCES, ''));
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 12;
}

/** Parses the attributes of a tag body (between the name and `>`). Names lowercased; first occurrence wins. */
function attributes(body: string): Map<string, string> {
  const attrs = new Map<string, string>();
  let i = 0;
  while (i < body.length && attrs.size < MAX_ATTRIBUTES) {
    while (i < body.length && (isSpace(body.charCodeAt(i)) || body.charCodeAt(i) === 47 /* '/' */)) i++;
    const nameStart = i;
    while (i < body.length && !isSpace(body.charCodeAt(i)) && body.charCodeAt(i) !== 61 && body.charCodeAt(i) !== 47) i++;
    if (i === nameStart) { i++; continue; }
    const name = body.slice(nameStart, i).toLowerCase();
    while (i < body.length && isSpace(body.charCodeAt(i))) i++;
    let value = '';
    if (body.charCodeAt(i) === 61 /* '=' */) {
      i++;
      while (i < body.length && isSpace(body.charCodeAt(i))) i++;
      const q = body.charCodeAt(i);
      if (q === 34 || q === 39) {
        const close = body.indexOf(q === 34 ? '"' : "'", i + 1);
        const end = close < 0 ? body.length : close;
        value = body.slice(i + 1, end);
        i = end + 1;
      } else {
        const start = i;
        while (i < body.length && !isSpace(body.charCodeAt(i))) i++;
        value = body.slice(start, i);
      }
    }
    if (!attrs.has(name)) attrs.set(name, decodeAttribute(value));
  }
  return attrs;
}

/**
 * End of a tag whose name ends at `from` (index of its `>`), honouring quoted attribute values; -1 when
 * unterminated. One pass over the tag's own characters: never searches past the tag for a quote that may not exist
 * (that would make a document of many tags quadratic).
 */
function tagEnd(html: string, from: number): number {
  let i = from;
  while (i < html.length) {
    const c = html.charCodeAt(i);
    if (c === 62 /* '>' */) return i;
    if (c === 34 || c === 39) {
      let k = i - 1;
      while (k >= from && isSpace(html.charCodeAt(k))) k--;
      if (k >= from && html.charCodeAt(k) === 61 /* '=' */) {
        const close = html.indexOf(c === 34 ? '"' : "'", i + 1);
        // An unterminated value: the tag ends at the next '>' after the quote, as browsers recover.
        if (close < 0) return html.indexOf('>', i + 1);
        i = close + 1;
        continue;
      }
    }
    i++;
  }
  return -1;
}

/** A '<' that opens a tag, end tag, comment or declaration (a letter, '/', '!' or '?' follows); else it is text. */
function startsTag(html: string, lt: number): boolean {
  const c = html.charCodeAt(lt + 1);
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 47 || c === 33 || c === 63;
}

/** Index of the `</name` that closes a raw-text element (script, style, title), or the end of the document. */
function findClose(html: string, name: string, from: number): number {
  for (let at = html.indexOf('</', from); at >= 0; at = html.indexOf('</', at + 2)) {
    if (html.slice(at + 2, at + 2 + name.length).toLowerCase() === name) return at;
  }
  return html.length;
}

/** Whitespace runs (incl. no-break space) as one space, trimmed. `[\s\u00a0]+` cannot backtrack: linear. */
function collapse(text: string): string {
  return text.replace(/[\s\u00a0]+/g, ' ').trim();
}

function pixelSized(attrs: Map<string, string>): boolean {
  const w = attrs.get('width');
  const h = attrs.get('height');
  if (w !== undefined && h !== undefined && Number.parseInt(w, 10) <= 1 && Number.parseInt(h, 10) <= 1) return true;
  const style = (attrs.get('style') ?? '').toLowerCase().replaceAll(' ', '');
  if (style.includes('display:none') || style.includes('visibility:hidden')) return true;
  return /(?:^|;)width:[01]px/.test(style) && /(?:^|;)height:[01]px/.test(style);
}

/**
 * A distance beyond any real message: the longest newsletters are about 10,000 px tall. Content pushed this far
 * (`margin-top: 470500px`) or this many screens down (`height: 2000vh`) is there for filters, not for the reader:
 * "hidden text salting". Left at -9999 px (the screen-reader-only idiom) stays below it; `text-indent` (the old
 * image-replacement idiom, -99999 px behind a logo) is not among the properties read.
 */
export const OFFSCREEN_MIN_PX = 20_000;
/** The same in viewport units: 1000 vh is ten screens. */
export const OFFSCREEN_MIN_VIEWPORTS = 1_000;
/**
 * Block-layout distances with at least four digits before the unit (smaller ones cannot reach the limits above).
 * Linear: each alternative starts at a fixed property name and the number has bounded repeats.
 */
const LARGE_CSS_DISTANCE = /(?:^|[^a-z-])((?:margin|padding)(?:-top|-bottom)?|top|min-height|height)\s*:\s*-?(\d{4,12})(?:\.\d{1,6})?(px|vh)\b/gi;

/** The first declaration in `css` that places content at least OFFSCREEN_MIN_PX / OFFSCREEN_MIN_VIEWPORTS away, or ''. */
export function offscreenDeclaration(css: string): string {
  LARGE_CSS_DISTANCE.lastIndex = 0;
  for (let m = LARGE_CSS_DISTANCE.exec(css); m !== null; m = LARGE_CSS_DISTANCE.exec(css)) {
    const value = Number(m[2]);
    const unit = (m[3] ?? '').toLowerCase();
    if (unit === 'px' ? value >= OFFSCREEN_MIN_PX : value >= OFFSCREEN_MIN_VIEWPORTS) return `${(m[1] ?? '').toLowerCase()}: ${m[2] ?? ''}${unit}`;
  }
  return '';
}

export function scanHtml(html: string): HtmlScan {
  const text: string[] = [];
  const links: HtmlLink[] = [];
  const imageUrls: string[] = [];
  const formActions: string[] = [];
  const refreshTargets: string[] = [];
  let scripts = 0;
  let trackingPixels = 0;
  let passwordInputs = 0;
  let openLink: { href: string; text: string[] } | null = null;
  let pos = 0; // start of the text not yet emitted
  let search = 0; // where to look for the next '<' (after a '<' that was text)

  const closeLink = (): void => {
    if (openLink === null) return;
    links.push({ href: openLink.href, text: collapse(decodeEntities(openLink.text.join(''))).slice(0, MAX_LINK_TEXT) });
    openLink = null;
  };

  for (;;) {
    // `search` runs ahead of `pos` past '<' that are text; after a tag it restarts where the tag ended.
    search = Math.max(search, pos);
    if (search >= html.length) break;
    const lt = html.indexOf('<', search);
    if (lt >= 0 && !startsTag(html, lt)) { search = lt + 1; continue; }
    const chunk = html.slice(pos, lt < 0 ? html.length : lt);
    if (chunk.length > 0) {
      text.push(chunk);
      if (openLink !== null && openLink.text.length < 64) openLink.text.push(chunk);
    }
    if (lt < 0) break;
    // Comments and declarations.
    if (html.startsWith('<!--', lt)) {
      const close = html.indexOf('-->', lt + 4);
      pos = close < 0 ? html.length : close + 3;
      continue;
    }
    let n = lt + 1;
    const closing = html.charCodeAt(n) === 47;
    if (closing) n++;
    const nameStart = n;
    while (n < html.length) {
      const c = html.charCodeAt(n);
      if (!((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 45 || c === 58)) break;
      n++;
    }
    if (n === nameStart) {
      // Not a tag (`a < b`, `<!DOCTYPE`, `<?xml`): text, or a declaration to skip.
      const c = html.charCodeAt(nameStart);
      if (c === 33 || c === 63) { const gt = html.indexOf('>', lt); pos = gt < 0 ? html.length : gt + 1; continue; }
      pos = lt + 1; // `</` not followed by a name: dropped
      continue;
    }
    const name = html.slice(nameStart, n).toLowerCase();
    const end = tagEnd(html, n);
    if (end < 0) break;
    pos = end + 1;
    if (closing) {
      if (name === 'a') closeLink();
      else if (name === 'p' || name === 'div' || name === 'tr' || name === 'td' || name === 'li' || name === 'table' || name.startsWith('h')) text.push(' ');
      continue;
    }
    if (name === 'br' || name === 'p' || name === 'div' || name === 'td' || name === 'tr' || name === 'li') { text.push(' '); continue; }
    if (name === 'script' || name === 'style' || name === 'title') {
      if (name === 'script') scripts++;
      pos = findClose(html, name, pos);
      continue;
    }
    if (name !== 'a' && name !== 'img' && name !== 'form' && name !== 'input' && name !== 'meta' && name !== 'area' && name !== 'iframe' && name !== 'embed' && name !== 'object') continue;
    const attrs = attributes(html.slice(n, end));
    switch (name) {
      case 'a': case 'area': {
        closeLink();
        const href = (attrs.get('href') ?? '').trim();
        if (href !== '') {
          if (name === 'a') openLink = { href, text: [] };
          else links.push({ href, text: collapse(attrs.get('alt') ?? '') });
        }
        break;
      }
      case 'img': {
        const src = (attrs.get('src') ?? '').trim();
        if (/^https?:/i.test(src)) {
          imageUrls.push(src);
          if (pixelSized(attrs)) trackingPixels++;
        }
        const alt = attrs.get('alt');
        if (alt !== undefined && openLink !== null) openLink.text.push(` ${alt} `);
        break;
      }
      case 'form': formActions.push((attrs.get('action') ?? '').trim()); break;
      case 'input': if ((attrs.get('type') ?? '').toLowerCase() === 'password') passwordInputs++; break;
      case 'meta': {
        if ((attrs.get('http-equiv') ?? '').toLowerCase() === 'refresh') {
          const content = attrs.get('content') ?? '';
          const at = lowerKeepingIndexes(content).indexOf('url=');
          if (at >= 0) refreshTargets.push(content.slice(at + 4).trim().replace(/^['"]|['"]$/g, ''));
        }
        break;
      }
      default: {
        // iframe, embed, object: active content; their sources count as links to judge.
        const src = (attrs.get('src') ?? attrs.get('data') ?? '').trim();
        if (src !== '') links.push({ href: src, text: '' });
        if (name !== 'iframe') scripts++;
      }
    }
  }
  closeLink();
  return {
    text: collapse(decodeEntities(text.join(''))),
    links,
    imageUrls,
    forms: formActions.length,
    formActions,
    scripts,
    trackingPixels,
    passwordInputs,
    refreshTargets,
    offscreenCss: offscreenDeclaration(html),
  };
}
