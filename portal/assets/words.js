// Norwegian words for the API's enum values (the API keeps enum values in English), and figures as
// Norwegians read them.
import { formatNumber } from './graphql.js';

export const STATUS_WORDS = {
  MET: 'oppfylt',
  BELOW_MINIMUM: 'under minimum',
  AT_RISK: 'i faresonen',
  IN_PROGRESS: 'pågår',
  ABOVE_MAXIMUM: 'over maksimum',
  NOT_APPLICABLE: 'ikke aktuelt',
  NOT_STARTED: 'ikke startet',
  IMPLEMENTED: 'gjennomført',
  EVALUATED: 'evaluert',
};

export const PLAN_STATES = {
  NOT_STARTED: 'ikke startet',
  IN_PERIOD: 'i planperioden',
  ENDING: 'nærmer seg slutten',
  ENDED: 'utløpt',
};

export const word = (map, value) => map[value] ?? value.toLowerCase().replaceAll('_', ' ');

/** Øre as kroner, as Norwegians write them: «1 234 567 kr». */
export const kroner = (ore) => (ore === null || ore === undefined ? '–' : `${new Intl.NumberFormat('nb-NO', { maximumFractionDigits: 0 }).format(Number(ore) / 100)} kr`);

/** A count as Norwegians write it, or SSB's symbols (`:` suppressed, `..` no data). */
export const count = (cell) => (cell.suppressed ? ':' : cell.value === null || cell.value === undefined ? '..' : formatNumber(cell.value));

/** A rate with one decimal, or SSB's symbols. */
export const rate = (cell) =>
  cell.suppressed
    ? ':'
    : cell.per1000Aged0To17 === null || cell.per1000Aged0To17 === undefined
      ? '..'
      : new Intl.NumberFormat('nb-NO', { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(cell.per1000Aged0To17);

export const ROLE_WORDS = {
  MUNICIPAL_DIRECTOR: 'kommunedirektør',
  MUNICIPAL_FINANCE: 'kommunens økonomi',
  AUDITOR: 'kontrollutvalg',
  SERVICE_LEADER: 'tjenesteleder',
  HOST_FINANCE: 'vertskommunens økonomi',
  REGION_ADMIN: 'regionadministrator',
  TST_LEADER: 'TST-leder',
  TST_MEMBER: 'TST-medlem',
  OPERATOR: 'driftsoperatør',
};

/** «2026-AUTUMN» → «høsten 2026», «2026-SPRING» → «våren 2026»; anything else as it is. */
export const termLabel = (label) => label.replace(/^(\d{4})-AUTUMN$/, 'høsten $1').replace(/^(\d{4})-SPRING$/, 'våren $1');
