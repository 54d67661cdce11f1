/** The brand catalog: view, add, edit, delete, import and export; see what a change would newly flag first. */
import { api, ApiError } from '../lib/api.js';
import { h, mount } from '../lib/dom.js';
import { defanged, notice, table, type Brand } from './shared.js';

interface PreviewChange { id: string; value: string; before: { verdict: string; brand: string | null }; after: { verdict: string; brand: string | null } }
interface Preview {
  readonly checked: number;
  readonly partial: boolean;
  readonly newlyFlagged: { count: number; examples: PreviewChange[] };
  readonly noLongerFlagged: { count: number; examples: PreviewChange[] };
}

/** "a.com, b.com" or one per line → ["a.com", "b.com"]. */
function list(text: string): string[] {
  return text.split(/[\s,]+/).map((s) => s.trim()).filter((s) => s !== '');
}

function download(name: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const link = h('a', { href: url, download: name });
  document.body.append(link);
  link.click();
  link.remove();
  window.setTimeout(() => { URL.revokeObjectURL(url); }, 10_000);
}

function previewView(preview: Preview): HTMLElement {
  const rows = (changes: PreviewChange[]): HTMLElement => table(['Indicator', 'Now', 'After the change'], changes.map((c) => [
    h('a', { href: `/console/indicators/${c.id}` }, defanged(c.value)),
    `${c.before.verdict}${c.before.brand === null ? '' : ` (${c.before.brand})`}`,
    `${c.after.verdict}${c.after.brand === null ? '' : ` (${c.after.brand})`}`,
  ]));
  return h('section', { class: 'preview-result', id: 'preview' },
    h('h3', {}, 'What this change would do'),
    h('p', {}, `Of ${preview.checked} stored indicators${preview.partial ? ' (the newest; more are stored)' : ''}: `,
      h('strong', { id: 'newly-flagged' }, `${preview.newlyFlagged.count} newly flagged`), ', ',
      h('strong', {}, `${preview.noLongerFlagged.count} no longer flagged`), '.'),
    preview.newlyFlagged.examples.length === 0 ? null : rows(preview.newlyFlagged.examples),
    preview.noLongerFlagged.examples.length === 0 ? null : rows(preview.noLongerFlagged.examples));
}

