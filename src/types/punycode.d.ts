// punycode ships no types for its ESM entry; the engine imports it directly to avoid Node's deprecated builtin.
declare module 'punycode/punycode.js' {
  interface Punycode {
    readonly version: string;
    decode(input: string): string;
    encode(input: string): string;
    toASCII(domain: string): string;
    toUnicode(domain: string): string;
  }
  const punycode: Punycode;
  export default punycode;
}
