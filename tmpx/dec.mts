import punycode from 'punycode/punycode.js';
import { skeleton } from '../src/engine/skeleton.js';
for (const d of process.argv.slice(2)) { const u = punycode.toUnicode(d); const l = u.split('.')[0]!; console.log(d, u, [...l].map(c => c.codePointAt(0)!.toString(16)).join(' '), '->', skeleton(l)); }
