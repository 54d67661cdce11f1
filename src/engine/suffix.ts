/**
 * Public-suffix split of a clean lowercase host name: where its public suffix (`co.uk`, `github.io`) starts and
 * whether the rule that matched is a private (platform) one. The same answer as tldts `parse(host,
 * { allowPrivateDomains: true })` for such hosts, from the same rules (generated/public-suffixes.ts is compiled
 * from tldts's own trie); a property test checks the two agree on random and real hosts.
 *
 * Why hand-written: tldts.parse() costs about 0.25 µs per host (a fresh options object, two trie walks, a result
 * object and four substrings), nearly a tenth of check() on the bench's hosts. The engine needs only two numbers
 * on its hot path, and builds its substrings from them.
 *
 * Design note: the rules are a set of tree nodes, each node the dot-joined labels of a rule or of the tail of one
 * (`uk`, `co.uk`), keyed by a polynomial hash of the node's text read right to left and cut to 30 bits (a small
 * integer for V8). split() reads the host once from the right, keeping the hash of host[i, end); at each label
 * start it probes the node map and verifies the candidate char by char, so a collision costs a comparison, never a
 * wrong answer. Rule trees are prefix-closed, so the first label that is no node ends the walk, except that a
 * wildcard rule (`*.ck`) matches any one label below its parent (the generator checks that `*` is only ever a
 * rule's leftmost label). Exception rules (`!www.ck`) are walked first, as tldts does, and strip their own
 * leftmost label. The tables are built on first use (about 11,000 rules, a few milliseconds), once per process.
 */
import { ICANN_SUFFIXES, PRIVATE_SUFFIXES, SUFFIX_EXCEPTIONS } from './generated/public-suffixes.js';

const B = 0x01000193;
const SMI_HASH_MASK = 0x3fffffff;

/** Node flags: the node is a rule (ICANN or private), or the parent of a wildcard rule of that section. */
const RULE_ICANN = 1;
const RULE_PRIVATE = 2;
const WILDCARD_ICANN = 4;
const WILDCARD_PRIVATE = 8;
/** The node is an exception rule (`www.ck`): all of them are ICANN rules under a wildcard, without children. */
const EXCEPTION = 16;

interface SuffixNode {
  readonly text: string;
  flags: number;
}

type NodeMap = Map<number, SuffixNode[]>;

function hashOf(text: string): number {
  let h = 0;
  for (let i = text.length - 1; i >= 0; i--) h = (Math.imul(h, B) + text.charCodeAt(i)) | 0;
  return h & SMI_HASH_MASK;
}

function nodeOf(map: NodeMap, text: string): SuffixNode {
  const h = hashOf(text);
  let bucket = map.get(h);
  if (bucket === undefined) {
    bucket = [];
    map.set(h, bucket);
  }
  let node = bucket.find((n) => n.text === text);
  if (node === undefined) {
    node = { text, flags: 0 };
    bucket.push(node);
  }
  return node;
}

/** Adds a rule's node, its wildcard mark and every tail of it (the tree's inner nodes). */
function addRules(map: NodeMap, rules: string, rule: number, wildcard: number): void {
  for (const line of rules.split('\n')) {
    if (line.length === 0) continue;
    const text = line.startsWith('*.') ? line.slice(2) : line;
    nodeOf(map, text).flags |= line === text ? rule : wildcard;
    for (let dot = text.indexOf('.'); dot >= 0; dot = text.indexOf('.', dot + 1)) nodeOf(map, text.slice(dot + 1));
  }
}

let nodeMap: NodeMap | undefined;

function nodes(): NodeMap {
  if (nodeMap === undefined) {
    nodeMap = new Map();
    addRules(nodeMap, ICANN_SUFFIXES, RULE_ICANN, WILDCARD_ICANN);
    addRules(nodeMap, PRIVATE_SUFFIXES, RULE_PRIVATE, WILDCARD_PRIVATE);
    // Exceptions share the map: every one sits right under a wildcard rule's parent (`*.ck`, `!www.ck`), whose
    // tails are nodes already, so they add no inner node that could end a walk early (the generator checks).
    addRules(nodeMap, SUFFIX_EXCEPTIONS, EXCEPTION, EXCEPTION);
  }
  return nodeMap;
}

/** The node whose text is host[start, host.length), or undefined. */
function find(map: NodeMap, hash: number, host: string, start: number): SuffixNode | undefined {
  const bucket = map.get(hash & SMI_HASH_MASK);
  if (bucket === undefined) return undefined;
  const length = host.length - start;
  for (const node of bucket) if (node.text.length === length && host.startsWith(node.text, start)) return node;
  return undefined;
}

/**
 * Result of the last walk(): module scope, read right after the call (synchronous, not re-entrant). matchStart:
 * where the suffix starts (-1 when no rule matched); matchFlags: RULE_ICANN or RULE_PRIVATE.
 */
let matchStart = -1;
let matchFlags = 0;

/** Walks host's labels right to left through `map`, recording the deepest rule in matchStart/matchFlags. */
function walk(map: NodeMap, host: string): void {
  matchStart = -1;
  matchFlags = 0;
  let parentFlags = 0;
  let end = host.length;
  let h = 0;
  for (let i = host.length - 1; i >= -1; i--) {
    if (i >= 0) {
      const c = host.charCodeAt(i);
      if (c !== 46 /* '.' */) {
        h = (Math.imul(h, B) + c) | 0;
        continue;
      }
    }
    // host[i + 1, end) is the next label; host[i + 1, length) the candidate node.
    const start = i + 1;
    const node = find(map, h, host, start);
    if (node !== undefined) {
      if ((node.flags & EXCEPTION) !== 0) {
        // tldts walks exceptions first and lets them win: the suffix is what follows the exception's first label.
        matchStart = end + 1;
        matchFlags = RULE_ICANN;
        return;
      }
      const rule = node.flags & (RULE_ICANN | RULE_PRIVATE);
      if (rule !== 0) {
        matchStart = start;
        matchFlags = rule;
      }
      parentFlags = node.flags;
    } else {
      // No node: only a wildcard of the parent can match this (non-empty) label, and wildcard rules have no
      // children, so the walk ends here either way.
      const wildcard = parentFlags & (WILDCARD_ICANN | WILDCARD_PRIVATE);
      if (wildcard !== 0 && end > start) {
        matchStart = start;
        matchFlags = wildcard >> 2;
      }
      return;
    }
    if (i < 0) return;
    h = (Math.imul(h, B) + 46 /* '.' */) | 0;
    end = i;
  }
}

/** Where host's public suffix starts (0: the host is a public suffix), and whether a private rule matched. */
export interface SuffixSplit {
  suffixStart: number;
  privateRule: boolean;
}

/**
 * Splits a lowercase host name with no empty label and no trailing dot (not an IP literal): writes into `out`
 * (a caller's scratch object: no allocation per call) and returns it.
 */
export function splitSuffix(host: string, out: SuffixSplit): SuffixSplit {
  walk(nodes(), host);
  if (matchStart >= 0) {
    out.suffixStart = matchStart;
    out.privateRule = (matchFlags & RULE_PRIVATE) !== 0;
    return out;
  }
  // No rule: the prevailing `*` rule makes the rightmost label the suffix.
  out.suffixStart = host.lastIndexOf('.') + 1;
  out.privateRule = false;
  return out;
}
