import { Role } from '../../src/auth/roles';
import { AnswerCache } from '../../src/services/statistics/answer-cache';
import { baseUrl } from '../helpers/fixtures';
import { ok, startTestApp, TestApp } from '../helpers/test-app';
import { ACTIVITY_QUERY, serviceGlobalId } from './fixtures/queries';

/**
 * Answers of activityStatistics kept per process (src/services/statistics/answer-cache.ts): an
 * answer computed for one reader never reaches a reader whom RLS shows less — another region, another
 * service's leader, a municipality's own roles, PUBLIC — in whichever order they ask, and a new
 * publication is served at once.
 */
describe('the cache (pure)', () => {
  it('keeps answers up to its row budget, forgetting the least recently used first, and never one larger than the budget', () => {
    const cache = new AnswerCache<string>(10);
    cache.set('a', 'A', 4);
    cache.set('b', 'B', 4);
    expect(cache.get('a')).toBe('A'); // a is now the most recently used
    cache.set('c', 'C', 4); // 12 rows: b goes
    expect([cache.get('a'), cache.get('b'), cache.get('c')]).toEqual(['A', undefined, 'C']);
    cache.set('huge', 'H', 11);
    expect(cache.get('huge')).toBeUndefined();
    expect(cache.size).toBe(2);
  });
});

describe('through the API', () => {
  let app: TestApp;
  let barnevern: string;
  beforeAll(async () => {
    app = await startTestApp();
    barnevern = await serviceGlobalId(app, 'barnevern');
  });
  afterAll(() => app.close());

  /** 2021 support measures by municipality: Rendalen 2, Tolga 10, Tynset 33, Alvdal 15, Folldal 2 (true). */
  async function ask(token?: string) {
    const res = await app.gql(ACTIVITY_QUERY, { serviceId: barnevern, from: '2021', to: '2021', groupBy: ['MUNICIPALITY', 'YEAR'], metrics: ['children_support_measures'] }, token);
    if (res.errors) return { error: res.errors[0].extensions?.code };
    const s = (res.data as any).activityStatistics;
    return { view: s.view, values: s.rows.map((r: any) => r.value), total: s.totals[0].value };
  }

  it('never serves an answer to a reader RLS shows less, whoever asked first', async () => {
    const leader = await app.token(Role.SERVICE_LEADER, { service: 'barnevern' });
    const navLeader = await app.token(Role.SERVICE_LEADER, { service: 'nav' });
    const folldalDirector = await app.token(Role.MUNICIPAL_DIRECTOR, { municipality: '3429' });
    const otherRegion = await app.token(Role.REGION_ADMIN, { region: 'valdres' });
    const regionAdmin = await app.token(Role.REGION_ADMIN, { region: 'nord-osterdal' });
    const truth = { view: 'UNSUPPRESSED', values: [2, 10, 33, 15, 2], total: 62 };

    // The leader first (true counts kept), then everyone else with the very same arguments — twice, so every answer below is also served from the cache.
    for (let round = 0; round < 2; round++) {
      expect(await ask(leader)).toEqual(truth);
      const published = await ask();
      expect(published.view).toBe('SUPPRESSED');
      expect(published.values).toContain(null);
      expect(published.values).not.toEqual(truth.values);
      expect(await ask(navLeader)).toEqual(published);
      expect(await ask(regionAdmin)).toEqual(published);
      expect(await ask(otherRegion)).toEqual({ error: 'NOT_FOUND' });
      const own = await ask(folldalDirector);
      expect(own.view).toBe('OWN_MUNICIPALITY');
      // Folldal's own true count (2) is shown to its director; the others as published.
      expect(own.values).toEqual([...published.values.slice(0, 4), 2]);
      expect(await ask(leader)).toEqual(truth);
    }
  });

  it('serves a new publication at once: an import changes the kept answer', async () => {
    const leader = await app.token(Role.SERVICE_LEADER, { service: 'barnevern' });
    const query = { serviceId: barnevern, from: '2015', to: '2015', groupBy: ['MUNICIPALITY', 'YEAR'], metrics: ['children_care_measures'] };
    const values = async (token?: string) => ok<any>(await app.gql(ACTIVITY_QUERY, query, token)).activityStatistics.rows.map((r: any) => r.value);
    expect(await values()).toEqual([null, null, null, null, null]);
    expect(await values(leader)).toEqual([null, null, null, null, null]);
    const file = ['kommunenummer,period,metric,value', '3424,2015,children_care_measures,20', '3426,2015,children_care_measures,30', '3427,2015,children_care_measures,40'].join('\n');
    const res = await fetch(`${baseUrl(app)}/imports/statistics`, { method: 'POST', headers: { 'content-type': 'text/csv', authorization: `Bearer ${leader}` }, body: file });
    expect(((await res.json()) as any).applied).toBe(true);
    expect(await values(leader)).toEqual([20, 30, 40, null, null]);
    expect(await values()).toEqual([20, 30, 40, null, null]);
  });
});
