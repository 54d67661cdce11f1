/**
 * The public portal (no login): report something suspicious, follow a report, and "is this really you?". Plain
 * words, one task per page, readable on a phone, usable with a keyboard and a screen reader.
 */
import { api, ApiError, loadUiConfig, type UiConfig } from './lib/api.js';
import { h, type Child } from './lib/dom.js';
import { defang, showInvisible } from './lib/format.js';
import { errorBox, frame, supportLinks } from './lib/layout.js';
import { navigate, startRouter } from './lib/router.js';

/** The largest .eml accepted (the server's default body limit is 1 MiB and JSON escaping adds to it). */
const MAX_EML_BYTES = 700 * 1024;
/** How often the status page asks again. */
const STATUS_REFRESH_MS = 15_000;

const STATUS_WORDS: Readonly<Record<string, { title: string; text: string }>> = {
  submitted: { title: 'Received', text: 'We have your report. It is waiting for automatic analysis, which usually takes seconds.' },
  triaged: { title: 'Being reviewed', text: 'It has been analysed automatically and is in our analysts’ queue.' },
  confirmed: { title: 'Confirmed as phishing', text: 'An analyst confirmed it is a scam. We are asking for it to be taken down and blocked.' },
  rejected: { title: 'Not phishing', text: 'We checked and found it was genuine or harmless. Thank you for reporting all the same.' },
  undetermined: { title: 'Checked, undecided', text: 'We could not tell for sure. We keep watching it.' },
  monitored: { title: 'Being watched', text: 'We are watching it for changes.' },
  delisted: { title: 'Taken down', text: 'It has been taken down or blocked.' },
};

interface CheckResult {
  readonly input: string;
  readonly host?: string;
  readonly verdict: 'official' | 'phishing' | 'suspicious' | 'benign' | 'error';
  readonly brand: string | null;
  readonly brandName: string | null;
  readonly signals: readonly { readonly kind: string; readonly detail: string; readonly caveat?: string }[];
  readonly error?: { readonly code: string; readonly message: string };
}

let ui: UiConfig = { name: 'hookwatch', hasLogo: false, supportUrl: null, supportEmail: null };

function nav(): HTMLElement {
  return h('nav', { 'aria-label': 'Main' },
    h('a', { href: '/report' }, 'Report'),
    h('a', { href: '/check' }, 'Is this real?'));
}

function page(title: string, ...content: Child[]): void {
  document.title = `${title} · ${ui.name}`;
  frame(ui, '/', nav(), [h('h1', {}, title), ...content], [supportLinks(ui), h('p', { class: 'fine' }, 'We never ask for your password, PIN or one-time codes by e-mail, text message or phone.')]);
  document.getElementById('main')?.focus();
}

function home(): void {
  page(`Help us stop scams that use ${ui.name}’s name`,
    h('div', { class: 'cards' },
      h('a', { href: '/report', class: 'card' },
        h('h2', {}, 'Report something suspicious'),
        h('p', {}, 'A link, a message or an e-mail that claims to be from us. It takes a minute; you do not need an account.')),
      h('a', { href: '/check', class: 'card' },
        h('h2', {}, 'Is this really us?'),
        h('p', {}, 'Paste a link, a web address or a sender’s e-mail address and we tell you whether it is ours.'))));
}

// ---------------------------------------------------------------- report

