// The public region page: the adopted plan with its goals and measures, and each service's
// activity statistics as published (suppressed cells as SSB writes them, `:`), as a table and a chart.
import { barChart } from './chart.js';
import { documents } from './documents.js';
import { ApiError, el, gql, setStatus, showError } from './graphql.js';
import { count } from './words.js';

// Ten years up to the last whole year (a range the API accepts: at most 20).
const lastYear = new Date().getFullYear() - 1;
const years = { from: String(lastYear - 9), to: String(lastYear) };

const symbolOf = (cell) => (cell.value !== null ? null : cell.suppressed ? ':' : '..');

function renderPlan(plans) {
  const plan = plans.nodes[0];
  if (!plan?.adoptedVersion) return;
  document.getElementById('plan-title').textContent = `${plan.title} (${plan.period})`;
  const goals = plan.adoptedVersion.goals.map((g) => el('li', { text: g.kind === 'MAIN' ? `Hovedmål: ${g.title}` : g.title }));
  document.getElementById('plan-goals').replaceChildren(...goals);
  document.getElementById('plan-measures').replaceChildren(...plan.adoptedVersion.measures.map((m) => el('li', { text: m.title })));
  document.getElementById('plan').hidden = false;
}

function renderTable(table, metric) {
  const rows = table.rows.filter((r) => r.metric.code === metric.code);
  const totals = table.totals.filter((r) => r.metric.code === metric.code);
  // Years where nothing at all was imported are left out.
  const periods = [...new Set(rows.map((r) => r.period))].filter((p) => rows.some((r) => r.period === p && (r.value !== null || r.suppressed))).sort();
  const municipalities = [...new Map(rows.map((r) => [r.municipality.number, r.municipality])).values()];
  const caption = `${metric.name} per kommune og år`;
  document.getElementById('table-caption').textContent = caption;
  const head = el('tr', {}, el('th', { scope: 'col', text: 'Kommune' }), ...periods.map((p) => el('th', { scope: 'col', class: 'number', text: p })));
  const cell = (r) => el('td', { class: 'number', text: r ? count(r) : '..' });
  const body = municipalities.map((m) =>
    el('tr', {}, el('th', { scope: 'row', text: `${m.name} (${m.number})` }), ...periods.map((p) => cell(rows.find((r) => r.municipality.number === m.number && r.period === p)))),
  );
  body.push(el('tr', {}, el('th', { scope: 'row', text: 'Alle kommuner' }), ...periods.map((p) => cell(totals.find((r) => r.period === p)))));
  const tableEl = document.getElementById('stats-table');
  tableEl.tHead.replaceChildren(head);
  tableEl.tBodies[0].replaceChildren(...body);
  const points = periods.map((p) => {
    const total = totals.find((r) => r.period === p) ?? { value: null, suppressed: false };
    return { label: p, value: total.value, symbol: symbolOf(total) };
  });
  barChart(document.getElementById('chart'), `${metric.name}, alle kommuner`, points);
}

async function loadStatistics(serviceId) {
  setStatus('Henter statistikk …');
  const { activityStatistics: table } = await gql(documents.Statistics, { serviceId, ...years });
  const select = document.getElementById('metric');
  const withData = table.metrics.filter((m) => table.rows.some((r) => r.metric.code === m.code && (r.value !== null || r.suppressed)));
  select.replaceChildren(...withData.map((m) => el('option', { value: m.code, text: m.name })));
  const section = document.getElementById('stats');
  section.hidden = false;
  const draw = () => {
    const metric = withData.find((m) => m.code === select.value);
    if (metric) renderTable(table, metric);
  };
  select.onchange = draw;
  draw();
  setStatus(withData.length ? '' : 'Ingen publisert statistikk for denne tjenesten.');
}

async function main() {
  const code = new URLSearchParams(location.search).get('region') ?? 'nord-osterdal';
  const data = await gql(documents.Region, { code });
  if (!data.region) throw new ApiError(`Fant ingen region med koden «${code}».`, 'NOT_FOUND');
  document.title = `Samvirke – ${data.region.name}`;
  document.getElementById('region-name').textContent = data.region.name;
  document.getElementById('region-municipalities').textContent = `Kommuner: ${data.region.municipalities.map((m) => m.name).join(', ')}`;
  renderPlan(data.strategicPlans);
  const services = document.getElementById('service');
  services.replaceChildren(...data.region.sharedServices.map((s) => el('option', { value: s.id, text: s.name })));
  services.onchange = () => loadStatistics(services.value).catch(showError);
  if (data.region.sharedServices.length) await loadStatistics(services.value);
}

main().catch(showError);
