import { Role } from '../../src/auth/roles';
import { toGlobalId } from '../../src/global-id';
import { scalar } from '../helpers/fixtures';
import { ok, TestApp } from '../helpers/test-app';

/** The state-of-service report as a client asks for it (every part the portal page renders). */
const STAT_ROW = `metricCode metricName period value suppressed reason per1000Aged0To17 changeFromPreviousYear`;
export const REPORT_FIELDS = `id year version status figuresAsOf preparedBy publishedAt publishedBy contentSha256
  service { name } municipality { number name }
  figures { serviceName municipalityNumber municipalityName year asOf
    statistics { view suppression { min max } from to rows { ${STAT_ROW} } cooperation { ${STAT_ROW} } }
    costs { reportPeriod reportVersion budgetYearOre budgetYtdOre actualYtdOre forecastOre deviationOre }
    fora { term label from to attendance { kindCode kindName meetingsHeld expected present rate } }
    foraCompliance { term label from to kinds { kindCode kindName forums met belowMinimum atRisk aboveMaximum unitsWithoutRequiredForum } mandatoryExpected mandatoryPresent mandatoryAttendanceRate }
    plans { planId title measureCount counts { status count share } overdueMilestones { title dueBy status } expiry { periodEnd state monthsLeft flagged } } }
  sections { key title text }`;

const ERRORS = `userErrors { field message code }`;
export const PREPARE = `mutation($input: PrepareStateReportInput!) { prepareStateReport(input: $input) { ${ERRORS} report { ${REPORT_FIELDS} } } }`;
export const WRITE = `mutation($input: WriteStateReportSectionInput!) { writeStateReportSection(input: $input) { ${ERRORS} report { id sections { key title text } } } }`;
export const PUBLISH = `mutation($input: StateReportIdInput!) { publishStateReport(input: $input) { ${ERRORS} report { id status version contentSha256 publishedAt publishedBy } } }`;
export const ONE = `query($id: ID!) { stateReport(id: $id) { id status version } }`;
export const NODE = `query($id: ID!) { node(id: $id) { id ... on StateReport { status version } } }`;
export const LIST = `query($serviceId: ID, $municipalityNumber: String, $year: Int) { stateReports(serviceId: $serviceId, municipalityNumber: $municipalityNumber, year: $year, first: 10) {
  totalCount nodes { ${REPORT_FIELDS} } } }`;

export const leaderToken = (app: TestApp) => app.token(Role.SERVICE_LEADER, { service: 'barnevern' });
export const barnevern = async (app: TestApp) =>
  toGlobalId('SharedService', await scalar(app, `SELECT s.id FROM shared_service s JOIN region r ON r.id = s.region_id WHERE s.code = 'barnevern' AND r.code = 'nord-osterdal'`));

/** Prepares the report of `number` for `year` as barnevern's leader; fails the test on any error. */
export async function prepared(app: TestApp, number: string, year: number, token?: string) {
  const res = ok(await app.gql(PREPARE, { input: { serviceId: await barnevern(app), municipalityNumber: number, year } }, token ?? (await leaderToken(app)))).prepareStateReport;
  expect(res.userErrors).toEqual([]);
  return res.report;
}

/** Prepares and publishes the report of `number` for `year`. */
export async function published(app: TestApp, number: string, year: number) {
  const token = await leaderToken(app);
  const report = await prepared(app, number, year, token);
  const res = ok(await app.gql(PUBLISH, { input: { reportId: report.id } }, token)).publishStateReport;
  expect(res.userErrors).toEqual([]);
  return { ...report, ...res.report };
}