function reportForm(): void {
  const error = h('div', { 'aria-live': 'polite' });
  const kinds = [
    { value: 'url', label: 'A link' },
    { value: 'text', label: 'A message I received' },
    { value: 'email', label: 'An e-mail file (.eml)' },
  ] as const;
  const urlField = h('div', { class: 'field', 'data-kind': 'url' },
    h('label', { for: 'r-url' }, 'The link'),
    h('input', { id: 'r-url', name: 'url', type: 'text', inputmode: 'url', autocomplete: 'off', spellcheck: 'false', placeholder: 'https://…', maxlength: 8192 }),
    h('p', { class: 'hint' }, 'Copy it without opening it: press and hold (or right-click) the link and choose “Copy link”.'));
  const textField = h('div', { class: 'field', 'data-kind': 'text', hidden: true },
    h('label', { for: 'r-text' }, 'The message'),
    h('textarea', { id: 'r-text', name: 'text', rows: 8, maxlength: 100_000 }),
    h('p', { class: 'hint' }, 'Paste the whole message, including any links. For an e-mail, its source is best (“Show original” or “View source” in most mail programs): it shows who really sent it.'));
  const emailField = h('div', { class: 'field', 'data-kind': 'email', hidden: true },
    h('label', { for: 'r-eml' }, 'The e-mail file'),
    h('input', { id: 'r-eml', name: 'eml', type: 'file', accept: '.eml,message/rfc822' }),
    h('p', { class: 'hint' }, 'In most mail programs: open the message, then “Download” or “Save as” (.eml). Do not forward it to us.'));
  const fields = [urlField, textField, emailField];
  const choose = (kind: string): void => { for (const f of fields) f.hidden = f.dataset['kind'] !== kind; };
  const contact = h('input', { id: 'r-contact', name: 'contact', type: 'email', autocomplete: 'email', maxlength: 320 });
  const submit = h('button', { type: 'submit', class: 'primary' }, 'Send report');
  // One key per filled-in form: a double click or a retry after a network error cannot file the report twice.
  let idempotencyKey = crypto.randomUUID();

  const form = h('form', { novalidate: true },
    h('fieldset', {},
      h('legend', {}, 'What do you want to report?'),
      kinds.map((k, i) => h('label', { class: 'choice' },
        h('input', { type: 'radio', name: 'kind', value: k.value, checked: i === 0, onchange: () => { choose(k.value); } }), ' ', k.label))),
    fields,
    h('div', { class: 'field' },
      h('label', { for: 'r-contact' }, 'Your e-mail address ', h('span', { class: 'optional' }, '(optional)')),
      contact,
      h('p', { class: 'hint' }, 'Only if you want us to be able to reply. We keep it apart from the report and use it for nothing else.')),
    error,
    submit);

  form.addEventListener('input', () => { idempotencyKey = crypto.randomUUID(); });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void (async () => {
      error.replaceChildren();
      const kind = form.querySelector<HTMLInputElement>('input[name=kind]:checked')?.value ?? 'url';
      const body: Record<string, string> = {};
      try {
        if (kind === 'url') body['url'] = (document.getElementById('r-url') as HTMLInputElement).value.trim();
        if (kind === 'text') body['text'] = (document.getElementById('r-text') as HTMLTextAreaElement).value.trim();
        if (kind === 'email') {
          const file = (document.getElementById('r-eml') as HTMLInputElement).files?.[0];
          if (file === undefined) throw new Error('Choose the .eml file first.');
          if (file.size > MAX_EML_BYTES) throw new Error(`That file is too large (the limit is ${Math.round(MAX_EML_BYTES / 1024)} kB).`);
          body['email'] = await file.text();
        }
        const value = Object.values(body)[0] ?? '';
        if (value === '') throw new Error(kind === 'url' ? 'Paste the link first.' : kind === 'text' ? 'Paste the message first.' : 'The file is empty.');
        if (contact.value.trim() !== '') body['contact'] = contact.value.trim();
      } catch (problem) {
        error.replaceChildren(errorBox(problem instanceof Error ? problem.message : String(problem)));
        return;
      }
      submit.disabled = true;
      try {
        const created = await api<{ reference: string }>('/api/v1/reports', { method: 'POST', body, headers: { 'idempotency-key': idempotencyKey } });
        navigate(`/status/${encodeURIComponent(created.reference)}?new=1`);
      } catch (problem) {
        error.replaceChildren(errorBox(problem instanceof ApiError ? `We could not take the report: ${problem.message}.` : 'We could not take the report.'));
      } finally {
        submit.disabled = false;
      }
    })();
  });
  page('Report something suspicious',
    h('p', {}, 'Tell us about a link, message or e-mail that pretends to be from us. Do not click links or open attachments in it.'),
    form);
}

// ---------------------------------------------------------------- status

async function statusPage(reference: string, fresh: boolean): Promise<void> {
  let view: { reference: string; status: string; submittedAt: string };
  try {
    view = await api(`/api/v1/reports/${encodeURIComponent(reference)}/status`);
  } catch (problem) {
    page('Report status', errorBox(problem instanceof ApiError && problem.status === 404
      ? `We have no report with the reference ${showInvisible(reference)}. Check it against your confirmation.`
      : 'We could not look up the report just now. Try again in a minute.'),
    h('p', {}, h('a', { href: '/report' }, 'Report something')));
    return;
  }
  const words = STATUS_WORDS[view.status] ?? { title: view.status, text: '' };
  page(fresh ? 'Thank you: we have your report' : 'Report status',
    h('p', { class: 'reference' }, 'Your reference: ', h('strong', { id: 'reference' }, view.reference)),
    fresh ? h('p', {}, 'Keep this reference (or bookmark this page) to follow your report.') : null,
    h('section', { class: 'status', 'aria-live': 'polite' },
      h('h2', {}, 'Status: ', h('span', { id: 'status' }, words.title)),
      h('p', {}, words.text),
      h('p', { class: 'fine' }, `Received ${new Date(view.submittedAt).toLocaleString()}.`)),
    h('section', {},
      h('h2', {}, 'What happens next'),
      h('ol', {},
        h('li', {}, 'We analyse it automatically: which brand it imitates and how.'),
        h('li', {}, 'An analyst confirms it and we ask the hosting company and domain registrar to take it down.'),
        h('li', {}, 'We add it to the blocklists that browsers and wallets use.'))),
    h('section', {},
      h('h2', {}, 'Meanwhile'),
      h('ul', {},
        h('li', {}, 'If you entered a password on that site, change it now, and anywhere else you use it.'),
        h('li', {}, 'If you gave card or bank details, call your bank using the number on your card.'),
        h('li', {}, 'If you entered a one-time code or approved a sign-in, contact us at once.'))));
  window.setTimeout(() => {
    if (location.pathname === `/status/${encodeURIComponent(reference)}`) void statusPage(reference, false);
  }, STATUS_REFRESH_MS);
}

