// The yearly state-of-service report (tilstandsrapport) to an owner council, as a printable page:
// the service leader's sections and the figures snapshot (statistics suppressed as for the public).
// The server renders the same page to PDF (GET /portal/tilstandsrapport.pdf?id=…).
import { p, table } from './blocks.js';
import { documents } from './documents.js';
import { ApiError, el, formatNumber, gql, setStatus, showError } from './graphql.js';
import { signInPanel } from './signin.js';
import { count, kroner, PLAN_STATES, rate, STATUS_WORDS, termLabel, word } from './words.js';

function statistics(s, municipality) {
  const periods = [...new Set(s.rows.map((r) => r.period))].sort();
  const metrics = [...new Map(s.rows.map((r) => [r.metricCode, r.metricName])).entries()];
  const find = (list, code, period) => list.find((r) => r.metricCode === code && r.period === period);
  const rows = metrics.flatMap(([code, name]) => [
    [`${name}, ${municipality}`, ...periods.map((period) => (find(s.rows, code, period) ? count(find(s.rows, code, period)) : '..'))],
    [`${name}, per 1 000 barn`, ...periods.map((period) => (find(s.rows, code, period) ? rate(find(s.rows, code, period)) : '..'))],
    [`${name}, per 1 000 barn i hele samarbeidet`, ...periods.map((period) => (find(s.cooperation, code, period) ? rate(find(s.cooperation, code, period)) : '..'))],
  ]);
  return rows.length ? table(`Aktivitet ${s.from}–${s.to} (: = skjult for å beskytte personvernet)`, ['Nøkkeltall', ...periods], rows) : p('Ingen publisert statistikk.');
}

function render(r) {
  const f = r.figures;
  const parts = [
    el('h1', { class: 'ds-heading', 'data-size': 'lg', text: `Tilstandsrapport ${r.year}: ${r.service.name}` }),
    p(
      `Til kommunestyret i ${r.municipality.name} (${r.municipality.number}). Tallene gjelder per ${r.figuresAsOf}. ${r.status === 'PUBLISHED' ? `Publisert, versjon ${r.version}.` : `Utkast, versjon ${r.version}: kan fortsatt endres.`}`,
    ),
  ];
  const sectionText = (key) => r.sections.find((s) => s.key === key);
  const narrative = (key) => {
    const s = sectionText(key);
    return s ? [el('h2', { class: 'ds-heading', 'data-size': 'md', text: s.title }), p(s.text ?? '(Ikke skrevet ennå.)')] : [];
  };
  parts.push(...narrative('SUMMARY'));
  parts.push(...narrative('ACTIVITY'), statistics(f.statistics, r.municipality.name));
  parts.push(...narrative('ECONOMY'));
  parts.push(
    f.costs
      ? table(
          `Kommunens andel (kostnadsrapport for ${f.costs.reportPeriod})`,
          ['', 'Beløp'],
          [
            ['Årsbudsjett', kroner(f.costs.budgetYearOre)],
            ['Budsjett hittil', kroner(f.costs.budgetYtdOre)],
            ['Regnskap hittil', kroner(f.costs.actualYtdOre)],
            ['Prognose for året', kroner(f.costs.forecastOre)],
            ['Avvik', kroner(f.costs.deviationOre)],
          ],
        )
      : p('Ingen publisert kostnadsrapport for året.'),
  );
  parts.push(...narrative('COLLABORATION'));
  for (const term of f.fora) {
    parts.push(
      term.attendance.length
        ? table(
            `Tjenestens oppmøte i foraene, ${termLabel(term.term)}`,
            ['Forum', 'Møter', 'Forventet', 'Til stede', 'Andel'],
            term.attendance.map((a) => [a.kindName, formatNumber(a.meetingsHeld), formatNumber(a.expected), formatNumber(a.present), a.rate === null ? '–' : `${Math.round(a.rate * 100)} %`]),
          )
        : p(`Ingen møter med tjenestens plasser ${termLabel(term.term)}.`),
    );
  }
  if (f.foraCompliance) {
    const c = f.foraCompliance;
    parts.push(
      c.kinds.length
        ? table(
            `Kommunens fora etter oppfylling av kravene, ${termLabel(c.term)}`,
            ['Forum', 'Fora', word(STATUS_WORDS, 'MET'), word(STATUS_WORDS, 'BELOW_MINIMUM'), word(STATUS_WORDS, 'AT_RISK'), word(STATUS_WORDS, 'ABOVE_MAXIMUM'), 'Enheter uten påkrevd forum'],
            c.kinds.map((k) => [k.kindName, ...[k.forums, k.met, k.belowMinimum, k.atRisk, k.aboveMaximum, k.unitsWithoutRequiredForum].map(formatNumber)]),
          )
        : p(`Ingen fora i kommunen ${termLabel(c.term)}.`),
      p(`Oppmøte på de obligatoriske plassene: ${c.mandatoryAttendanceRate === null ? '–' : `${Math.round(c.mandatoryAttendanceRate * 100)} %`}.`),
    );
  }
  parts.push(...narrative('PLAN'));
  for (const plan of f.plans) {
    parts.push(
      p(`${plan.title}: ${word(PLAN_STATES, plan.expiry.state)}, planperioden slutter ${plan.expiry.periodEnd}.`),
      table(
        `Tiltak i kommunen etter status (${formatNumber(plan.measureCount)} i alt)`,
        ['Status', 'Antall'],
        plan.counts.map((c) => [word(STATUS_WORDS, c.status), formatNumber(c.count)]),
      ),
      plan.overdueMilestones.length
        ? el('ul', { class: 'ds-list' }, ...plan.overdueMilestones.map((m) => el('li', { text: `Over fristen: ${m.title} (frist ${m.dueBy ?? 'ikke satt'})` })))
        : p('Ingen milepæler over fristen.'),
    );
  }
  parts.push(...narrative('OUTLOOK'));
  if (r.contentSha256) parts.push(el('p', { class: 'ds-paragraph', 'data-size': 'sm', text: `Kontrollsum (SHA-256): ${r.contentSha256}` }));
  const article = document.getElementById('report');
  article.replaceChildren(...parts);
  // The PDF renderer waits for this.
  article.dataset.ready = 'true';
}

async function main() {
  const account = document.getElementById('account');
  if (!(await signInPanel(account))) return setStatus('Denne siden krever innlogging.');
  const id = new URLSearchParams(location.search).get('id');
  if (!id) throw new ApiError('Velg en rapport: legg til ?id=<rapportens id> i adressen.', 'INPUT');
  const { stateReport } = await gql(documents.StateReport, { id });
  if (!stateReport) throw new ApiError('Fant ingen rapport med denne id-en som du har tilgang til.', 'NOT_FOUND');
  document.title = `Tilstandsrapport ${stateReport.year} – ${stateReport.municipality.name}`;
  await signInPanel(account, '');
  render(stateReport);
  setStatus('');
}

main().catch(showError);
