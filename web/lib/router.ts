/** A small history-API router: in-app links change the path without a page load; Back and Forward work. */

export type Render = (path: string, params: URLSearchParams) => void | Promise<void>;

let render: Render = () => undefined;

export function startRouter(renderPage: Render): void {
  render = renderPage;
  window.addEventListener('popstate', () => { void refresh(); });
  // In-app links (href starting with a single "/"), left click without modifiers: handled here.
  document.addEventListener('click', (event) => {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    const link = (event.target as Element | null)?.closest('a');
    const href = link?.getAttribute('href');
    if (link === null || link === undefined || href === null || href === undefined || !href.startsWith('/') || href.startsWith('//')) return;
    if (link.hasAttribute('download') || link.target !== '') return;
    event.preventDefault();
    navigate(href);
  });
  void refresh();
}

export function navigate(href: string, replace = false): void {
  if (replace) history.replaceState(null, '', href);
  else history.pushState(null, '', href);
  void refresh();
}

export async function refresh(): Promise<void> {
  await render(location.pathname, new URLSearchParams(location.search));
}
