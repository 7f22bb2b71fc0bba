import { registerEnumType } from 'type-graphql';

export enum MetricAggregation {
  FLOW = 'FLOW',
  STOCK = 'STOCK',
}
registerEnumType(MetricAggregation, {
  name: 'MetricAggregation',
  description:
    'FLOW = events in a period (meldinger): months add up to the year, periods add up. STOCK = a state (children with measures at 31.12 or during the year): never summed over time; a year figure is not the sum of twelve months.',
});

export enum MetricPeriod {
  MONTH = 'MONTH',
  YEAR = 'YEAR',
}
registerEnumType(MetricPeriod, {
  name: 'MetricPeriod',
  description: "The finest period a metric is given for. MONTH: monthly figures (a flow's year is their sum; a stock also has its own year figure). YEAR: year figures only.",
});

export enum StatisticsGroupBy {
  MUNICIPALITY = 'MUNICIPALITY',
  YEAR = 'YEAR',
  MONTH = 'MONTH',
}
registerEnumType(StatisticsGroupBy, { name: 'StatisticsGroupBy', description: 'What the rows are split by; everything else is added up (where adding up is right).' });

export enum StatisticsView {
  UNSUPPRESSED = 'UNSUPPRESSED',
  OWN_MUNICIPALITY = 'OWN_MUNICIPALITY',
  SUPPRESSED = 'SUPPRESSED',
}
registerEnumType(StatisticsView, {
  name: 'StatisticsView',
  description:
    "What the caller sees. UNSUPPRESSED: the leader of the service. OWN_MUNICIPALITY: true counts of the caller's municipality, the published (suppressed) table for the rest. SUPPRESSED: the published table.",
});

export enum CellReason {
  SUPPRESSED = 'SUPPRESSED',
  INCOMPLETE = 'INCOMPLETE',
  MISSING = 'MISSING',
}
registerEnumType(CellReason, {
  name: 'CellReason',
  description:
    'Why a cell has no value. SUPPRESSED (":" in CSV, SSB\'s "prikket"): a small count, or a number that would reveal one. INCOMPLETE: a sum over cells of which some are suppressed; see partialSum and suppressedContributors (never a partial sum presented as the total). MISSING (".." in CSV): no data for the period, not zero.',
});
