/**
 * The analyst console (/console): sign-in with a session cookie, then the queue, indicator pages, brands,
 * administration and a dashboard, each allowed by role (the API enforces the same; the UI only hides what a role
 * cannot use). A liaison officer sees no queue.
 */
import { api, ApiError, loadUiConfig, setCsrfToken, type UiConfig } from './lib/api.js';
import { h, mount } from './lib/dom.js';
import { errorBox, frame } from './lib/layout.js';
import { navigate, startRouter } from './lib/router.js';
import { adminPage } from './console/admin.js';
import { brandsPage } from './console/brands.js';
import { dashboardPage } from './console/dashboard.js';
import { indicatorPage } from './console/indicator.js';
import { leaveQueue, queuePage } from './console/queue.js';
import { reportPage } from './console/report.js';
import type { Brand, Role, SessionUser } from './console/shared.js';

let ui: UiConfig = { name: 'hookwatch', hasLogo: false, supportUrl: null, supportEmail: null };
let user: SessionUser | undefined;

const SECTIONS: readonly { path: string; label: string; roles: readonly Role[] }[] = [
  { path: '/console', label: 'Queue', roles: ['admin', 'analyst'] },
  { path: '/console/dashboard', label: 'Dashboard', roles: ['admin', 'analyst'] },
  { path: '/console/brands', label: 'Brands', roles: ['admin', 'analyst'] },
  { path: '/console/admin', label: 'Admin', roles: ['admin'] },
];

async function loadSession(): Promise<void> {
  try {
    const session = await api<{ user: SessionUser; csrfToken: string }>('/api/v1/session');
    user = session.user;
    setCsrfToken(session.csrfToken);
  } catch {
    user = undefined;
    setCsrfToken(undefined);
  }
}

interface SignedIn { readonly user: SessionUser; readonly csrfToken: string; readonly recoveryCodes?: readonly string[] }
type PasswordStep =
  | SignedIn
  | { readonly mfa: 'totp'; readonly challenge: string }
  | { readonly mfa: 'enrol'; readonly challenge: string; readonly secret: string; readonly otpauthUri: string; readonly qrDataUrl: string };

/** Where a sign-in lands: the page that asked for it, or the queue. */
function afterSignIn(): void {
  navigate(location.pathname === '/console' || !location.pathname.startsWith('/console') ? '/console' : location.pathname + location.search, true);
}

function signedIn(session: SignedIn): void {
  user = session.user;
  setCsrfToken(session.csrfToken);
  if (session.recoveryCodes === undefined) {
    afterSignIn();
    return;
  }
  // Enrolment just finished: the recovery codes are shown this once.
  frame(ui, '/console', null, [
    h('h1', {}, 'Save your recovery codes'),
    h('p', {}, 'Each code signs you in once if you lose your authenticator. Store them somewhere safe now: they are not shown again.'),
    h('ol', { class: 'codes', id: 'recovery-codes' }, session.recoveryCodes.map((c) => h('li', {}, h('code', {}, c)))),
    h('button', { type: 'button', class: 'primary', onclick: afterSignIn }, 'I have saved them, continue'),
  ], null);
}

function codeForm(step: Exclude<PasswordStep, SignedIn>): void {
  const error = h('div', { 'aria-live': 'polite' });
  const input = h('input', { id: 'mfa-code', name: 'code', inputmode: 'numeric', autocomplete: 'one-time-code', required: true, maxlength: 40, spellcheck: 'false' });
  const form = h('form', { class: 'signin', novalidate: true },
    h('div', { class: 'field' },
      h('label', { for: 'mfa-code' }, step.mfa === 'enrol' ? 'The 6-digit code your app shows' : 'Code from your authenticator app'),
      input,
      step.mfa === 'totp' ? h('p', { class: 'hint' }, 'Lost your authenticator? Type one of your recovery codes instead.') : null),
    error,
    h('button', { type: 'submit', class: 'primary' }, 'Verify'));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void api<SignedIn>('/api/v1/session/mfa', { method: 'POST', body: { challenge: step.challenge, code: input.value.trim() } })
      .then(signedIn)
      .catch((problem: unknown) => { error.replaceChildren(errorBox(problem instanceof ApiError ? problem.message : 'verification failed')); });
  });
  const intro = step.mfa === 'enrol'
    ? [h('h1', {}, 'Set up two-step sign-in'),
      h('p', {}, 'Scan this with an authenticator app (for example FreeOTP, Aegis or Google Authenticator), or type the key in it, then enter the code it shows.'),
      h('img', { src: step.qrDataUrl, alt: 'QR code of your authenticator key', width: 200, height: 200, class: 'qr' }),
      h('p', {}, 'Key: ', h('code', { id: 'mfa-secret' }, step.secret))]
    : [h('h1', {}, 'Two-step sign-in')];
  frame(ui, '/console', null, [...intro, form], null);
  input.focus();
}

