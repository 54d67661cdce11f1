/**
 * The queue: indicators newest first with filters (kept in the URL), search, near-live updates (polling) and
 * keyboard shortcuts: j/k move, Enter or o opens, c/b/d decide the selected row, / searches, r refreshes.
 */
import { api, ApiError } from '../lib/api.js';
import { h, mount } from '../lib/dom.js';
import { ago } from '../lib/format.js';
import { navigate } from '../lib/router.js';
import { DECISIONS, defanged, notice, statusBadge, verdictBadge, type Indicator } from './shared.js';

/** How often the queue asks for new indicators. */
export const QUEUE_POLL_MS = 5000;
const PAGE_SIZE = 50;

const TIME_WINDOWS: readonly { value: string; label: string; ms: number }[] = [
  { value: '', label: 'any time', ms: 0 },
  { value: '24h', label: 'last 24 hours', ms: 86_400_000 },
  { value: '7d', label: 'last 7 days', ms: 7 * 86_400_000 },
  { value: '30d', label: 'last 30 days', ms: 30 * 86_400_000 },
];

interface Page { readonly items: Indicator[]; readonly nextCursor: string | null }

let pollTimer: number | undefined;
let keyHandler: ((event: KeyboardEvent) => void) | undefined;

/** Stops the queue's timer and shortcuts when another page is shown. */
export function leaveQueue(): void {
  if (pollTimer !== undefined) window.clearInterval(pollTimer);
  pollTimer = undefined;
  if (keyHandler !== undefined) document.removeEventListener('keydown', keyHandler);
  keyHandler = undefined;
}

function query(params: URLSearchParams, cursor?: string): string {
  const q = new URLSearchParams();
  for (const name of ['status', 'verdict', 'brand', 'q'] as const) {
    const value = params.get(name);
    if (value !== null && value !== '') q.set(name, value);
  }
  const window = TIME_WINDOWS.find((w) => w.value === params.get('time'));
  if (window !== undefined && window.ms > 0) q.set('since', new Date(Date.now() - window.ms).toISOString());
  q.set('limit', String(PAGE_SIZE));
  if (cursor !== undefined) q.set('cursor', cursor);
  return `/api/v1/indicators?${q.toString()}`;
}

function select(name: string, label: string, options: readonly { value: string; label: string }[], current: string | null): HTMLElement {
  return h('label', { class: 'filter' }, label, ' ',
    h('select', { name }, options.map((o) => h('option', { value: o.value, selected: o.value === (current ?? '') }, o.label))));
}

