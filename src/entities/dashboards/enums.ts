import { registerEnumType } from 'type-graphql';

export enum StateReportStatus {
  DRAFT = 'DRAFT',
  PUBLISHED = 'PUBLISHED',
}
registerEnumType(StateReportStatus, {
  name: 'StateReportStatus',
  description:
    "DRAFT (the service leader's, visible to the service and the region admin) → PUBLISHED (immutable; the owner municipality's director, finance and auditor read it). Preparing again after publication makes the next version as a new draft.",
});

/** The narrative sections of a state-of-service report, in the order a page shows them. */
export enum StateReportSectionKey {
  SUMMARY = 'SUMMARY',
  ACTIVITY = 'ACTIVITY',
  ECONOMY = 'ECONOMY',
  COLLABORATION = 'COLLABORATION',
  PLAN = 'PLAN',
  OUTLOOK = 'OUTLOOK',
}
registerEnumType(StateReportSectionKey, {
  name: 'StateReportSectionKey',
  description: 'A narrative section of the state-of-service report (tilstandsrapport), in page order; each has a bokmål title (StateReportSection.title).',
});

/** The bokmål title of each section (a page's headings). */
export const SECTION_TITLES: Record<StateReportSectionKey, string> = {
  SUMMARY: 'Sammendrag',
  ACTIVITY: 'Aktivitet',
  ECONOMY: 'Økonomi',
  COLLABORATION: 'Samarbeid og fora',
  PLAN: 'Plan og oppfølging',
  OUTLOOK: 'Utfordringer og veien videre',
};