export async function brandsPage(root: HTMLElement, editId: string | null): Promise<void> {
  let brands: Brand[];
  try {
    brands = (await api<{ brands: Brand[] }>('/api/v1/brands')).brands;
  } catch (problem) {
    mount(root, h('h1', {}, 'Brands'), notice(problem instanceof ApiError ? problem.message : 'the catalog could not be loaded', 'error'));
    return;
  }
  const editing = brands.find((b) => b.id === editId);
  const result = h('div', { 'aria-live': 'polite' });
  const id = h('input', { id: 'b-id', name: 'id', required: true, pattern: '[a-z0-9][a-z0-9_-]*', maxlength: 64, value: editing?.id ?? '', readonly: editing !== undefined });
  const name = h('input', { id: 'b-name', name: 'name', required: true, maxlength: 100, value: editing?.name ?? '' });
  const domains = h('textarea', { id: 'b-domains', name: 'domains', rows: 3, required: true }, editing?.domains.join('\n') ?? '');
  const keywords = h('textarea', { id: 'b-keywords', name: 'keywords', rows: 2 }, editing?.keywords.join('\n') ?? '');
  const brandOf = (): Record<string, unknown> => ({
    id: id.value.trim(), name: name.value.trim(), domains: list(domains.value), keywords: list(keywords.value),
    ...(editing?.generic === true ? { generic: true } : {}),
  });
  const failed = (problem: unknown): void => { result.replaceChildren(notice(problem instanceof ApiError ? problem.message : String(problem), 'error')); };

  const form = h('form', { class: 'brand-form', novalidate: true },
    h('h2', {}, editing === undefined ? 'Add a brand' : `Edit ${editing.name}`),
    h('div', { class: 'field' }, h('label', { for: 'b-id' }, 'Id'), id, h('p', { class: 'hint' }, 'Lowercase letters, digits, - and _; it names the brand in verdicts.')),
    h('div', { class: 'field' }, h('label', { for: 'b-name' }, 'Name'), name),
    h('div', { class: 'field' }, h('label', { for: 'b-domains' }, 'Official domains'), domains, h('p', { class: 'hint' }, 'One per line: registrable domains (example.com, example.co.uk). Everything under them is official.')),
    h('div', { class: 'field' }, h('label', { for: 'b-keywords' }, 'Keywords'), keywords, h('p', { class: 'hint' }, 'Brand tokens to look for in other domains; empty: taken from the domains.')),
    h('div', { class: 'buttons' },
      h('button', { type: 'button', id: 'b-preview', onclick: () => {
        result.replaceChildren(notice('Judging stored indicators…'));
        void api<Preview>('/api/v1/brands/preview', { method: 'POST', body: brandOf() }).then((p) => { result.replaceChildren(previewView(p)); }, failed);
      } }, 'Preview'),
      h('button', { type: 'submit', class: 'primary' }, 'Save'),
      editing === undefined ? null : h('button', { type: 'button', class: 'danger', onclick: () => {
        if (!window.confirm(`Delete ${editing.name} from the catalog?`)) return;
        void api(`/api/v1/brands/${encodeURIComponent(editing.id)}`, { method: 'DELETE' }).then(() => brandsPage(root, null), failed);
      } }, 'Delete')),
    result);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const brand = brandOf();
    void api(`/api/v1/brands/${encodeURIComponent(String(brand['id']))}`, { method: 'PUT', body: brand })
      .then(async () => {
        await brandsPage(root, null);
        root.querySelector('#brands-outcome')?.replaceChildren(notice(`Saved ${String(brand['name'])}. Stored indicators are being rescored.`, 'ok'));
      }, failed);
  });

  const importFile = h('input', { type: 'file', id: 'b-import', accept: '.json,.yaml,.yml,application/json' });
  importFile.addEventListener('change', () => {
    const file = importFile.files?.[0];
    if (file === undefined) return;
    void Promise.all([file.text(), import('yaml')]).then(([text, yaml]) => {
      // A catalog file is JSON or YAML (DESIGN.md); JSON is YAML too. The server validates what arrives. The YAML
      // parser is a separate chunk, loaded only for an import.
      const catalog: unknown = yaml.parse(text, { maxAliasCount: 100 });
      if (!window.confirm(`Replace the whole catalog (${brands.length} brands) with ${file.name}?`)) return undefined;
      return api<{ brands: number }>('/api/v1/brands', { method: 'PUT', body: catalog }).then(async (r) => {
        await brandsPage(root, null);
        root.querySelector('#brands-outcome')?.replaceChildren(notice(`Imported ${r.brands} brands. Stored indicators are being rescored.`, 'ok'));
      });
    }).catch(failed);
  });

  const filter = h('input', { type: 'search', placeholder: 'filter', 'aria-label': 'Filter brands' });
  const rows = h('tbody', {});
  const drawRows = (): void => {
    const f = filter.value.trim().toLowerCase();
    mount(rows, brands.filter((b) => f === '' || b.id.includes(f) || b.name.toLowerCase().includes(f) || b.domains.some((d) => d.includes(f))).map((b) =>
      h('tr', {},
        h('td', {}, h('a', { href: `/console/brands?edit=${encodeURIComponent(b.id)}` }, b.name)),
        h('td', {}, h('code', {}, b.id)),
        h('td', {}, b.domains.join(', ')),
        h('td', {}, b.keywords.join(', ')))));
  };
  filter.addEventListener('input', drawRows);
  drawRows();

  mount(root,
    h('h1', {}, `Brands (${brands.length})`),
    h('div', { id: 'brands-outcome' }),
    h('div', { class: 'toolbar' },
      h('button', { type: 'button', onclick: () => { download('hookwatch-brands.json', `${JSON.stringify({ brands }, null, 2)}\n`); } }, 'Export JSON'),
      h('label', { for: 'b-import', class: 'button' }, 'Import JSON or YAML…'), importFile,
      editing === undefined ? null : h('a', { href: '/console/brands', class: 'button' }, 'Add a brand instead')),
    form,
    h('h2', {}, 'Catalog'),
    filter,
    h('table', {}, h('thead', {}, h('tr', {}, ['Name', 'Id', 'Official domains', 'Keywords'].map((c) => h('th', { scope: 'col' }, c)))), rows));
}
