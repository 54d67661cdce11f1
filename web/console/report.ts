/**
 * One report as it arrived: what was reported (URL defanged, message text as inert text, an e-mail's size and
 * SHA-256), the reporter's contact, and every analysis of it with its signals (an e-mail's attached messages nested in
 * its analysis). Nothing of it is rendered as HTML or made clickable.
 */
import { api, ApiError } from '../lib/api.js';
import { h, mount, type Child } from '../lib/dom.js';
import { shortTime, showInvisible } from '../lib/format.js';
import { defanged, notice, verdictBadge } from './shared.js';

interface AnalysisView {
  readonly id: string;
  readonly engineVersion: string;
  readonly createdAt: string;
  readonly indicatorId: string | null;
  readonly result: unknown;
}

interface ReportView {
  readonly id: string;
  readonly reference: string;
  readonly status: string;
  readonly submittedAt: string;
  readonly url: string | null;
  readonly text: string | null;
  readonly email: { readonly bytes: number; readonly sha256: string } | null;
  readonly contact: string | null;
  readonly analyses: readonly AnalysisView[];
}

interface ResultShape {
  readonly input?: unknown;
  /** E-mail analyses: the message's identity (src/mail/types.ts). */
  readonly message?: unknown;
  readonly verdict?: unknown;
  readonly score?: unknown;
  readonly brand?: unknown;
  readonly signals?: unknown;
  /** E-mail analyses: the analyses of the messages attached to this one (a report forwarded as an attachment). */
  readonly attached?: unknown;
}

/** Attached messages shown inside attached messages: the analyser opens two levels. */
const MAX_SHOWN_ATTACHED_DEPTH = 2;

/** An analysis result is JSON from the store: read only the fields the console knows, as text. */
function analysisView(analysis: AnalysisView): HTMLElement {
  const indicator = analysis.indicatorId === null ? null : [' · ', h('a', { href: `/console/indicators/${encodeURIComponent(analysis.indicatorId)}` }, 'indicator')];
  return h('li', {},
    resultParts(analysis.result, indicator, 0),
    h('div', { class: 'fine' }, `${shortTime(analysis.createdAt)} · engine ${analysis.engineVersion}`));
}

/** One result's message facts, verdict line and signals; the messages attached to an e-mail below it, the same way. */
function resultParts(value: unknown, extra: Child, depth: number): Child[] {
  const result = (typeof value === 'object' && value !== null ? value : {}) as ResultShape;
  const signals = Array.isArray(result.signals) ? (result.signals as unknown[]) : [];
  const attached = Array.isArray(result.attached) && depth < MAX_SHOWN_ATTACHED_DEPTH ? (result.attached as unknown[]) : [];
  const message = (typeof result.message === 'object' && result.message !== null ? result.message : {}) as Record<string, unknown>;
  const field = (name: string, label: string) => (typeof message[name] === 'string' ? [h('dt', {}, label), h('dd', {}, showInvisible(message[name]))] : null);
  return [
    Object.keys(message).length === 0 ? null : h('dl', { class: 'facts' }, field('from', 'From'), field('subject', 'Subject'), field('date', 'Date'), field('messageId', 'Message-ID')),
    h('div', {},
      typeof result.verdict === 'string' ? verdictBadge(result.verdict) : null,
      typeof result.score === 'number' ? ` score ${result.score}` : null,
      typeof result.brand === 'string' ? ` · ${result.brand}` : null,
      typeof result.input === 'string' ? [' · ', defanged(result.input)] : null,
      extra),
    signals.length === 0 ? null : h('ul', {}, signals.map((signal) => {
      const s = (typeof signal === 'object' && signal !== null ? signal : {}) as { kind?: unknown; detail?: unknown };
      return h('li', {}, h('strong', {}, typeof s.kind === 'string' ? s.kind : 'signal'), ' ', typeof s.detail === 'string' ? showInvisible(s.detail) : '');
    })),
    attached.length === 0 ? null : h('section', { class: 'attached' },
      h('h3', {}, attached.length === 1 ? 'Attached message' : `Attached messages (${attached.length})`),
      h('ol', { class: 'analyses' }, attached.map((a) => h('li', {}, resultParts(a, null, depth + 1))))),
  ];
}

export async function reportPage(root: HTMLElement, id: string): Promise<void> {
  let report: ReportView;
  try {
    report = await api<ReportView>(`/api/v1/reports/${encodeURIComponent(id)}`);
  } catch (problem) {
    mount(root, h('h1', {}, 'Report'), notice(problem instanceof ApiError && problem.status === 404 ? 'No such report.' : 'The report could not be loaded.', 'error'));
    return;
  }
  mount(root,
    h('p', {}, h('a', { href: '/console' }, '← Queue')),
    h('h1', {}, `Report ${report.reference}`),
    h('dl', { class: 'facts' },
      h('dt', {}, 'Status'), h('dd', {}, report.status),
      h('dt', {}, 'Received'), h('dd', {}, shortTime(report.submittedAt)),
      h('dt', {}, 'Reporter'), h('dd', {}, report.contact === null ? 'no contact given' : showInvisible(report.contact)),
      report.url === null ? null : [h('dt', {}, 'Link'), h('dd', {}, defanged(report.url, true))],
      report.email === null ? null : [h('dt', {}, 'E-mail file'), h('dd', {}, `${report.email.bytes} bytes, SHA-256 `, h('code', {}, report.email.sha256))]),
    report.text === null ? null : h('section', {}, h('h2', {}, 'Message text'), h('pre', { class: 'preview message', id: 'report-text' }, showInvisible(report.text))),
    h('section', {}, h('h2', {}, `Analyses (${report.analyses.length})`),
      report.analyses.length === 0 ? h('p', {}, 'Not analysed yet.') : h('ol', { class: 'analyses' }, report.analyses.map(analysisView))));
}