// ---------------------------------------------------------------- is this real?

function verdictView(result: CheckResult): HTMLElement {
  const brand = result.brandName ?? result.brand ?? 'a brand';
  const host = result.host === undefined ? '' : defang(result.host);
  const reasons = result.signals.filter((s) => s.detail !== '');
  let tone: string;
  let headline: string;
  let advice: readonly string[];
  switch (result.verdict) {
    case 'official':
      tone = 'ok';
      headline = `Official: ${host} belongs to ${brand}.`;
      advice = ['It is genuine. Still, we never ask for your password, PIN or one-time codes by message or phone.'];
      break;
    case 'phishing':
      tone = 'bad';
      headline = `Fake: ${host} imitates ${brand}.`;
      advice = ['Do not open it, and do not enter passwords, codes or card details there.', 'Report it so we can have it taken down.', 'If you already entered details, change your password now and contact us.'];
      break;
    case 'suspicious':
      tone = 'warn';
      headline = result.brand === null ? `Suspicious: ${host} shows signs of a scam.` : `Suspicious: ${host} may imitate ${brand}.`;
      advice = ['Treat it as a scam until you are sure: go to our site by typing the address yourself.', 'Report it so an analyst looks at it.'];
      break;
    case 'benign':
      tone = 'neutral';
      headline = `No known problem with ${host}, and it is not one of our addresses.`;
      advice = ['It is not ours. If it claims to be us, it is a scam: report it.', 'No known problem does not mean safe: be careful what you enter.'];
      break;
    default:
      tone = 'neutral';
      headline = 'We couldn’t check that.';
      advice = [result.error === undefined ? 'Paste a link, a web address or an e-mail address.' : `${result.error.message}. Paste a link, a web address or an e-mail address.`];
  }
  return h('section', { class: `verdict ${tone}`, id: 'verdict', 'aria-live': 'polite' },
    h('h2', {}, headline),
    reasons.length === 0 ? null : h('div', {},
      h('h3', {}, 'Why'),
      h('ul', {}, reasons.map((s) => h('li', {}, showInvisible(s.detail), s.caveat === undefined ? null : h('span', { class: 'fine' }, ` (${showInvisible(s.caveat)})`))))),
    h('h3', {}, 'What to do now'),
    h('ul', {}, advice.map((a) => h('li', {}, a))),
    result.verdict === 'phishing' || result.verdict === 'suspicious' || result.verdict === 'benign'
      ? h('p', {}, h('a', { href: '/report', class: 'button' }, 'Report it')) : null);
}

function checkPage(): void {
  const input = h('input', { id: 'c-input', type: 'text', autocomplete: 'off', spellcheck: 'false', maxlength: 8192, required: true });
  const out = h('div', {});
  const form = h('form', { novalidate: true },
    h('div', { class: 'field' },
      h('label', { for: 'c-input' }, 'A link, a web address, or the sender’s e-mail address'),
      input,
      h('p', { class: 'hint' }, 'For example https://example.com/login, example.com or “Support <help@example.com>”.')),
    h('button', { type: 'submit', class: 'primary' }, 'Check'));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    // The engine reads what people paste: a link, a host, an address or a sender as mail shows it (`Support <help@…>`).
    const value = input.value.trim();
    if (value === '') {
      out.replaceChildren(errorBox('Paste something to check first.'));
      return;
    }
    void api<{ results: CheckResult[] }>('/api/v1/check', { method: 'POST', body: { inputs: [value] } })
      .then((response) => {
        const result = response.results[0];
        out.replaceChildren(result === undefined ? errorBox('No answer.') : verdictView(result));
      })
      .catch((problem: unknown) => { out.replaceChildren(errorBox(problem instanceof ApiError ? `We couldn’t check that: ${problem.message}.` : 'We couldn’t check that.')); });
  });
  page('Is this really us?', h('p', {}, 'Not sure whether a link or a sender is really ours? Check it here before you click or reply.'), form, out);
}

// ---------------------------------------------------------------- routes

function route(path: string, params: URLSearchParams): void | Promise<void> {
  if (path === '/report') { reportForm(); return; }
  if (path === '/check') { checkPage(); return; }
  const status = /^\/status\/([^/]+)$/.exec(path);
  if (status?.[1] !== undefined) return statusPage(decodeURIComponent(status[1]), params.get('new') === '1');
  home();
}

void loadUiConfig().then((config) => { ui = config; }).catch(() => undefined).finally(() => { startRouter(route); });
