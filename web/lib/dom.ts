/**
 * The UI's only way to make elements. Everything the UI shows may come from an attacker (reported URLs, message
 * text, e-mail fields, brand names), so text goes in as text nodes, attributes through setAttribute, and there is no
 * innerHTML anywhere (an ESLint rule bans it in web/). Links may point inside the app, to mailto: or to an http(s)
 * support page from the operator's config; a reported URL is never a link (it is shown defanged).
 */

export type Child = Node | string | number | null | undefined | false | readonly Child[];

type Handler = (event: Event) => void;

export interface Props {
  readonly [attribute: string]: string | number | boolean | Handler | undefined | null;
}

const SAFE_HREF = /^(?:\/(?!\/)|#|mailto:|https?:\/\/|blob:)/i;

function append(parent: Node, child: Child): void {
  if (child === null || child === undefined || child === false) return;
  if (typeof child === 'string' || typeof child === 'number') {
    parent.appendChild(document.createTextNode(String(child)));
  } else if (child instanceof Node) {
    parent.appendChild(child);
  } else {
    for (const c of child) append(parent, c);
  }
}

/** `h('button', {type: 'button', onclick: go}, 'Go')`. Boolean true sets an empty attribute; false/null omits it. */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, props: Props = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) continue;
    if (typeof value === 'function') {
      element.addEventListener(name.replace(/^on/, ''), value);
    } else if (name === 'href' && !SAFE_HREF.test(String(value))) {
      throw new Error(`refusing an unsafe link target: ${String(value).slice(0, 40)}`);
    } else {
      element.setAttribute(name, value === true ? '' : String(value));
    }
  }
  for (const child of children) append(element, child);
  return element;
}

/** An inline SVG element (charts), attributes only. */
export function svg(tag: string, attributes: Readonly<Record<string, string | number>> = {}, ...children: (SVGElement | string)[]): SVGElement {
  const element = document.createElementNS('http://www.w3.org/2000/svg', tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, String(value));
  for (const child of children) element.append(child);
  return element;
}

/** Replaces the children of `parent`. */
export function mount(parent: Element, ...children: Child[]): void {
  parent.replaceChildren();
  for (const child of children) append(parent, child);
}
