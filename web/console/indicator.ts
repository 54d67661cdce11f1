/** One indicator: the value defanged, every signal explained, the reports behind it, related indicators, the
 *  decision with a note, and its history from the audit log. */
import { api, ApiError } from '../lib/api.js';
import { h, mount } from '../lib/dom.js';
import { shortTime, showInvisible } from '../lib/format.js';
import { DECISIONS, defanged, notice, statusBadge, table, unicodeHost, verdictBadge, type Indicator } from './shared.js';

interface Context {
  readonly reports: readonly { id: string; reference: string; status: string; submittedAt: string; url: string | null; textPreview: string | null; hasEmail: boolean }[];
  readonly related: readonly Indicator[];
  readonly history: readonly { seq: number; at: string; actor: string; action: string; details: Record<string, unknown> }[];
}

const SIGNAL_HELP: Readonly<Record<string, string>> = {
  typosquat: 'a misspelling of a brand domain',
  homoglyph: 'characters that look like the brand’s',
  combosquat: 'the brand name combined with other words',
  'brand-in-subdomain': 'the brand name placed in a sub-domain of someone else’s domain',
};

function historyLine(entry: Context['history'][number]): string {
  const status = typeof entry.details['status'] === 'string' ? ` → ${entry.details['status']}` : '';
  const note = typeof entry.details['note'] === 'string' && entry.details['note'] !== '' ? `: “${entry.details['note']}”` : '';
  return showInvisible(`${entry.action}${status}${note}`);
}

export async function indicatorPage(root: HTMLElement, id: string): Promise<void> {
  let indicator: Indicator;
  let context: Context;
  try {
    [indicator, context] = await Promise.all([api<Indicator>(`/api/v1/indicators/${encodeURIComponent(id)}`), api<Context>(`/api/v1/indicators/${encodeURIComponent(id)}/context`)]);
  } catch (problem) {
    mount(root, h('h1', {}, 'Indicator'), notice(problem instanceof ApiError && problem.status === 404 ? 'No such indicator.' : 'The indicator could not be loaded.', 'error'));
    return;
  }
  const note = h('textarea', { id: 'decision-note', rows: 2, maxlength: 2000, placeholder: 'Why (kept in the audit log)' });
  const outcome = h('div', { 'aria-live': 'polite' });
  const decide = async (decision: string): Promise<void> => {
    try {
      const body = note.value.trim() === '' ? { decision } : { decision, note: note.value.trim() };
      await api(`/api/v1/indicators/${encodeURIComponent(id)}/decision`, { method: 'POST', body });
      await indicatorPage(root, id);
      root.querySelector('#decision-outcome')?.replaceChildren(notice(`Saved: ${decision.replace('_', ' ')}.`, 'ok'));
    } catch (problem) {
      outcome.replaceChildren(notice(problem instanceof ApiError ? problem.message : 'the decision was not saved', 'error'));
    }
  };

  mount(root,
    h('p', {}, h('a', { href: '/console' }, '← Queue')),
    h('h1', { class: 'indicator-title' }, defanged(indicator.value, true)),
    h('dl', { class: 'facts' },
      h('dt', {}, 'Verdict'), h('dd', {}, verdictBadge(indicator.verdict), ` score ${indicator.score}`),
      h('dt', {}, 'Brand'), h('dd', {}, indicator.brand ?? 'none'),
      h('dt', {}, 'Status'), h('dd', { id: 'indicator-status' }, statusBadge(indicator.status)),
      h('dt', {}, 'Host'), h('dd', {}, defanged(indicator.host)),
      ...(unicodeHost(indicator.value) === undefined ? [] : [
        h('dt', {}, 'Looks like'),
        h('dd', { id: 'unicode-host' }, h('code', {}, showInvisible(unicodeHost(indicator.value) ?? '')), h('span', { class: 'fine' }, ' as submitted: shown above in punycode because it uses non-Latin or look-alike characters')),
      ]),
      h('dt', {}, 'Registrable domain'), h('dd', {}, indicator.domain === null ? '–' : defanged(indicator.domain)),
      h('dt', {}, 'Reports'), h('dd', {}, indicator.reportCount),
      h('dt', {}, 'First seen'), h('dd', {}, shortTime(indicator.firstSeen)),
      h('dt', {}, 'Last seen'), h('dd', {}, shortTime(indicator.lastSeen))),
    h('section', {},
      h('h2', {}, 'Why the engine says so'),
      indicator.signals.length === 0 ? h('p', {}, 'No signals: nothing found.') : h('ol', { class: 'signals' }, indicator.signals.map((s) =>
        h('li', {},
          h('strong', {}, s.kind), SIGNAL_HELP[s.kind] === undefined ? null : h('span', { class: 'fine' }, ` (${SIGNAL_HELP[s.kind] ?? ''})`),
          h('span', { class: 'weight', title: 'weight in the score' }, ` +${s.weight}`),
          h('div', {}, showInvisible(s.detail)),
          s.caveat === undefined ? null : h('div', { class: 'fine' }, `Caveat: ${showInvisible(s.caveat)}`))))),
    h('section', { class: 'decide' },
      h('h2', {}, 'Decision'),
      h('label', { for: 'decision-note' }, 'Note ', h('span', { class: 'optional' }, '(optional)')),
      note,
      h('div', { class: 'buttons' }, DECISIONS.map((d) => h('button', { type: 'button', class: d.value === 'confirmed_phishing' ? 'danger' : '', 'data-decision': d.value, onclick: () => { void decide(d.value); } }, d.label))),
      h('div', { id: 'decision-outcome' }),
      outcome),
    h('section', {},
      h('h2', {}, `Reports (${context.reports.length})`),
      context.reports.length === 0 ? h('p', {}, 'None linked.') : table(['Reference', 'Received', 'Status', 'What was reported'], context.reports.map((r) => [
        h('a', { href: `/console/reports/${encodeURIComponent(r.id)}` }, r.reference), shortTime(r.submittedAt), r.status,
        h('div', {}, r.url === null ? null : defanged(r.url), r.textPreview === null ? null : h('pre', { class: 'preview' }, showInvisible(r.textPreview)), r.hasEmail ? h('span', { class: 'fine' }, 'an e-mail file') : null),
      ]))),
    h('section', {},
      h('h2', {}, 'Related (same brand or domain)'),
      context.related.length === 0 ? h('p', {}, 'None.') : table(['Indicator', 'Verdict', 'Brand', 'Status', 'Last seen'], context.related.map((r) => [
        h('a', { href: `/console/indicators/${r.id}` }, defanged(r.value)), verdictBadge(r.verdict), r.brand ?? '–', statusBadge(r.status), shortTime(r.lastSeen),
      ]))),
    h('section', {},
      h('h2', {}, 'History'),
      context.history.length === 0 ? h('p', {}, 'No decisions yet.') : h('ol', { class: 'history' }, context.history.map((e) =>
        h('li', {}, h('time', { datetime: e.at }, shortTime(e.at)), ' ', h('span', { class: 'actor' }, e.actor), ' ', historyLine(e))))));
}
