/**
 * hookwatch's detection engine: pure functions and precomputed indexes, no I/O. Importable on its own:
 *   import { createEngine } from 'hookwatch/engine';
 *   const engine = createEngine({ brands: [...] });
 *   engine.check('http://paypa1.com/signin');  // { verdict: 'phishing', brand: 'paypal', signals: [...] }
 */
export { createEngine, ENGINE_VERSION, PHISHING_SCORE, scoreOf, SUSPICIOUS_SCORE, verdictOf, WEIGHTS, type Engine } from './engine.js';
export { forwardsOf, MAX_FORWARD_DEPTH, MAX_FORWARDS, type Forward } from './redirect.js';
export { generatePermutations, MAX_PERMUTATIONS, PERMUTATION_TECHNIQUES } from './permutations.js';
export { lowerKeepingIndexes, parseInput, safeDecode, MAX_INPUT_CHARS, type Subject } from './subject.js';
export { skeleton } from './skeleton.js';
export { isCommonWord } from './words.js';
export { WELL_KNOWN_DOMAINS } from './data/well-known.js';
export type * from './types.js';
