// The building blocks of the signed-in pages, in Designsystemet's classes: headings, paragraphs and
// a table in a scroll region the keyboard reaches (labelled by its caption, `scope` on every header).
import { el } from './graphql.js';

export const h2 = (text) => el('h2', { class: 'ds-heading', 'data-size': 'md', text });
export const h3 = (text) => el('h3', { class: 'ds-heading', 'data-size': 'sm', text });
export const p = (text) => el('p', { class: 'ds-paragraph', text });

/** `rows`: arrays of cell texts, the first of each a row header; numbers right-aligned. */
export function table(caption, headers, rows) {
  const id = `t${Math.random().toString(36).slice(2, 8)}`;
  return el(
    'div',
    { class: 'portal-table-scroll', tabindex: '0', role: 'region', 'aria-labelledby': id },
    el(
      'table',
      { class: 'ds-table', 'data-border': 'true' },
      el('caption', { id, text: caption }),
      el('thead', {}, el('tr', {}, ...headers.map((h, i) => el('th', { scope: 'col', class: i ? 'number' : '', text: h })))),
      el('tbody', {}, ...rows.map((cells) => el('tr', {}, el('th', { scope: 'row', text: cells[0] }), ...cells.slice(1).map((c) => el('td', { class: 'number', text: c }))))),
    ),
  );
}
