import { checkMatrix, denied } from '../helpers/permission-matrix';
import { ok, TestApp } from '../helpers/test-app';
import { barnevernId } from './fixtures';
import { COMPARISON, MUNICIPALITY_DASHBOARD, SERVICE_DASHBOARD } from './queries';

/** docs/permissions.md, "Dashboards (feature `dashboards`)": every cell against the running API. */
let app: TestApp;

checkMatrix('dashboards', async (started) => {
  app = started;
  const barnevern = await barnevernId(app);
  return {
    async municipalityDashboard(_role, token) {
      const res = await app.gql(MUNICIPALITY_DASHBOARD, { number: '3429', period: '2024-10' }, token);
      if (res.errors) return denied(res);
      const d = ok(res).municipalityDashboard;
      expect(d.municipality.number).toBe('3429');
      expect(d.services.length).toBeGreaterThan(0);
      // Own lines and the grand total only (costs matrix).
      expect(d.services.every((s: any) => s.ownLine.municipality.number === '3429')).toBe(true);
      if (d.fora === null) {
        expect(d.hidden.map((h: any) => h.part)).toEqual(['fora']);
        return { allow: true, scope: 'own municipality, fora hidden' };
      }
      expect(d.hidden).toEqual([]);
      return { allow: true, scope: 'own municipality, every part' };
    },
    async serviceDashboard(_role, token) {
      const res = await app.gql(SERVICE_DASHBOARD, { serviceId: barnevern, period: '2024-10' }, token);
      if (res.errors) return denied(res);
      const d = ok(res).serviceDashboard;
      expect(d.ownerCosts.map((o: any) => o.line.municipality.number)).toEqual(['3424', '3426', '3427', '3428', '3429']);
      const counts = d.statistics.view === 'UNSUPPRESSED' ? 'true counts' : 'suppressed';
      if (d.foraLoad === null) {
        expect(d.hidden.map((h: any) => h.part)).toContain('foraLoad');
        return { allow: true, scope: `own service, fora load hidden, ${counts}` };
      }
      return { allow: true, scope: `own service, with fora load, ${counts}` };
    },
    async municipalityComparison(_role, token) {
      const res = await app.gql(COMPARISON, { serviceId: barnevern, from: '2019', to: '2022' }, token);
      if (res.errors) return denied(res);
      const c = ok(res).municipalityComparison;
      expect(new Set(c.rows.map((r: any) => r.municipality.number))).toEqual(new Set(['3424', '3426', '3427', '3428', '3429']));
      return { allow: true, scope: 'services own municipality owns' };
    },
  };
});
