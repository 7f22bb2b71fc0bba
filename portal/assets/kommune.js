// The kommunedirektør's dashboard: one query (municipalityDashboard) for the municipality's shared
// services — costs against budget, alerts, activity statistics per 1,000 children beside the
// cooperation's and, where SSB's figures are imported, the county's and the country's, fora compliance and the shared plan's follow-up. Parts the role may not see are
// named, not hidden silently.
import { h2, h3, p, table } from './blocks.js';
import { documents } from './documents.js';
import { ApiError, el, formatNumber, gql, setStatus, showError } from './graphql.js';
import { signedInViewer } from './signin.js';
import { kroner, PLAN_STATES, rate, STATUS_WORDS, termLabel, word } from './words.js';

function costs(section, year) {
  const line = section.ownLine;
  if (!line) return p(`Ingen publisert kostnadsrapport for ${year} ennå.`);
  const change = section.ownChange;
  return table(
    `Kommunens andel, hittil i år (rapport for ${section.reportPeriod})`,
    ['', 'Beløp', ...(change ? [`Endring siden ${change.since}`] : [])],
    [
      ['Budsjett hittil', kroner(line.budgetYtdOre), ...(change ? [''] : [])],
      ['Regnskap hittil', kroner(line.actualYtdOre), ...(change ? [''] : [])],
      ['Prognose for året', kroner(line.forecastOre), ...(change ? [kroner(change.forecastOre)] : [])],
      ['Avvik', kroner(line.deviationOre), ...(change ? [kroner(change.deviationOre)] : [])],
    ],
  );
}

function statistics(section, municipalityName) {
  const s = section.statistics;
  const periods = [...new Set(s.rows.filter((r) => r.value !== null || r.suppressed).map((r) => r.period))].sort().slice(-5);
  if (!periods.length) return p('Ingen publisert statistikk.');
  const rows = s.metrics.flatMap((m) => {
    const own = (period) => s.rows.find((r) => r.metric.code === m.code && r.period === period);
    const all = (period) => s.cooperation.find((r) => r.metric.code === m.code && r.period === period);
    if (!periods.some((period) => own(period))) return [];
    // SSB's county and country figures, where imported (null: not imported, shown as SSB's "..").
    const reference = (period) => section.references.find((r) => r.metric.code === m.code && r.period === period);
    const area = (label, pick) =>
      periods.some((period) => pick(reference(period)) !== null) ? [[`${m.name}, ${label}`, ...periods.map((period) => rate({ suppressed: false, per1000Aged0To17: pick(reference(period)) }))]] : [];
    const county = section.references[0]?.countyCode;
    return [
      [`${m.name}, ${municipalityName}`, ...periods.map((period) => (own(period) ? rate(own(period)) : '..'))],
      [`${m.name}, hele samarbeidet`, ...periods.map((period) => (all(period) ? rate(all(period)) : '..'))],
      ...area(`fylket (${county})`, (r) => r?.countyPer1000 ?? null),
      ...area('hele landet', (r) => r?.countryPer1000 ?? null),
    ];
  });
  return table('Per 1 000 barn 0–17 år', ['Nøkkeltall', ...periods], rows);
}

function render(d) {
  const parts = [];
  for (const section of d.services) {
    parts.push(
      el(
        'section',
        { 'aria-label': section.service.name },
        h2(section.service.name),
        h3('Økonomi'),
        costs(section, d.period.month.slice(0, 4)),
        p(section.openAlerts.count ? `${formatNumber(section.openAlerts.count)} åpne varsler om avvik.` : 'Ingen åpne varsler.'),
        ...(section.openAlerts.newest.length ? [el('ul', { class: 'ds-list' }, ...section.openAlerts.newest.map((a) => el('li', { text: `${a.period}: ${a.message}` })))] : []),
        h3('Aktivitet'),
        statistics(section, d.municipality.name),
      ),
    );
  }
  if (d.fora) {
    const s = d.fora.summary;
    parts.push(
      el(
        'section',
        { 'aria-label': 'Samarbeidsfora' },
        h2(`Samarbeidsfora og TST, ${termLabel(d.fora.period.label)}`),
        p(
          `${formatNumber(s.forums)} fora, ${formatNumber(s.meetingsHeld)} møter holdt. Oppmøte på de obligatoriske plassene: ${s.mandatoryAttendanceRate === null ? '–' : `${Math.round(s.mandatoryAttendanceRate * 100)} %`}. Enheter uten påkrevd forum: ${formatNumber(s.unitsWithoutRequiredForum)}.`,
        ),
        table(
          'Fora etter status',
          ['Status', 'Antall'],
          d.fora.forumsByStatus.map((c) => [word(STATUS_WORDS, c.status), formatNumber(c.count)]),
        ),
      ),
    );
  }
  for (const plan of d.plans) {
    const counts = plan.implementation[0]?.counts ?? [];
    parts.push(
      el(
        'section',
        { 'aria-label': plan.plan.title },
        h2('Den felles planen'),
        p(`${plan.plan.title}: ${word(PLAN_STATES, plan.expiry.state)}, planperioden slutter ${plan.expiry.periodEnd}.`),
        table(
          'Tiltak i kommunen etter status',
          ['Status', 'Antall'],
          counts.map((c) => [word(STATUS_WORDS, c.status), formatNumber(c.count)]),
        ),
        h3('Milepæler over fristen'),
        plan.overdueMilestones.length
          ? el('ul', { class: 'ds-list' }, ...plan.overdueMilestones.map((m) => el('li', { text: `${m.milestone.title} (frist ${m.dueBy ?? 'ikke satt'})` })))
          : p('Ingen.'),
      ),
    );
  }
  if (d.hidden.length)
    parts.push(el('section', { 'aria-label': 'Ikke vist' }, h2('Ikke vist for din rolle'), el('ul', { class: 'ds-list' }, ...d.hidden.map((h) => el('li', { text: `${h.part}: ${h.reason}` })))));
  document.getElementById('dashboard').replaceChildren(...parts);
}

async function main() {
  const viewer = await signedInViewer(document.getElementById('account'));
  if (!viewer) return;
  const number = new URLSearchParams(location.search).get('number') ?? viewer.municipality?.number;
  if (!number) throw new ApiError('Velg en kommune: legg til ?number=<kommunenummer> i adressen.', 'INPUT');
  const { municipalityDashboard: d } = await gql(documents.MunicipalityDashboard, { number });
  document.getElementById('title').textContent = `${d.municipality.name}: de delte tjenestene`;
  document.getElementById('subtitle').textContent = `Kommunedirektørens oversikt for ${d.period.month} (${d.municipality.number}).`;
  render(d);
  setStatus('');
}

main().catch(showError);
