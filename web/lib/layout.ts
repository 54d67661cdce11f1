/** The frame shared by the portal and the console: header with the operator's name and logo, main, footer. */
import type { UiConfig } from './api.js';
import { h, mount, type Child } from './dom.js';

export function brandMark(ui: UiConfig, home: string): HTMLElement {
  return h('a', { href: home, class: 'brandmark' },
    ui.hasLogo ? h('img', { src: '/branding/logo', alt: '', width: 32, height: 32 }) : null,
    h('span', {}, ui.name));
}

export function supportLinks(ui: UiConfig): Child {
  if (ui.supportUrl === null && ui.supportEmail === null) return null;
  return h('p', { class: 'support' }, 'Need help? ',
    ui.supportUrl === null ? null : h('a', { href: ui.supportUrl, rel: 'noopener noreferrer' }, 'Contact support'),
    ui.supportUrl !== null && ui.supportEmail !== null ? ' · ' : null,
    ui.supportEmail === null ? null : h('a', { href: `mailto:${ui.supportEmail}` }, ui.supportEmail));
}

/** Renders a page into #app: a skip link, the header (with `nav`), the page's content in <main>, the footer. */
export function frame(ui: UiConfig, home: string, nav: Child, content: Child, footer: Child): void {
  const app = document.getElementById('app');
  if (app === null) return;
  mount(app,
    h('a', { href: '#main', class: 'skip' }, 'Skip to content'),
    h('header', { class: 'top' }, brandMark(ui, home), nav),
    h('main', { id: 'main', tabindex: -1 }, content),
    h('footer', {}, footer));
}

export function errorBox(message: string): HTMLElement {
  return h('div', { class: 'notice error', role: 'alert' }, message);
}
