import { Client } from 'pg';
import { Role, type Principal } from '../../src/auth/roles';
import { AnswerStore } from '../../src/http/answer-cache';
import { EVERYWHERE, PUBLIC_DATA, reachOf, ReadEpochs } from '../../src/http/answer-epochs';
import { GqlResponse, ok, startTestApp, TestApp } from '../helpers/test-app';
import { barnevernId } from '../dashboards/fixtures';
import { MUNICIPALITY_DASHBOARD } from '../dashboards/queries';
import { ACTIVITY_QUERY } from '../statistics/fixtures/queries';

/**
 * The scope of the read-answer cache (docs/caching.md, «Scope»): a write in one region retires
 * the answers of that region's readers and of the operator's, never another region's; the public's
 * follow the tables it can read; a write to a global table retires all; identical requests
 * that arrive while an answer is computed wait for it instead of computing it again.
 */
jest.setTimeout(120_000);

const A = '11111111-1111-4111-8111-111111111111';
const B = '22222222-2222-4222-8222-222222222222';

describe('reach (pure)', () => {
  const director: Principal = { role: Role.MUNICIPAL_DIRECTOR, subject: 'd', regionId: A, municipalityId: 'm' };
  it('is the region of a tenant principal whose every facet is in it, PUBLIC_DATA for the public, and EVERYWHERE otherwise', () => {
    expect(reachOf(director)).toBe(A);
    expect(reachOf({ ...director, facets: [director, { role: Role.SERVICE_LEADER, subject: 'd', regionId: A, serviceId: 's' }] })).toBe(A);
    expect(reachOf({ ...director, facets: [director, { role: Role.SERVICE_LEADER, subject: 'd', regionId: B, serviceId: 's' }] })).toBe(EVERYWHERE);
    expect(reachOf({ role: Role.PUBLIC, subject: 'public' })).toBe(PUBLIC_DATA);
    expect(reachOf({ ...director, regionId: 'not-a-region-id' })).toBe(EVERYWHERE);
    expect(reachOf({ role: Role.OPERATOR, subject: 'op', regionId: A })).toBe(EVERYWHERE);
    expect(reachOf({ ...director, regionId: undefined })).toBe(EVERYWHERE);
    // As the triggers spell a region id (region_id::text), whatever the principal's spelling.
    expect(reachOf({ ...director, regionId: 'ABCDEF12-2222-4222-8222-222222222222' })).toBe('abcdef12-2222-4222-8222-222222222222');
  });
});

describe('epochs (pure)', () => {
  it('a region change leaves other regions alone and retires EVERYWHERE; the empty payload retires all; nothing while not listening', () => {
    const retired: (string | null)[] = [];
    const epochs = new ReadEpochs((r) => retired.push(r));
    expect(epochs.epochOf(A)).toBeUndefined();
    epochs.started();
    const [a, b, all] = [epochs.epochOf(A), epochs.epochOf(B), epochs.epochOf(EVERYWHERE)];
    expect(new Set([a, b, all]).size).toBe(3);
    expect(epochs.epochOf(A)).toBe(a);

    epochs.announced(B);
    expect([epochs.epochOf(A) === a, epochs.epochOf(B) === b, epochs.epochOf(EVERYWHERE) === all]).toEqual([true, false, false]);
    const [a2, b2] = [epochs.epochOf(A), epochs.epochOf(B)];
    for (const payload of ['', 'not-a-region', 'ABCDEF12-2222-4222-8222-222222222222']) {
      const before = [epochs.epochOf(A), epochs.epochOf(B)];
      epochs.announced(payload);
      expect([epochs.epochOf(A) === before[0], epochs.epochOf(B) === before[1]]).toEqual([false, false]);
    }
    expect([epochs.epochOf(A), epochs.epochOf(B)]).not.toContain(a2);
    expect(epochs.epochOf(B)).not.toBe(b2);
    expect(retired).toEqual([null, B, null, null, null]);

    epochs.lost();
    expect([epochs.epochOf(A), epochs.epochOf(EVERYWHERE)]).toEqual([undefined, undefined]);
    epochs.started();
    expect(epochs.epochOf(A)).toBeDefined();
    // The public's epoch needs the public_data channel too; it follows that channel and global changes only.
    expect(epochs.epochOf(PUBLIC_DATA)).toBeUndefined();
    epochs.publicChanged();
    const p1 = epochs.epochOf(PUBLIC_DATA);
    const a3 = epochs.epochOf(A);
    epochs.announced(A);
    expect(epochs.epochOf(PUBLIC_DATA)).toBe(p1);
    epochs.publicChanged();
    const p2 = epochs.epochOf(PUBLIC_DATA);
    expect([p2 !== p1, epochs.epochOf(A) !== a3]).toEqual([true, true]);
    const a4 = epochs.epochOf(A);
    epochs.publicChanged();
    expect(epochs.epochOf(A)).toBe(a4);
    const p3 = epochs.epochOf(PUBLIC_DATA);
    epochs.announced('');
    expect(epochs.epochOf(PUBLIC_DATA)).not.toBe(p3);
    // A write of this process (by a principal of A) retires A's and the public's, not B's.
    const [a5, b5, p5] = [epochs.epochOf(A), epochs.epochOf(B), epochs.epochOf(PUBLIC_DATA)];
    epochs.written(A);
    expect([epochs.epochOf(A) === a5, epochs.epochOf(B) === b5, epochs.epochOf(PUBLIC_DATA) === p5]).toEqual([false, true, false]);
    epochs.publicLost();
    epochs.written(A);
    expect([epochs.epochOf(PUBLIC_DATA), epochs.epochOf(A) !== undefined]).toEqual([undefined, true]);
    epochs.lost();
    epochs.announced(A);
    expect(epochs.listening).toBe(false);
  });
});

