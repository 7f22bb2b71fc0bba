import { baseUrl } from '../helpers/fixtures';
import { checkMatrix, denied } from '../helpers/permission-matrix';
import { ok, TestApp } from '../helpers/test-app';
import { ACTIVITY_QUERY, serviceGlobalId } from './fixtures/queries';
import { generate15f } from '../../bench/kostra-15f';
import { record } from './kostra-helpers';

/** docs/permissions.md, "Activity statistics (feature `statistics`)": every cell against the running API. */
let app: TestApp;

checkMatrix('statistics', async (started) => {
  app = started;
  const barnevern = await serviceGlobalId(app, 'barnevern');
  const valdresBarnevern = await serviceGlobalId(app, 'barnevern', 'valdres');
  return {
    async readStatisticsCatalogue(_role, token) {
      const res = await app.gql(`query($id: ID!) { statisticsMetrics(serviceId: $id) { code builtIn } }`, { id: barnevern }, token);
      if (res.errors) return denied(res);
      expect(res.data.statisticsMetrics.map((m: any) => m.code)).toContain('reports_received');
      const other = await app.gql(`query($id: ID!) { statisticsMetrics(serviceId: $id) { code } }`, { id: valdresBarnevern }, token);
      if (other.errors) {
        expect(other.errors[0].extensions?.code).toBe('NOT_FOUND');
        return { allow: true, scope: 'own region' };
      }
      return { allow: true, scope: 'every region' };
    },
    async readActivityStatistics(_role, token) {
      // 2021, children with support measures: Rendalen (3424) and Folldal (3429) have 2 each (suppressed in public).
      const res = await app.gql(ACTIVITY_QUERY, { serviceId: barnevern, from: '2021', to: '2021', groupBy: ['MUNICIPALITY', 'YEAR'], metrics: ['children_support_measures'] }, token);
      if (res.errors) return denied(res);
      const value = (n: string) => res.data.activityStatistics.rows.find((r: any) => r.municipality.number === n).value;
      const csv = await fetch(`${baseUrl(app)}/statistics/activity.csv?serviceId=${encodeURIComponent(barnevern)}&from=2021&to=2021&groupBy=MUNICIPALITY,YEAR&metrics=children_support_measures`, {
        headers: token ? { authorization: `Bearer ${token}` } : {},
      });
      const lines = (await csv.text()).split('\r\n');
      const csvValue = (n: string) => lines.find((l) => l.split(';')[2] === n)!.split(';')[5];
      expect([csvValue('3424'), csvValue('3429')]).toEqual([String(value('3424') ?? ':'), String(value('3429') ?? ':')]);
      if (value('3424') === 2 && value('3429') === 2) return { allow: true, scope: 'true counts of own service' };
      expect(value('3424')).toBeNull();
      return value('3429') === 2 ? { allow: true, scope: 'true counts of own municipality' } : { allow: true, scope: 'suppressed' };
    },
    async importStatistics(_role, token) {
      const res = await fetch(`${baseUrl(app)}/imports/statistics?dryRun=true`, {
        method: 'POST',
        headers: { 'content-type': 'text/csv', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: 'kommunenummer,period,metric,value\n3429,2023,children_care_measures,3\n',
      });
      const body: any = await res.json();
      if (body.errors) return { allow: false, code: body.errors[0].extensions.code };
      expect([res.status, body.inserted, body.problems]).toEqual([200, 1, []]);
      return { allow: true, scope: 'own service' };
    },
    async importKostraBarnevern(_role, token) {
      const file = [...generate15f({ kommunenummer: '3429', year: 2021, individs: 2 })].join('');
      const res = await fetch(`${baseUrl(app)}/imports/kostra-barnevern?dryRun=true`, {
        method: 'POST',
        headers: { 'content-type': 'application/xml', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: file,
      });
      const body: any = await res.json();
      if (body.errors) return { allow: false, code: body.errors[0].extensions.code };
      expect([res.status, body.dryRun, body.problems]).toEqual([200, true, []]);
      return { allow: true, scope: 'own service' };
    },
    async importKostraSosialhjelp(_role, token) {
      // The matrix's SERVICE_LEADER leads barnevern: allowed to import, but its service has no 11F metrics.
      const res = await fetch(`${baseUrl(app)}/imports/kostra-sosialhjelp?dryRun=true`, {
        method: 'POST',
        headers: { 'content-type': 'text/x-kostra-11f', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: record({ journal: 'P1', duf: '100000000077', bidrag: [10, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0] }),
      });
      const body: any = await res.json();
      if (body.errors) return { allow: false, code: body.errors[0].extensions.code };
      expect([res.status, body.problems[0].message]).toEqual([422, expect.stringContaining('Unknown metric "social_assistance_recipients" for BARNEVERN')]);
      return { allow: true, scope: 'own service' };
    },
    async defineStatisticsMetric(role, token) {
      const code = `perm_${role.toLowerCase()}`;
      const res = await app.gql(
        `mutation($input: DefineStatisticsMetricInput!) { defineStatisticsMetric(input: $input) { metric { code } userErrors { code } } }`,
        { input: { serviceKind: 'PPT', code, name: 'Test', unit: 'saker', aggregation: 'FLOW', finestPeriod: 'MONTH' } },
        token,
      );
      const stored = (await app.owner.query(`SELECT 1 FROM statistics_metric WHERE code = $1`, [code])).rows.length;
      if (res.errors) {
        expect(stored).toBe(0);
        return denied(res);
      }
      expect(res.data.defineStatisticsMetric).toEqual({ metric: { code }, userErrors: [] });
      expect(stored).toBe(1);
      return { allow: true, scope: 'own region' };
    },
    async setStatisticsSuppression(_role, token) {
      const rules = async () => Number((await app.owner.query(`SELECT count(*) AS n FROM statistics_suppression_rule`)).rows[0].n);
      const before = await rules();
      const res = await app.gql(`mutation { setStatisticsSuppression(input: { min: 1, max: 4 }) { suppression { min max } tablesPublished userErrors { code } } }`, {}, token);
      if (res.errors) {
        expect(await rules()).toBe(before);
        return denied(res);
      }
      const payload = ok(res).setStatisticsSuppression;
      expect(payload).toMatchObject({ suppression: { min: 1, max: 4 }, userErrors: [] });
      expect(payload.tablesPublished).toBeGreaterThan(20);
      return { allow: true, scope: 'own service' };
    },
  };
});
