/** Dashboard: reports per day, the verdict and status mix, the most impersonated brands. Charts are SVG built from
 *  numbers (no markup from data), each with the numbers in a table beside it for screen readers. */
import { api, ApiError } from '../lib/api.js';
import { h, mount, svg } from '../lib/dom.js';
import { notice } from './shared.js';

interface Stats {
  readonly days: number;
  readonly reportsPerDay: readonly { day: string; count: number }[];
  readonly verdicts: readonly { verdict: string; count: number }[];
  readonly statuses: readonly { status: string; count: number }[];
  readonly topBrands: readonly { brand: string; count: number }[];
}

const CHART_WIDTH = 640;
const CHART_HEIGHT = 160;

/** Every day of the window, zero where there were no reports. */
function fillDays(stats: Stats): { day: string; count: number }[] {
  const counts = new Map(stats.reportsPerDay.map((d) => [d.day, d.count]));
  const out: { day: string; count: number }[] = [];
  const today = new Date();
  for (let i = stats.days - 1; i >= 0; i--) {
    const day = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() - i)).toISOString().slice(0, 10);
    out.push({ day, count: counts.get(day) ?? 0 });
  }
  return out;
}

function columnChart(points: readonly { day: string; count: number }[], label: string): HTMLElement {
  const max = Math.max(1, ...points.map((p) => p.count));
  const width = CHART_WIDTH / Math.max(1, points.length);
  const bars = points.map((p, i) => {
    const height = (p.count / max) * (CHART_HEIGHT - 20);
    return svg('rect', { x: i * width + 1, y: CHART_HEIGHT - height, width: Math.max(1, width - 2), height, class: 'bar' }, svg('title', {}, `${p.day}: ${p.count}`));
  });
  return h('figure', {},
    svg('svg', { viewBox: `0 0 ${CHART_WIDTH} ${CHART_HEIGHT}`, role: 'img', 'aria-label': label, class: 'chart' },
      svg('text', { x: 4, y: 12, class: 'axis' }, `max ${max}`), ...bars),
    h('figcaption', {}, label));
}

function barList(rows: readonly { label: string; count: number }[], caption: string, cls: (label: string) => string): HTMLElement {
  const max = Math.max(1, ...rows.map((r) => r.count));
  return h('figure', {},
    h('table', { class: 'bars' },
      h('caption', {}, caption),
      h('tbody', {}, rows.map((r) => h('tr', {},
        h('th', { scope: 'row' }, r.label),
        h('td', { class: 'barcell' }, svg('svg', { viewBox: '0 0 100 10', preserveAspectRatio: 'none', class: 'hbar', 'aria-hidden': 'true' },
          svg('rect', { x: 0, y: 0, height: 10, width: (r.count / max) * 100, class: cls(r.label) }))),
        h('td', { class: 'num' }, r.count))))));
}

export async function dashboardPage(root: HTMLElement): Promise<void> {
  let stats: Stats;
  try {
    stats = await api<Stats>('/api/v1/stats?days=30');
  } catch (problem) {
    mount(root, h('h1', {}, 'Dashboard'), notice(problem instanceof ApiError ? problem.message : 'could not load', 'error'));
    return;
  }
  const days = fillDays(stats);
  const total = days.reduce((sum, d) => sum + d.count, 0);
  mount(root,
    h('h1', {}, 'Dashboard'),
    h('p', { class: 'kpis' },
      h('span', {}, h('strong', {}, total), ' reports in 30 days'),
      h('span', {}, h('strong', {}, stats.statuses.find((s) => s.status === 'new')?.count ?? 0), ' indicators waiting'),
      h('span', {}, h('strong', {}, stats.statuses.find((s) => s.status === 'confirmed_phishing')?.count ?? 0), ' confirmed phishing')),
    h('section', {}, h('h2', {}, 'Reports per day'), columnChart(days, `Reports per day, last ${stats.days} days (UTC)`)),
    h('div', { class: 'grid2' },
      h('section', {}, h('h2', {}, 'Verdict mix'), barList(stats.verdicts.map((v) => ({ label: v.verdict, count: v.count })), 'Indicators by engine verdict', (l) => `v-${l}`)),
      h('section', {}, h('h2', {}, 'Top impersonated brands'), stats.topBrands.length === 0 ? h('p', {}, 'None yet.') : barList(stats.topBrands.map((b) => ({ label: b.brand, count: b.count })), 'Indicators per brand', () => 'bar'))));
}