describe('the store retires by reach (pure)', () => {
  it("a region's retirement frees that region's answers and EVERYWHERE's, not another region's; the bound's evictions leave no index behind", () => {
    const store = new AnswerStore(1000);
    store.set('a1', { a: 1 }, 10, A);
    store.set('a2', { a: 2 }, 10, A);
    store.set('b1', { b: 1 }, 10, B);
    store.set('p1', { p: 1 }, 10, EVERYWHERE);
    store.retire(A);
    expect([store.get('a1'), store.get('a2'), store.get('b1'), store.get('p1')]).toEqual([undefined, undefined, { b: 1 }, undefined]);
    expect(store.bytes).toBe(10);
    store.retire(null);
    expect([store.get('b1'), store.bytes]).toEqual([undefined, 0]);

    // 250 each: the fifth pushes out the first; retiring A afterwards subtracts only what is kept.
    for (const k of ['x1', 'x2', 'x3', 'x4', 'x5']) store.set(k, { k }, 250, A);
    expect([store.get('x1'), store.bytes]).toEqual([undefined, 1000]);
    store.set('y', { y: 1 }, 0, B);
    store.retire(A);
    expect([store.bytes, store.size, store.get('y')]).toEqual([0, 1, { y: 1 }]);
  });
});

describe('against the real server and database', () => {
  let app: TestApp;
  let folldal: string;
  let valdres: string;
  /** The municipality dashboard, or another `query`; `token` undefined: the public. */
  const ask = async (variables: Record<string, unknown>, token: string | undefined, query = MUNICIPALITY_DASHBOARD) => {
    const res: GqlResponse = await app.gql(query, variables, token);
    return { data: ok(res), statements: res.extensions!.sqlStatements! };
  };
  /** Asks until the answer comes from the cache (the app listens). */
  const warm = async (variables: Record<string, unknown>, token: string | undefined, query?: string) => {
    for (let i = 0; i < 100; i++) {
      await ask(variables, token, query);
      if ((await ask(variables, token, query)).statements === 0) return;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error('the cache never answered');
  };
  /** Asks until the answer is computed again, i.e. the NOTIFY was heard; fails after 15 s. */
  const recomputed = async (variables: Record<string, unknown>, token: string | undefined, query?: string) => {
    for (let i = 0; i < 300; i++) {
      if ((await ask(variables, token, query)).statements > 0) return;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error('the change was never heard');
  };
  const FOLLDAL = { number: '3429', period: '2024-10' };
  const VALDRES = { number: '3451', period: '2024-10' };

  beforeAll(async () => {
    app = await startTestApp();
    folldal = await app.token(Role.MUNICIPAL_DIRECTOR, { municipality: '3429' });
    valdres = await app.token(Role.MUNICIPAL_DIRECTOR, { region: 'valdres', municipality: '3451' });
  });
  afterAll(() => app.close());

  it('a committed write names the regions of its rows on read_data; a write to a table without region_id sends the empty payload', async () => {
    const listener = new Client({ connectionString: app.ownerUrl });
    await listener.connect();
    try {
      const heard: string[] = [];
      listener.on('notification', (n) => n.channel === 'read_data' && heard.push(n.payload ?? ''));
      await listener.query('LISTEN read_data');
      const regions = (await app.owner.query(`SELECT code, id FROM region WHERE code IN ('nord-osterdal', 'valdres')`)).rows;
      const idOf = (code: string) => regions.find((r) => r.code === code).id as string;
      await app.owner.query('BEGIN');
      await app.owner.query(`UPDATE unit SET name = name WHERE region_id IN (SELECT id FROM region WHERE code IN ('nord-osterdal', 'valdres'))`);
      await app.owner.query(`UPDATE unit SET name = name WHERE region_id = (SELECT id FROM region WHERE code = 'valdres')`);
      await app.owner.query('COMMIT');
      await app.owner.query(`UPDATE region SET name = name WHERE code = 'valdres'`);
      // Rolled back: nothing is announced.
      await app.owner.query('BEGIN');
      await app.owner.query(`UPDATE unit SET name = name WHERE region_id = (SELECT id FROM region WHERE code = 'nord-osterdal')`);
      await app.owner.query('ROLLBACK');
      for (let i = 0; i < 100 && heard.length < 3; i++) await new Promise((r) => setTimeout(r, 20));
      await new Promise((r) => setTimeout(r, 200));
      expect(heard.slice(0, 2).sort()).toEqual([idOf('nord-osterdal'), idOf('valdres')].sort());
      expect(heard.slice(2)).toEqual(['']);
    } finally {
      await listener.end();
    }
  });

  it("a write in another region leaves a region's answers in the cache; a write in its own region or a global table retires them", async () => {
    await warm(FOLLDAL, folldal);
    await warm(VALDRES, valdres);
    await app.owner.query(`UPDATE unit SET name = name WHERE id = (SELECT id FROM unit WHERE region_id = (SELECT id FROM region WHERE code = 'valdres') ORDER BY id LIMIT 1)`);
    await recomputed(VALDRES, valdres);
    expect((await ask(FOLLDAL, folldal)).statements).toBe(0);

    await app.owner.query(`UPDATE unit SET name = name WHERE id = (SELECT id FROM unit WHERE region_id = (SELECT id FROM region WHERE code = 'nord-osterdal') ORDER BY id LIMIT 1)`);
    await recomputed(FOLLDAL, folldal);
    expect((await ask(VALDRES, valdres)).statements).toBe(0);

    await warm(FOLLDAL, folldal);
    await app.owner.query(`UPDATE region SET name = name WHERE code = 'valdres'`);
    await recomputed(VALDRES, valdres);
    expect((await ask(FOLLDAL, folldal)).statements).toBeGreaterThan(0);
  });

  it("the public's answers follow the tables it can read: a write to finance data leaves them, a published cell retires them", async () => {
    const statistics = { serviceId: await barnevernId(app), from: '2021', to: '2021', groupBy: ['MUNICIPALITY', 'YEAR'], metrics: ['children_support_measures'] };
    const inNordOsterdal = (table: string) =>
      `UPDATE ${table} SET region_id = region_id WHERE ctid = (SELECT ctid FROM ${table} WHERE region_id = (SELECT id FROM region WHERE code = 'nord-osterdal') LIMIT 1)`;
    await warm(statistics, undefined, ACTIVITY_QUERY);
    await warm(FOLLDAL, folldal);
    await app.owner.query(inNordOsterdal('cost_budget'));
    await recomputed(FOLLDAL, folldal); // Nord-Østerdal's change was heard …
    expect((await ask(statistics, undefined, ACTIVITY_QUERY)).statements).toBe(0); // … and the public's answer stays
    const published = await app.owner.query(inNordOsterdal('statistics_published_cell'));
    expect(published.rowCount).toBe(1);
    await recomputed(statistics, undefined, ACTIVITY_QUERY);
  });

  it('identical requests that arrive while the answer is computed wait for it: one computation, the same answer for all', async () => {
    const variables = { number: '3429', period: '2024-08' };
    await warm(VALDRES, valdres); // the app listens
    const answers = await Promise.all(Array.from({ length: 8 }, () => ask(variables, folldal)));
    const computed = answers.filter((a) => a.statements > 0);
    expect(computed).toHaveLength(1);
    for (const a of answers) expect(a.data).toEqual(computed[0].data);
    expect((await ask(variables, folldal)).statements).toBe(0);
  });
});
