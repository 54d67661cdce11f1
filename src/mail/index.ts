/**
 * E-mail analysis: raw RFC 5322 messages (and mbox files) → verdict, score, brand and signals in the engine's
 * vocabulary. Pure except for the injected DNS resolver of online mode. See docs/mail.md.
 */
export { createMailAnalyser, escapeInvisible, MAIL_ANALYSER_VERSION, MAIL_WEIGHTS, type AntiPhishingCode, type MailAnalyser, type MailAnalyserOptions } from './analyse.js';
export { authFromHeaders, parseAuthenticationResults, type AuthResult, type AuthSummary } from './auth.js';
export { isMbox, splitMbox } from './mbox.js';
export { looksLikeRawMessage, pastedMessage } from './pasted.js';
export { createSandboxedAnalyser, SANDBOX_HEAP_MB, SANDBOX_KILL_MS, SANDBOX_THREADS, type SandboxedAnalyser, type SandboxOptions } from './sandbox.js';
export * from './limits.js';
export type * from './types.js';
