// @ts-check
// Small typed helpers over the DOM: find an element of the page by id (and kind), build elements, say something in
// the page's status line. No inline styles anywhere: the page runs under a strict CSP.

/**
 * The element with this id, checked to be of the expected kind: a page that lost one fails loudly, here.
 * @template {HTMLElement} T
 * @param {string} id
 * @param {new () => T} [kind]
 * @returns {T}
 */
export function byId(id, kind) {
  const found = document.getElementById(id);
  if (found === null) throw new Error(`#${id} is missing from the page`);
  if (kind !== undefined && !(found instanceof kind)) throw new Error(`#${id} is not a ${kind.name}`);
  return /** @type {T} */ (found);
}

/** @param {string} id */
export const input = (id) => byId(id, HTMLInputElement);
/** @param {string} id */
export const select = (id) => byId(id, HTMLSelectElement);
/** @param {string} id */
export const textarea = (id) => byId(id, HTMLTextAreaElement);
/** @param {string} id */
export const form = (id) => byId(id, HTMLFormElement);
/** @param {string} id */
export const button = (id) => byId(id, HTMLButtonElement);

/** A form's control by name (an input, select or textarea). @param {HTMLFormElement} owner @param {string} name */
export function control(owner, name) {
  const found = owner.elements.namedItem(name);
  if (
    found instanceof HTMLInputElement ||
    found instanceof HTMLSelectElement ||
    found instanceof HTMLTextAreaElement
  )
    return found;
  throw new Error(`the form has no control named ${name}`);
}

/** @typedef {Node | string | null | undefined | false} Child */

/**
 * An element with attributes (`class`, `text` for its text, anything else as an attribute) and children.
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag
 * @param {Record<string, string | undefined>} [props]
 * @param {...Child} children
 * @returns {HTMLElementTagNameMap[K]}
 */
export function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined) continue;
    if (key === 'class') node.className = value;
    else if (key === 'text') node.textContent = value;
    else node.setAttribute(key, value);
  }
  for (const child of children)
    if (child !== null && child !== undefined && child !== false) node.append(child);
  return node;
}

/** Says something in the page's live status line (read out by screen readers). @param {string} message */
export function flash(message) {
  byId('flash').textContent = message;
}