function signInPage(message?: string): void {
  document.title = `Sign in · ${ui.name} console`;
  const error = h('div', { 'aria-live': 'polite' }, message === undefined ? null : errorBox(message));
  const form = h('form', { class: 'signin', novalidate: true },
    h('div', { class: 'field' }, h('label', { for: 'email' }, 'E-mail'), h('input', { id: 'email', name: 'email', type: 'email', autocomplete: 'username', required: true })),
    h('div', { class: 'field' }, h('label', { for: 'password' }, 'Password'), h('input', { id: 'password', name: 'password', type: 'password', autocomplete: 'current-password', required: true })),
    error,
    h('button', { type: 'submit', class: 'primary' }, 'Sign in'));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const data = new FormData(form);
    void api<PasswordStep>('/api/v1/session', { method: 'POST', body: { email: data.get('email'), password: data.get('password') } })
      .then((step) => { if ('mfa' in step) codeForm(step); else signedIn(step); })
      .catch((problem: unknown) => { error.replaceChildren(errorBox(problem instanceof ApiError ? problem.message : 'sign-in failed')); });
  });
  frame(ui, '/console', null, [h('h1', {}, 'Sign in'), h('p', {}, `${ui.name} console, for analysts and administrators.`), form], null);
  document.getElementById('email')?.focus();
}

function nav(current: string, me: SessionUser): HTMLElement {
  const signOut = h('button', { type: 'button', class: 'link', onclick: () => {
    void api('/api/v1/session', { method: 'DELETE' }).finally(() => {
      user = undefined;
      setCsrfToken(undefined);
      navigate('/console', true);
    });
  } }, 'Sign out');
  return h('nav', { 'aria-label': 'Console' },
    SECTIONS.filter((s) => s.roles.includes(me.role)).map((s) =>
      h('a', { href: s.path, 'aria-current': current === s.path ? 'page' : undefined }, s.label)),
    h('span', { class: 'who' }, `${me.email} (${me.role})`),
    signOut);
}

/** The brand ids of the queue's filter, read once per visit of the queue after the catalog may have changed. */
let brandIdsCache: Promise<string[]> | undefined;

function brandIds(): Promise<string[]> {
  brandIdsCache ??= api<{ brands: Brand[] }>('/api/v1/brands').then((r) => r.brands.map((b) => b.id).sort(), () => {
    brandIdsCache = undefined;
    return [];
  });
  return brandIdsCache;
}

async function route(path: string, params: URLSearchParams): Promise<void> {
  leaveQueue();
  if (user === undefined) await loadSession();
  const me = user;
  if (me === undefined) {
    signInPage();
    return;
  }
  const section = SECTIONS.filter((s) => path === s.path || path.startsWith(`${s.path}/`)).at(-1) ?? SECTIONS[0];
  const current = section?.path ?? '/console';
  const content = h('div', {});
  frame(ui, '/console', nav(current, me), content, null);
  document.title = `${section?.label ?? 'Console'} · ${ui.name}`;
  if (section !== undefined && !section.roles.includes(me.role)) {
    mount(content, h('h1', {}, 'Not available to your role'), h('p', { id: 'no-access' },
      `Your role (${me.role}) has no access to the ${section.label.toLowerCase()}. Ask an administrator if you need it.`));
    return;
  }
  try {
    const indicator = /^\/console\/indicators\/([^/]+)$/.exec(path);
    const report = /^\/console\/reports\/([^/]+)$/.exec(path);
    if (indicator?.[1] !== undefined) await indicatorPage(content, decodeURIComponent(indicator[1]));
    else if (report?.[1] !== undefined) await reportPage(content, decodeURIComponent(report[1]));
    else if (path === '/console/dashboard') await dashboardPage(content);
    else if (path === '/console/brands') {
      brandIdsCache = undefined; // the catalog may change here
      await brandsPage(content, params.get('edit'));
    }
    else if (path === '/console/admin') await adminPage(content);
    else await queuePage(content, params, await brandIds());
  } catch (problem) {
    if (problem instanceof ApiError && problem.status === 401) {
      user = undefined;
      signInPage('Your session ended. Sign in again.');
      return;
    }
    mount(content, errorBox(problem instanceof Error ? problem.message : 'something went wrong'));
  }
}

void loadUiConfig().then((config) => { ui = config; }).catch(() => undefined).finally(() => { startRouter(route); });
