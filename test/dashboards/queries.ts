/** The three dashboard queries as a client would ask them, every part selected (the tests and bench/dashboards.ts send these). */
const ROW = `metric { code } municipality { number } period value suppressed reason per1000Aged0To17 changeFromPreviousYear`;
const STATISTICS = `statistics { view suppression { min max } metrics { code } from to rows { ${ROW} } cooperation { ${ROW} } }`;
const LINE = `municipality { number } budgetYtdOre actualYtdOre forecastOre deviationOre sharePercent`;
const CHANGE = `since actualYtdOre forecastOre deviationOre`;
const ALERTS = `openAlerts { count newest { id period municipality { number } } }`;
const MILESTONE = `milestone { key } status dueBy overdue doneLate`;
const PLANS = `plans { plan { id title } implementation { municipality { number } measureCount counts { status count total share } }
  milestonesDue { ${MILESTONE} } overdueMilestones { ${MILESTONE} } expiry { periodEnd state monthsLeft flagged } }`;
const PERIOD = `period { month year asOf term }`;

export const MUNICIPALITY_DASHBOARD = `query($number: String!, $period: String) { municipalityDashboard(number: $number, period: $period) {
  municipality { number name } ${PERIOD}
  services { service { name } costs { year sharePercent population report { period version } own { ${LINE} } total { ${LINE} } }
    reportPeriod ownLine { ${LINE} } ownChange { ${CHANGE} } ${ALERTS} ${STATISTICS}
    references { metric { code } period municipalityPer1000 cooperationPer1000 countyCode countyPer1000 countryPer1000 } }
  fora { period { label from to } summary { forums meetingsHeld forumsBelowMinimum mandatoryExpected mandatoryPresent mandatoryAttendanceRate overdueFollowUps }
    forumsByStatus { status count } cadenceWindows { status count } }
  ${PLANS}
  hidden { part reason } } }`;

export const SERVICE_DASHBOARD = `query($serviceId: ID!, $period: String) { serviceDashboard(serviceId: $serviceId, period: $period) {
  service { name } ${PERIOD} owners { number }
  report { period version } ownerCosts { municipality { number } line { ${LINE} } change { ${CHANGE} } } total { line { ${LINE} } change { ${CHANGE} } }
  ${ALERTS} ${STATISTICS}
  foraLoad { owners { number } attendance { municipality { number } kind { code } meetingsHeld expected present } load { hoursPerYear meetingsPerYear fullTimeEquivalents } }
  ${PLANS}
  hidden { part reason } } }`;

export const COMPARISON = `query($serviceId: ID!, $from: String!, $to: String!, $metrics: [String!]) { municipalityComparison(serviceId: $serviceId, from: $from, to: $to, metrics: $metrics) {
  service { name } view suppression { min max } metrics { code } from to
  rows { ${ROW} ratioToCooperation standsOut } cooperation { ${ROW} } standingOut { metric { code } municipality { number } period } } }`;
