// The portal's only way to the data: Samvirke's public GraphQL API on the same origin, by the ids of
// the committed trusted documents.
// A development token (from `npm run token`) is kept in this tab's sessionStorage; without one the
// API answers as for the public.

const TOKEN_KEY = 'samvirke.token';

/** A GraphQL error the page can show: the API's message and its code (UNAUTHENTICATED, FORBIDDEN …). */
export class ApiError extends Error {
  constructor(message, code) {
    super(message);
    this.code = code;
  }
}

export function storedToken() {
  return sessionStorage.getItem(TOKEN_KEY) ?? '';
}

export function storeToken(token) {
  if (token) sessionStorage.setItem(TOKEN_KEY, token.trim());
  else sessionStorage.removeItem(TOKEN_KEY);
}

/**
 * Runs one of the portal's trusted documents (documents.js, generated from portal/operations/) by
 * its id: a GET, so the browser and any proxy can cache a public answer and revalidate it by ETag.
 * Resolves to `data` or rejects with an ApiError worded for people.
 */
export async function gql(documentId, variables = {}) {
  const headers = { accept: 'application/json', 'apollo-require-preflight': 'true' };
  const token = storedToken();
  if (token) headers.authorization = `Bearer ${token}`;
  const search = new URLSearchParams({ documentId, variables: JSON.stringify(variables) });
  let response;
  try {
    response = await fetch(`/graphql?${search}`, { headers });
  } catch {
    throw new ApiError('Fikk ikke kontakt med Samvirke. Sjekk nettverket og prøv igjen.', 'NETWORK');
  }
  const body = await response.json().catch(() => ({}));
  const error = body.errors?.[0];
  if (error) {
    const code = error.extensions?.code ?? 'ERROR';
    throw new ApiError(messageFor(code, error.message), code);
  }
  if (!response.ok || !body.data) throw new ApiError(`Samvirke svarte med feil (HTTP ${response.status}).`, 'HTTP');
  return body.data;
}

function messageFor(code, message) {
  if (code === 'UNAUTHENTICATED') return 'Innloggingen er ikke gyldig (utløpt eller feil token). Logg inn på nytt.';
  if (code === 'FORBIDDEN') return 'Du har ikke tilgang til disse opplysningene.';
  return message;
}

/** Shows an error to the user in the page's alert region. */
export function showError(error) {
  const box = document.getElementById('error');
  box.replaceChildren();
  box.className = 'ds-alert';
  box.dataset.color = 'danger';
  // For the PDF renderer (src/http/state-report-pdf.ts): which error, as the API named it.
  box.dataset.code = error instanceof ApiError ? error.code : 'ERROR';
  const p = document.createElement('p');
  p.className = 'ds-paragraph';
  p.textContent = error instanceof ApiError ? error.message : 'Noe gikk galt. Prøv igjen senere.';
  box.append(p);
  box.hidden = false;
  setStatus('');
}

export function setStatus(text) {
  const status = document.getElementById('status');
  status.textContent = text;
  status.hidden = !text;
}

/** An element with text content: the pages never build HTML from strings. */
export function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (key === 'class') node.className = value;
    else if (key === 'text') node.textContent = value;
    else node.setAttribute(key, value);
  }
  node.append(...children);
  return node;
}

/** Numbers as Norwegians write them (1 234). */
export const formatNumber = (n) => new Intl.NumberFormat('nb-NO').format(n);
