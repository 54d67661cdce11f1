/** Public types of the detection engine. The engine is pure: these are its whole vocabulary. */

/** One brand of a catalog, as the engine sees it (the file contract is in ../shared/DESIGN.md). */
export interface Brand {
  readonly id: string;
  readonly name: string;
  /** Official registrable domains (or hosts under a public suffix such as hmrc.gov.uk), lowercase ASCII. */
  readonly domains: readonly string[];
  /** Brand tokens, lowercase; derived from the domains' labels when the file gives none. */
  readonly keywords: readonly string[];
  /**
   * The keywords are ordinary words (`chase`, `line`, `visa`): match only lookalikes of the official domains and
   * whole tokens next to a lure word, never bare substrings.
   */
  readonly generic?: boolean;
}

export interface Catalog {
  readonly brands: readonly Brand[];
}

export type Verdict = 'official' | 'phishing' | 'suspicious' | 'benign' | 'error';

export type SignalKind =
  | 'official-domain'
  | 'well-known-site'
  | 'typosquat'
  | 'homoglyph'
  | 'mixed-script'
  | 'combosquat'
  | 'brand-in-subdomain'
  | 'brand-in-path'
  | 'tld-swap'
  | 'split-brand'
  | 'ip-host'
  | 'userinfo'
  | 'many-subdomains'
  | 'url-shortener'
  | 'dynamic-dns'
  | 'user-content-host'
  | 'risky-tld'
  | 'lure-word'
  | 'numbered-host'
  | 'wordpress-folder-page'
  | 'hidden-folder-page'
  | 'storage-page'
  | 'email-in-url'
  | 'random-label'
  | 'long-host'
  | 'punycode'
  | 'brand-on-abused-site'
  | 'site-in-subdomain'
  | 'redirect';

export interface Signal {
  readonly kind: SignalKind;
  /** What was seen, in words an analyst can check (e.g. "paypa1 ~ paypal (1 substitution)"). */
  readonly detail: string;
  /** Contribution to the score, 0-100. */
  readonly weight: number;
  /**
   * Why this signal alone does not make the input suspicious, when the engine knows a reason (a country site the
   * brand may own, a name that is an ordinary word, a typo of a very short name). Absent otherwise.
   */
  readonly caveat?: string;
}

export interface EngineError {
  readonly code: string;
  readonly message: string;
}

export interface CheckResult {
  readonly input: string;
  /** Normalised host (lowercase, IDNA A-label form); absent for errors. */
  readonly host?: string;
  /** Registrable domain (public-suffix aware, hosting platforms' user sub-domains included); absent for IPs and errors. */
  readonly domain?: string;
  readonly verdict: Verdict;
  readonly score: number;
  /** Catalog id of the impersonated (or, for `official`, owning) brand. */
  readonly brand: string | null;
  readonly signals: readonly Signal[];
  readonly error?: EngineError;
}

export type PermutationTechnique =
  | 'addition'
  | 'omission'
  | 'repetition'
  | 'replacement'
  | 'transposition'
  | 'bitsquatting'
  | 'vowel-swap'
  | 'hyphenation'
  | 'dot-insertion'
  | 'missing-dot'
  | 'homoglyph'
  | 'idn-homoglyph'
  | 'tld-swap'
  | 'combosquat'
  | 'plural'
  | 'brand-in-subdomain';

export interface Permutation {
  /** The candidate in ASCII (IDNA A-label) form, e.g. xn--pypal-4ve.com. */
  readonly domain: string;
  /** The same candidate as a person would read it (U-label form). */
  readonly unicode: string;
  readonly technique: PermutationTechnique;
}
