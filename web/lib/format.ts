/** How attacker-controlled values are shown (SECURITY.md PA-12 and the console's defanging). */

/** Code point ranges never shown raw: controls, bidi controls, zero-width and invisible fillers, variation selectors. */
const INVISIBLE_RANGES: readonly (readonly [number, number])[] = [
  [0x0000, 0x001f], [0x007f, 0x009f], [0x00ad, 0x00ad], [0x061c, 0x061c], [0x115f, 0x1160], [0x17b4, 0x17b5],
  [0x180b, 0x180f], [0x200b, 0x200f], [0x202a, 0x202e], [0x2060, 0x206f], [0x3164, 0x3164], [0xfe00, 0xfe0f],
  [0xfeff, 0xfeff], [0xffa0, 0xffa0], [0xfff0, 0xfff8], [0xe0000, 0xe007f],
];

function invisible(codePoint: number): boolean {
  return INVISIBLE_RANGES.some(([low, high]) => codePoint >= low && codePoint <= high);
}

/** Bidi controls and invisible characters shown as `<U+202E>`, so `invoice\u202Efdp.exe` cannot pose as `…exe.pdf`. */
export function showInvisible(text: string): string {
  let out = '';
  for (const c of text) {
    const codePoint = c.codePointAt(0) ?? 0;
    out += invisible(codePoint) ? `<U+${codePoint.toString(16).toUpperCase().padStart(4, '0')}>` : c;
  }
  return out;
}

/**
 * A URL or host made unclickable and unmistakably not-a-link: `hxxps://paypa1[.]com/login`. Applied after
 * showInvisible, so a hidden character cannot break the defanging.
 */
export function defang(value: string): string {
  return showInvisible(value)
    .replace(/^(h)(tt)(ps?)(:)/i, (_m, h: string, _t: string, p: string, colon: string) => `${h}xx${p}${colon}`)
    .replace(/^(f)(t)(p:)/i, '$1x$3')
    .replaceAll('.', '[.]')
    .replaceAll('@', '[@]');
}

export function shortTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toISOString().replace('T', ' ').slice(0, 16) + ' UTC';
}

export function ago(iso: string, now: number = Date.now()): string {
  const seconds = Math.round((now - new Date(iso).getTime()) / 1000);
  if (!Number.isFinite(seconds)) return iso;
  if (seconds < 60) return 'just now';
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ago`;
  if (seconds < 86_400) return `${Math.floor(seconds / 3600)} h ago`;
  return `${Math.floor(seconds / 86_400)} d ago`;
}
