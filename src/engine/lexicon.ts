/**
 * Word lists the engine matches against. Keep each list short and justified: every entry here can turn a
 * legitimate host suspicious. Sources are noted per list.
 */

/**
 * Credential and account lures seen in phishing host names and paths (APWG and PhishTank examples, dnstwist's
 * dictionary, phishing_catcher's suspicious.yaml). Used as combosquat affixes and as path lures.
 */
export const LURE_WORDS: readonly string[] = [
  'login', 'logon', 'signin', 'sign-in', 'sign', 'log-in', 'verify', 'verification', 'secure', 'security', 'account', 'accounts',
  'update', 'confirm', 'support', 'service', 'services', 'help', 'helpdesk', 'wallet', 'unlock', 'recover',
  'recovery', 'restore', 'validate', 'validation', 'auth', 'authenticate', 'password', 'billing', 'payment',
  'invoice', 'refund', 'claim', 'reward', 'rewards', 'bonus', 'airdrop', 'connect', 'sync', 'web3', 'dapp',
  'customer', 'online', 'portal', 'alert', 'notice', 'suspend', 'suspended', 'limited', 'webscr', 'session',
  'identity', 'official', 'app', 'mobile', 'bank', 'banking', 'card', 'pay', 'checkout', 'delivery',
  'tracking', 'track', 'check', 'parcel', 'package', 'shipment', 'redelivery', 'tax', 'gov', 'mail', 'webmail', 'cloud',
  // Web3 drainer lures (ScamSniffer and Chainabuse reports): claims, mints and "fixes" for wallets.
  'drop', 'drops', 'mint', 'minting', 'stake', 'staking', 'swap', 'bridge', 'defi', 'nft', 'nfts', 'token', 'tokens',
  'presale', 'whitelist', 'migrate', 'migration', 'rectify', 'revoke', 'dapps', 'giveaway', 'eligibility', 'allocation',
  'claiming', 'premint', 'freemint', 'mints', 'collab', 'distribution', 'launchpad', 'usdt', 'gift', 'eligible',
  'checker', 'snapshot', 'register', 'signup',
  // Social-network "policy" kits (OpenPhish 2024-25): appeals against a page's or ad account's restriction, and
  // (engine 1.31) the notices of its take-down for breaking the rules (`takedownadshub`, `illegalcontentzone`).
  'appeal', 'violation', 'copyright', 'infringement', 'takedown', 'enforcement', 'infraction', 'unlawful', 'illegal',
  'moderation', 'guideline', 'compliance', 'complaint', 'breach',
  // Account-state and subscription lures (`page-acount-disabled.ml`, `paymentcancellation.net`).
  'restricted', 'restriction', 'locked', 'blocked', 'disabled', 'deactivated', 'dispute', 'cancel', 'cancellation',
  'reschedule', 'membership', 'renew',
  // Support-case and "verified badge" kits (OpenPhish 2024-25: `case-id-1000228259050.…`, `become-meta-verified-now.…`).
  'case', 'verified', 'badge',
  // Unpaid-toll and overdue-bill texts (FBI IC3 public service announcement of 2024-04-12 on smishing about unpaid
  // tolls: `ezpass-tollbill.com`, `sunpass-toll.xyz`) and subscription renewals (`amazon-prime-renewal.com`).
  'toll', 'unpaid', 'overdue', 'penalty', 'renewal',
];

/**
 * The lure words that ask for credentials, money or a wallet signature. Alone in a host name they weigh more
 * than the context words of LURE_WORDS (`cloud`, `mobile`, `service`), which legitimate services use all the time.
 */
export const STRONG_LURES: readonly string[] = [
  'login', 'logon', 'signin', 'sign-in', 'log-in', 'verify', 'verification', 'secure', 'security', 'account',
  'accounts', 'unlock', 'recover', 'recovery', 'restore', 'validate', 'validation', 'authenticate', 'password',
  'billing', 'invoice', 'refund', 'claim', 'claiming', 'reward', 'rewards', 'bonus', 'airdrop', 'wallet',
  'suspend', 'suspended', 'limited', 'webscr', 'confirm', 'redelivery', 'giveaway', 'whitelist', 'presale',
  'allocation', 'eligibility', 'eligible', 'rectify', 'revoke', 'migrate', 'premint', 'freemint', 'appeal',
  'violation', 'infringement', 'takedown', 'infraction', 'unlawful',
  // Web3 drainer vocabulary: rare in legitimate host names, common in drainer kits' (ScamSniffer reports).
  'nft', 'nfts', 'mint', 'mints', 'minting', 'drop', 'drops', 'swap', 'bridge', 'defi', 'dapp', 'dapps', 'stake',
  'staking', 'web3', 'token', 'tokens', 'collab', 'launchpad', 'usdt',
];

/**
 * The sign-in and wallet-recovery lures of STRONG_LURES that kits also misspell beside a misspelt name, as they do the
 * name (`kyucoinloegin`, `trezoorwallett`, `kucoonlgin`, `gemni-usalogi`): searched one letter off in free names on
 * hosting platforms.
 */
export const MISSPELT_LURES: readonly string[] = [
  'login', 'logon', 'signin', 'wallet', 'verify', 'secure', 'account', 'recover', 'recovery', 'restore', 'unlock',
  'validate', 'confirm', 'password',
];

/**
 * Context words of LURE_WORDS that name what legitimate services are (`online`, `cloud`, `mobile`) more often than
 * they lure: alone in a registrable label they weigh least; beside a brand name they still count as lures.
 */
export const NEUTRAL_LURES: readonly string[] = ['online', 'cloud', 'mobile'];

/**
 * Public suffixes with a high share of abuse relative to their legitimate use (Spamhaus "most abused TLDs" and
 * Interisle Phishing Landscape reports, 2022-2024). A signal, never a verdict on its own.
 */
export const RISKY_TLDS: readonly string[] = [
  'top', 'xyz', 'icu', 'cyou', 'sbs', 'cfd', 'bond', 'click', 'buzz', 'rest', 'monster', 'quest', 'shop',
  'online', 'site', 'website', 'live', 'cn', 'tk', 'ml', 'ga', 'cf', 'gq', 'work', 'support', 'fit', 'vip',
  'lol', 'mom', 'bar', 'win', 'loan', 'kim', 'men', 'cam', 'best', 'beauty', 'hair', 'skin', 'makeup', 'autos',
  'boats', 'homes', 'motorcycles', 'yachts', 'pw', 'ws', 'su', 'asia', 'today', 'life', 'digital', 'app',
  // Web3 drainer kits favour these (ScamSniffer reports).
  'finance', 'claims', 'events',
];

/**
 * Hosting platforms that generate their customers' host names (`d1ab2c3.cloudfront.net`, `pub-<hash>.r2.dev`):
 * a random-looking name there says nothing about the customer.
 */
export const GENERATED_NAME_PLATFORMS: readonly string[] = [
  'cloudfront.net', 'azurefd.net', 'azureedge.net', 'r2.dev', 'amplifyapp.com', 'ngrok-free.app', 'ngrok.app',
  'ngrok.io', 'trycloudflare.com', 'csb.app', 'elasticbeanstalk.com', 'execute-api.amazonaws.com',
];
