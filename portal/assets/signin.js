// Signing in on the portal's pages. In development: a token from `npm run -s token -- --person kd-3429`
// pasted into the form (kept in this tab's sessionStorage only). The pages then read as that person.
import { el, storedToken, storeToken } from './graphql.js';

/**
 * Fills `container` with the sign-in form when there is no token, or a short "signed in" line with
 * a sign-out button; `who` is the viewer's display text when known.
 */
export function signInPanel(container, who) {
  if (!storedToken()) {
    const input = el('textarea', { id: 'token', class: 'ds-input', rows: '3', autocomplete: 'off', spellcheck: 'false' });
    const form = el(
      'form',
      { class: 'portal-signin', id: 'signin' },
      el('div', { class: 'ds-field' }, el('label', { class: 'ds-label', for: 'token', text: 'Token' }), input),
      el('p', { class: 'ds-paragraph', 'data-size': 'sm', text: 'Utviklertoken: kjør «npm run -s token -- --person kd-3429» i prosjektet og lim inn den siste linjen.' }),
      el('button', { class: 'ds-button', type: 'submit', 'data-variant': 'primary', text: 'Logg inn' }),
    );
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      storeToken(input.value);
      location.reload();
    });
    container.replaceChildren(el('h2', { class: 'ds-heading', 'data-size': 'sm', text: 'Logg inn' }), form);
    return false;
  }
  const out = el('button', { class: 'ds-button', type: 'button', 'data-variant': 'secondary', text: 'Logg ut' });
  out.addEventListener('click', () => {
    storeToken('');
    location.reload();
  });
  container.replaceChildren(el('p', { class: 'ds-paragraph', text: who ? `Innlogget som ${who}.` : 'Innlogget.' }), out);
  return true;
}
