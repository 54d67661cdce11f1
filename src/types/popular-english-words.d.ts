// Used only by tools/generate-tables.ts to generate src/engine/generated/words.ts.
declare module 'popular-english-words' {
  export const words: { getMostPopular(count: number): string[] };
}
