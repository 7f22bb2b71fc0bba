// The kontrollutvalg's comparison: the owner municipalities side by side per 1,000 children
// (municipalityComparison), with the cooperation as a whole and the municipalities that stand out.
import { documents } from './documents.js';
import { ApiError, el, gql, setStatus, showError } from './graphql.js';
import { signedInViewer } from './signin.js';
import { rate } from './words.js';

const lastYear = new Date().getFullYear() - 1;
const years = { from: String(lastYear - 9), to: String(lastYear) };

function render(c, metric) {
  const rows = c.rows.filter((r) => r.metric.code === metric.code);
  const periods = [...new Set(rows.filter((r) => r.value !== null || r.suppressed).map((r) => r.period))].sort();
  const municipalities = [...new Map(rows.map((r) => [r.municipality.number, r.municipality])).values()];
  document.getElementById('comparison-caption').textContent = `${metric.name} per 1 000 barn 0–17 år, ${c.service.name}`;
  const cellOf = (r) => {
    if (!r) return el('td', { class: 'number', text: '..' });
    const td = el('td', { class: 'number', text: rate(r) });
    if (r.standsOut) td.append(el('span', { class: 'portal-stands-out', text: ' ▲', 'aria-hidden': 'true' }), el('span', { class: 'ds-sr-only', text: ' (skiller seg ut)' }));
    return td;
  };
  const head = el('tr', {}, el('th', { scope: 'col', text: 'Kommune' }), ...periods.map((period) => el('th', { scope: 'col', class: 'number', text: period })));
  const body = municipalities.map((m) =>
    el('tr', {}, el('th', { scope: 'row', text: `${m.name} (${m.number})` }), ...periods.map((period) => cellOf(rows.find((r) => r.municipality.number === m.number && r.period === period)))),
  );
  const all = c.cooperation.filter((r) => r.metric.code === metric.code);
  body.push(
    el(
      'tr',
      {},
      el('th', { scope: 'row', text: 'Hele samarbeidet' }),
      ...periods.map((period) => el('td', { class: 'number', text: (all.find((r) => r.period === period) && rate(all.find((r) => r.period === period))) || '..' })),
    ),
  );
  const tableEl = document.getElementById('comparison-table');
  tableEl.tHead.replaceChildren(head);
  tableEl.tBodies[0].replaceChildren(...body);
}

async function load(serviceId) {
  setStatus('Henter sammenligning …');
  const { municipalityComparison: c } = await gql(documents.MunicipalityComparison, { serviceId, ...years });
  const select = document.getElementById('metric');
  const withData = c.metrics.filter((m) => c.rows.some((r) => r.metric.code === m.code && (r.value !== null || r.suppressed)));
  select.replaceChildren(...withData.map((m) => el('option', { value: m.code, text: m.name })));
  select.onchange = () =>
    render(
      c,
      withData.find((m) => m.code === select.value),
    );
  if (withData.length) render(c, withData[0]);
  document.getElementById('comparison').hidden = false;
  setStatus(withData.length ? '' : 'Ingen publisert statistikk for denne tjenesten.');
}

async function main() {
  const viewer = await signedInViewer(document.getElementById('account'));
  if (!viewer) return;
  const services = viewer.region?.sharedServices ?? [];
  if (!services.length) throw new ApiError('Ingen tjenester å sammenligne for din rolle.', 'INPUT');
  const select = document.getElementById('service');
  select.replaceChildren(...services.map((s) => el('option', { value: s.id, text: s.name })));
  const wanted = new URLSearchParams(location.search).get('service');
  if (wanted && services.some((s) => s.id === wanted)) select.value = wanted;
  select.onchange = () => load(select.value).catch(showError);
  await load(select.value);
}

main().catch(showError);
