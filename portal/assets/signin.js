// Signing in on the portal's pages. In development: a token from `npm run -s token -- --person kd-3429`
// pasted into the form (kept in this tab's sessionStorage only). The pages then read as that person.
import { documents } from './documents.js';
import { el, gql, setStatus, showError, storedToken, storeToken } from './graphql.js';
import { startSignIn } from './oidc.js';
import { ROLE_WORDS, word } from './words.js';

let config;
/** The deployment's sign-in (GET /portal/config.json): its OpenID Connect provider, and whether dev tokens are offered. */
async function signInConfig() {
  config ??= await fetch('/portal/config.json')
    .then((r) => r.json())
    .catch(() => ({ oidc: null, devTokens: false }));
  return config;
}

/**
 * Fills `container` with the sign-in form when there is no token, or a short "signed in" line with
 * a sign-out button; `who` is the viewer's display text when known.
 */
export async function signInPanel(container, who) {
  if (!storedToken()) {
    const { oidc, devTokens } = await signInConfig();
    const parts = [el('h2', { class: 'ds-heading', 'data-size': 'sm', text: 'Logg inn' })];
    if (oidc) {
      const button = el('button', { class: 'ds-button', type: 'button', 'data-variant': 'primary', text: 'Logg inn med kommunens ID-løsning' });
      button.addEventListener('click', () => startSignIn(oidc).catch(showError));
      parts.push(button);
    }
    if (!devTokens) {
      container.replaceChildren(...parts);
      return false;
    }
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
    container.replaceChildren(...parts, form);
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

/**
 * A signed-in page's start: the sign-in form when there is no token (then null), otherwise the
 * viewer (who, which municipality, which region's services), named in the panel.
 */
export async function signedInViewer(container) {
  if (!(await signInPanel(container))) {
    setStatus('Denne siden krever innlogging.');
    return null;
  }
  const { viewer } = await gql(documents.Viewer);
  await signInPanel(container, [viewer.municipality?.name, word(ROLE_WORDS, viewer.role)].filter(Boolean).join(', '));
  return viewer;
}