export async function queuePage(root: HTMLElement, params: URLSearchParams, brands: readonly string[]): Promise<void> {
  leaveQueue();
  const items: Indicator[] = [];
  let nextCursor: string | null = null;
  let selected = 0;
  const body = h('tbody', {});
  const status = h('div', { 'aria-live': 'polite', class: 'live' });
  const more = h('button', { type: 'button', hidden: true }, 'Load more');
  const search = h('input', { type: 'search', name: 'q', value: params.get('q') ?? '', placeholder: 'host, URL or brand', 'aria-label': 'Search indicators', maxlength: 200 });

  const filters = h('form', { class: 'filters', role: 'search' },
    select('status', 'Status', [{ value: '', label: 'all' }, { value: 'new', label: 'new' }, { value: 'confirmed_phishing', label: 'confirmed phishing' }, { value: 'benign', label: 'benign' }, { value: 'duplicate', label: 'duplicate' }], params.get('status')),
    select('verdict', 'Verdict', [{ value: '', label: 'all' }, ...['phishing', 'suspicious', 'benign', 'official', 'error'].map((v) => ({ value: v, label: v }))], params.get('verdict')),
    select('brand', 'Brand', [{ value: '', label: 'all' }, ...brands.map((b) => ({ value: b, label: b }))], params.get('brand')),
    select('time', 'Seen', TIME_WINDOWS, params.get('time')),
    search,
    h('button', { type: 'submit' }, 'Apply'));
  const apply = (): void => {
    const next = new URLSearchParams();
    for (const [name, value] of new FormData(filters)) if (typeof value === 'string' && value !== '') next.set(name, value);
    navigate(`/console${next.size > 0 ? `?${next.toString()}` : ''}`);
  };
  filters.addEventListener('submit', (event) => { event.preventDefault(); apply(); });
  filters.addEventListener('change', (event) => { if ((event.target as Element).tagName === 'SELECT') apply(); });

  function row(indicator: Indicator, index: number): HTMLTableRowElement {
    const tr = h('tr', { 'data-id': indicator.id, class: index === selected ? 'selected' : '', 'aria-selected': index === selected ? 'true' : 'false' },
      h('td', {}, h('a', { href: `/console/indicators/${indicator.id}` }, defanged(indicator.value))),
      h('td', {}, verdictBadge(indicator.verdict)),
      h('td', { class: 'num' }, indicator.score),
      h('td', {}, indicator.brand ?? '–'),
      h('td', { class: 'num' }, indicator.reportCount),
      h('td', {}, statusBadge(indicator.status)),
      h('td', { title: indicator.lastSeen }, ago(indicator.lastSeen)));
    tr.addEventListener('click', (event) => {
      if ((event.target as Element).closest('a') !== null) return;
      selected = index;
      draw();
    });
    return tr;
  }

  function draw(): void {
    mount(body, items.length === 0 ? h('tr', {}, h('td', { colspan: 7 }, 'Nothing matches these filters.')) : items.map(row));
    more.hidden = nextCursor === null;
    body.querySelector('tr.selected')?.scrollIntoView({ block: 'nearest' });
  }

  async function load(cursor?: string): Promise<void> {
    const page = await api<Page>(query(params, cursor));
    if (cursor === undefined) items.length = 0;
    items.push(...page.items);
    nextCursor = page.nextCursor;
    draw();
  }

  async function poll(): Promise<void> {
    const page = await api<Page>(query(params));
    const known = new Map(items.map((item, i) => [item.id, i]));
    const fresh: Indicator[] = [];
    for (const item of page.items) {
      const at = known.get(item.id);
      if (at === undefined) fresh.push(item);
      else items[at] = item;
    }
    if (fresh.length > 0) {
      items.unshift(...fresh);
      selected += fresh.length;
      status.textContent = `${fresh.length} new indicator${fresh.length === 1 ? '' : 's'} at ${new Date().toLocaleTimeString()}`;
    }
    draw();
  }

  async function decide(decision: string): Promise<void> {
    const indicator = items[selected];
    if (indicator === undefined) return;
    try {
      const updated = await api<Indicator>(`/api/v1/indicators/${indicator.id}/decision`, { method: 'POST', body: { decision } });
      items[selected] = updated;
      status.textContent = `${indicator.key}: ${decision.replace('_', ' ')}`;
      if (selected < items.length - 1) selected++;
      draw();
    } catch (problem) {
      status.textContent = problem instanceof ApiError ? problem.message : 'the decision was not saved';
    }
  }

  more.addEventListener('click', () => { if (nextCursor !== null) void load(nextCursor); });

  keyHandler = (event: KeyboardEvent) => {
    const target = event.target as Element;
    if (target.closest('input, textarea, select') !== null || event.ctrlKey || event.metaKey || event.altKey) return;
    const decision = DECISIONS.find((d) => d.key === event.key);
    if (event.key === 'j' || event.key === 'ArrowDown') selected = Math.min(items.length - 1, selected + 1);
    else if (event.key === 'k' || event.key === 'ArrowUp') selected = Math.max(0, selected - 1);
    else if (event.key === 'Enter' || event.key === 'o') {
      const indicator = items[selected];
      if (indicator !== undefined) navigate(`/console/indicators/${indicator.id}`);
      return;
    } else if (event.key === '/') search.focus();
    else if (event.key === 'r') void poll();
    else if (decision !== undefined) void decide(decision.value);
    else return;
    event.preventDefault();
    draw();
  };
  document.addEventListener('keydown', keyHandler);

  const exportQuery = new URLSearchParams(query(params).split('?')[1]);
  exportQuery.delete('limit');
  mount(root,
    h('h1', {}, 'Queue'),
    filters,
    h('div', { class: 'toolbar' },
      h('a', { href: `/api/v1/indicators.csv?${exportQuery.toString()}`, download: true, class: 'button small' }, 'Export CSV'),
      h('span', { class: 'hint' }, 'Keys: j/k move · Enter open · c confirm phishing · b benign · d duplicate · / search · r refresh')),
    status,
    h('table', { class: 'queue' },
      h('thead', {}, h('tr', {}, ['Indicator', 'Verdict', 'Score', 'Brand', 'Reports', 'Status', 'Last seen'].map((c) => h('th', { scope: 'col' }, c)))),
      body),
    more);
  try {
    await load();
  } catch (problem) {
    mount(root, h('h1', {}, 'Queue'), notice(problem instanceof ApiError ? problem.message : 'the queue could not be loaded', 'error'));
    return;
  }
  pollTimer = window.setInterval(() => { void poll().catch(() => undefined); }, QUEUE_POLL_MS);
}
