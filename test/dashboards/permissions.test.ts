import { checkMatrix, denied } from '../helpers/permission-matrix';
import { ok, TestApp } from '../helpers/test-app';
import { barnevernId } from './fixtures';
import { COMPARISON, MUNICIPALITY_DASHBOARD, SERVICE_DASHBOARD } from './queries';
import { LIST, ONE, PREPARE, prepared, PUBLISH, published, WRITE } from './state-report-fixtures';
import { Role } from '../../src/auth/roles';

/** docs/permissions.md, "Dashboards (feature `dashboards`)": every cell against the running API. */
let app: TestApp;

checkMatrix('dashboards', async (started) => {
  app = started;
  const barnevern = await barnevernId(app);
  // State reports: a published one and a draft of Folldal to read; a draft to write in and one to publish.
  const folldalPublished = (await published(app, '3429', 2022)).id;
  const folldalDraft = (await prepared(app, '3429', 2024)).id;
  const toWrite = (await prepared(app, '3427', 2023)).id;
  const toPublish = (await prepared(app, '3426', 2023)).id;
  const payload = (res: any, field: string) => {
    if (res.errors) return denied(res);
    expect(res.data[field].userErrors).toEqual([]);
    return null;
  };
  return {
    async prepareStateReport(_role, token) {
      const res = await app.gql(PREPARE, { input: { serviceId: barnevern, municipalityNumber: '3424', year: 2023 } }, token);
      const refused = payload(res, 'prepareStateReport');
      if (refused) return refused;
      expect(res.data.prepareStateReport.report.municipality.number).toBe('3424');
      return { allow: true, scope: 'own service' };
    },
    async writeStateReportSection(_role, token) {
      const res = await app.gql(WRITE, { input: { reportId: toWrite, key: 'PLAN', text: 'Planen følges opp.' } }, token);
      return payload(res, 'writeStateReportSection') ?? { allow: true, scope: 'own service, drafts' };
    },
    async publishStateReport(_role, token) {
      const res = await app.gql(PUBLISH, { input: { reportId: toPublish } }, token);
      const refused = payload(res, 'publishStateReport');
      if (refused) return refused;
      expect(res.data.publishStateReport.report.status).toBe('PUBLISHED');
      return { allow: true, scope: 'own service, drafts' };
    },
    async stateReports(role, token) {
      const res = await app.gql(LIST, { municipalityNumber: '3429' }, token);
      if (res.errors) return denied(res);
      const ids = ok(res).stateReports.nodes.map((n: any) => n.id);
      const one = async (id: string) => ok(await app.gql(ONE, { id }, token)).stateReport?.id ?? null;
      expect(ids).toContain(folldalPublished);
      expect(await one(folldalPublished)).toBe(folldalPublished);
      const drafts = ids.includes(folldalDraft);
      expect(await one(folldalDraft)).toBe(drafts ? folldalDraft : null);
      const who = role === Role.REGION_ADMIN ? 'region' : role === Role.SERVICE_LEADER ? 'own service' : 'own municipality';
      return { allow: true, scope: `${who}, ${drafts ? 'every version' : 'published'}` };
    },
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
