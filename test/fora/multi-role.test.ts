import { signToken } from '../../src/auth/jwt';
import { startTestApp, TestApp } from '../helpers/test-app';
import { inputType, mutate as planMutate } from '../plans/fixtures/build';
import { Actors, actors, BuiltForum, createKind, heldInput, municipalForum, mutate, suffix, unitForum, uuid } from './fixtures';

/**
 * Issue 19: one token for all of a person's work. A kommunedirektør of Folldal (3429) who is also
 * TST_LEADER at one Folldal school and TST_MEMBER at another Folldal school and at a Tynset school
 * acts, in one request and without a Samvirke-Role header, with the union of what each role
 * allows in fora; and nothing that none of them allows. `Samvirke-Role` narrows to one role.
 * The same for strategic plans: a director who also leads a shared service.
 */
let app: TestApp;
let a: Actors;
beforeAll(async () => {
  app = await startTestApp();
  a = await actors(app);
});
afterAll(() => app.close());

interface Response {
  status: number;
  data?: any;
  errors?: { message: string; extensions?: { code?: string } }[];
  extensions?: { sqlStatements?: number };
}

/** A GraphQL request with the person's token and any Samvirke-* headers (app.gql sends none). */
async function gqlAs(token: string, query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}): Promise<Response> {
  const res = await fetch(app.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, ...headers }, body: JSON.stringify({ query, variables }) });
  return { status: res.status, ...((await res.json()) as Omit<Response, 'status'>) };
}

/** A mutation as the person: its payload, or the code of the GraphQL error that refused it. */
async function run(token: string, name: string, input: Record<string, unknown>, select: string, headers: Record<string, string> = {}) {
  const res = await gqlAs(token, `mutation($input: ${inputType(name)}!) { ${name}(input: $input) { ${select} userErrors { field message code } } }`, { input }, headers);
  return { payload: res.data?.[name] ?? null, code: res.errors?.[0]?.extensions?.code };
}

const id = async (sql: string, params: unknown[]) => (await app.owner.query(sql, params)).rows[0].id as string;

/** A development person (issuer samvirke-dev) with grants in Nord-Østerdal: `[role, scope uuid]` each. Returns their token. */
async function person(grants: [string, 'municipality_id' | 'service_id' | 'unit_id', string][]): Promise<string> {
  const subject = `multi-${suffix()}`;
  const region = await id(`SELECT id FROM region WHERE code = 'nord-osterdal'`, []);
  const personId = await id(`INSERT INTO person (region_id, issuer, subject, display_name) VALUES ($1, 'samvirke-dev', $2, 'Flere roller') RETURNING id`, [region, subject]);
  for (const [role, column, scope] of grants) {
    await app.owner.query(`INSERT INTO role_assignment (region_id, person_id, role, ${column}, granted_by) VALUES ($1, $2, $3, $4, 'test')`, [region, personId, role, scope]);
  }
  return signToken(app.config, { sub: subject });
}

const municipalityId = (number: string) => id(`SELECT id FROM municipality WHERE number = $1`, [number]);

describe('a director who also sits in TSTs (fora)', () => {
  let token: string;
  let led: BuiltForum; // TST at a Folldal school, the person its TST_LEADER
  let memberHere: BuiltForum; // TST at a Folldal school, the person a TST_MEMBER
  let memberThere: BuiltForum; // TST at a Tynset school, the person a TST_MEMBER
  let notInHere: BuiltForum; // TST at a Folldal school the person does not sit in
  let notInThere: BuiltForum; // TST at a Tynset school the person does not sit in
  let ownMunicipal: BuiltForum; // municipal forum of Folldal
  let otherMunicipal: BuiltForum; // municipal forum of Tynset
  let regional: string;

  beforeAll(async () => {
    const tst = await createKind(app, a.admin);
    const team = await createKind(app, a.admin, { placement: 'MUNICIPALITY' });
    led = await unitForum(app, a, tst);
    memberHere = await unitForum(app, a, tst);
    memberThere = await unitForum(app, a, tst, { municipality: '3427' });
    notInHere = await unitForum(app, a, tst);
    notInThere = await unitForum(app, a, tst, { municipality: '3427' });
    ownMunicipal = await municipalForum(app, a, team, '3429');
    otherMunicipal = await municipalForum(app, a, team, '3427');
    const regionKind = await createKind(app, a.admin, { placement: 'REGION' });
    regional = (await mutate(app, a.admin, 'createForum', { kindId: regionKind.id, name: `Regionalt ${suffix()}`, establishedOn: '2023-08-01' }, 'forum { id }')).forum.id;
    token = await person([
      ['MUNICIPAL_DIRECTOR', 'municipality_id', await municipalityId('3429')],
      ['TST_LEADER', 'unit_id', uuid(led.unit!.id)],
      ['TST_MEMBER', 'unit_id', uuid(memberHere.unit!.id)],
      ['TST_MEMBER', 'unit_id', uuid(memberThere.unit!.id)],
    ]);
  });

  const LIST = `{ forums(first: 100) { totalCount nodes { id } } }`;
  const listed = async (tok: string, headers: Record<string, string> = {}) => {
    const res = await gqlAs(tok, LIST, {}, headers);
    expect(res.errors).toBeUndefined();
    return new Set<string>(res.data.forums.nodes.map((n: any) => n.id));
  };

  it('acts with every role at once: viewer names them all, without a Samvirke-Role header', async () => {
    const res = await gqlAs(token, `{ viewer { grants { role active } } }`);
    expect(res.status).toBe(200);
    expect(
      res.data.viewer.grants
        .filter((g: any) => g.active)
        .map((g: any) => g.role)
        .sort(),
    ).toEqual(['MUNICIPAL_DIRECTOR', 'TST_LEADER', 'TST_MEMBER', 'TST_MEMBER']);
  });

  it("lists the union in one request: Folldal's fora and the region's (as director) and the Tynset TST (as member), no other municipality's", async () => {
    const seen = await listed(token);
    const folldal = (await app.owner.query(`SELECT id FROM forum WHERE municipality_id = $1`, [await municipalityId('3429')])).rows.map((r: any) => r.id as string);
    const ofRegion = (
      await app.owner.query(`SELECT f.id FROM forum f JOIN municipality m ON m.region_id = f.region_id WHERE m.id = $1 AND f.municipality_id IS NULL`, [await municipalityId('3429')])
    ).rows.map((r: any) => r.id as string);
    const expected = new Set([...folldal, ...ofRegion, uuid(memberThere.id)]);
    expect(new Set([...seen].map(uuid))).toEqual(expected);
    for (const f of [led, memberHere, memberThere, notInHere, ownMunicipal]) expect(seen).toContain(f.id);
    // A director oversees the region's fora (1733752000000-fora-regional-oversight).
    expect(seen).toContain(regional);
    for (const f of [notInThere.id, otherMunicipal.id]) expect(seen).not.toContain(f);
    // The union of what each role alone lists, and more than either.
    const asDirector = await listed(token, { 'Samvirke-Role': 'MUNICIPAL_DIRECTOR' });
    const asMember = await listed(token, { 'Samvirke-Role': 'TST_MEMBER' });
    const asLeader = await listed(token, { 'Samvirke-Role': 'TST_LEADER' });
    expect(seen).toEqual(new Set([...asDirector, ...asMember, ...asLeader]));
    expect(asDirector.size).toBeLessThan(seen.size);
    expect(asDirector).toEqual(await listed(await a.director('3429')));
  });

  it('with Samvirke-Role: TST_MEMBER sees only the TSTs it is a member of (least privilege)', async () => {
    expect(await listed(token, { 'Samvirke-Role': 'TST_MEMBER' })).toEqual(new Set([memberHere.id, memberThere.id]));
    expect(await listed(token, { 'Samvirke-Role': 'TST_LEADER' })).toEqual(new Set([led.id]));
    const forum = `query($id: ID!) { forum(id: $id) { id } }`;
    expect((await gqlAs(token, forum, { id: ownMunicipal.id }, { 'Samvirke-Role': 'TST_MEMBER' })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await gqlAs(token, forum, { id: ownMunicipal.id })).data.forum).toEqual({ id: ownMunicipal.id });
    expect((await gqlAs(token, forum, { id: memberThere.id })).data.forum).toEqual({ id: memberThere.id });
    for (const other of [otherMunicipal.id, notInThere.id]) expect((await gqlAs(token, forum, { id: other })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await gqlAs(token, forum, { id: regional }, { 'Samvirke-Role': 'TST_MEMBER' })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await gqlAs(token, forum, { id: regional })).data.forum).toEqual({ id: regional });
  });

  it('reads the content of each forum one of its roles is an insider of, and not of one it only oversees', async () => {
    const query = `query($id: ID!) { forum(id: $id) { meetings { nodes { minutes } } } }`;
    await mutate(app, memberThere.runner, 'recordForumMeeting', heldInput(memberThere, '2024-03-05'), 'meeting { id }');
    await mutate(app, notInHere.runner, 'recordForumMeeting', heldInput(notInHere, '2024-03-05'), 'meeting { id }');
    // Tynset TST: a member reads the minutes.
    expect((await gqlAs(token, query, { id: memberThere.id })).data.forum.meetings.nodes).toEqual([{ minutes: 'Referat 2024-03-05' }]);
    // A Folldal TST it does not sit in: the director oversees its structure, no role of theirs reads its minutes.
    expect((await gqlAs(token, query, { id: notInHere.id })).data.forum.meetings.nodes).toEqual([{ minutes: null }]);
  });

  it('does what each role allows: records a meeting of the TST it leads and of its municipal forum, manages the TST it leads', async () => {
    const tst = await run(token, 'recordForumMeeting', heldInput(led, '2024-02-06'), 'meeting { status }');
    expect(tst).toEqual({ payload: { meeting: { status: 'HELD' }, userErrors: [] }, code: undefined });
    const municipal = await run(token, 'recordForumMeeting', heldInput(ownMunicipal, '2024-02-07'), 'meeting { status }');
    expect(municipal.payload).toEqual({ meeting: { status: 'HELD' }, userErrors: [] });
    const member = await run(token, 'addForumMember', { forumId: led.id, kindMemberId: led.kind.members.nav, serviceId: a.services.nav, validFrom: '2024-01-01' }, 'membership { id }');
    expect(member.payload.userErrors).toEqual([]);
    const created = await run(token, 'createForum', { kindId: ownMunicipal.kind.id, name: `Nytt team ${suffix()}`, municipalityNumber: '3429', establishedOn: '2024-01-01' }, 'forum { id }');
    expect(created.payload.userErrors).toEqual([]);
    const compliance = await gqlAs(token, `{ forumCompliance(municipalityNumber: "3429", period: "2024") { summary { forums } } }`);
    expect(compliance.errors).toBeUndefined();
  });

  it('is refused what none of its roles allows, and changes nothing', async () => {
    const before = (await app.owner.query(`SELECT count(*)::int AS n FROM forum_meeting`)).rows[0].n;
    // A TST it is only a member of; a Folldal TST it does not sit in (the director oversees but does not run it); another municipality's forum; a regional one.
    for (const f of [memberHere, notInHere, otherMunicipal]) {
      expect((await run(token, 'recordForumMeeting', heldInput(f, '2024-04-09'), 'meeting { id }')).code).toBe('FORBIDDEN');
    }
    expect((await run(token, 'planForumMeeting', { forumId: regional, startsAt: '2030-09-03T11:00:00Z' }, 'meeting { id }')).code).toBe('FORBIDDEN');
    expect(
      (await run(token, 'addForumMember', { forumId: memberThere.id, kindMemberId: memberThere.kind.members.nav, serviceId: a.services.nav, validFrom: '2024-01-01' }, 'membership { id }')).code,
    ).toBe('FORBIDDEN');
    expect((await run(token, 'createForum', { kindId: otherMunicipal.kind.id, name: `Fremmed ${suffix()}`, municipalityNumber: '3427', establishedOn: '2024-01-01' }, 'forum { id }')).code).toBe(
      'FORBIDDEN',
    );
    expect((await gqlAs(token, `{ forumCompliance(municipalityNumber: "3427", period: "2024") { summary { forums } } }`)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    // Least privilege: as TST_MEMBER alone it may not run the TST it leads, nor the municipal forum.
    for (const f of [led, ownMunicipal]) {
      expect((await run(token, 'recordForumMeeting', heldInput(f, '2024-04-10'), 'meeting { id }', { 'Samvirke-Role': 'TST_MEMBER' })).code).toBe('FORBIDDEN');
    }
    expect((await app.owner.query(`SELECT count(*)::int AS n FROM forum_meeting`)).rows[0].n).toBe(before);
  });

  it('lists its fora with their meetings in as many statements as a director with one role', async () => {
    const query = `{ forums(first: 100) { totalCount nodes { id name unit { code } meetings(first: 5) { nodes { date status } } } } }`;
    const single = await person([['MUNICIPAL_DIRECTOR', 'municipality_id', await municipalityId('3429')]]);
    await gqlAs(single, `{ viewer { role } }`);
    await gqlAs(token, `{ viewer { role } }`);
    const one = await gqlAs(single, query);
    const many = await gqlAs(token, query);
    expect(many.data.forums.totalCount).toBeGreaterThan(one.data.forums.totalCount);
    expect(one.extensions?.sqlStatements).toBeGreaterThan(0);
    expect(many.extensions?.sqlStatements).toBe(one.extensions?.sqlStatements);
  });

  it('RLS alone gives the union of two roles’ grant keys: meetings of the municipal forum (director) and of the Tynset TST (member), not the other municipality’s', async () => {
    for (const f of [ownMunicipal, memberThere, otherMunicipal, notInThere]) await mutate(app, f.runner, 'recordForumMeeting', heldInput(f, '2024-05-07'), 'meeting { id }');
    const region = await id(`SELECT id FROM region WHERE code = 'nord-osterdal'`, []);
    const keys = `MUNICIPAL_DIRECTOR:${await municipalityId('3429')},TST_MEMBER:${uuid(memberThere.unit!.id)}`;
    const forums = [ownMunicipal, memberThere, otherMunicipal, notInThere].map((f) => uuid(f.id));
    const client = app.appDataSource.createQueryRunner();
    try {
      await client.startTransaction();
      await client.query(`SELECT set_config('app.role', 'MUNICIPAL_DIRECTOR', true), set_config('app.region_id', $1, true), set_config('app.grants', $2, true)`, [region, keys]);
      const minutes = await client.query(`SELECT DISTINCT forum_id FROM forum_minutes WHERE forum_id = ANY($1::uuid[])`, [forums]);
      expect(minutes.map((r: any) => r.forum_id).sort()).toEqual([uuid(ownMunicipal.id), uuid(memberThere.id)].sort());
    } finally {
      await client.rollbackTransaction();
      await client.release();
    }
    // The same rows exist for the owner: RLS, not missing data, hid the others.
    const all = await app.owner.query(`SELECT DISTINCT forum_id FROM forum_minutes WHERE forum_id = ANY($1::uuid[])`, [forums]);
    expect(all.rows.length).toBe(4);
  });
});

describe('a director who also leads a shared service (plans)', () => {
  let token: string;
  let planId: string;
  let versionId: string;
  let navVersionId: string;

  beforeAll(async () => {
    const created = await planMutate(
      app,
      a.admin,
      'createStrategicPlan',
      { title: `Felles plan ${suffix()}`, periodStartYear: 2025, periodEndYear: 2028, municipalityNumbers: ['3429', '3427'], serviceIds: [a.services.barnevern] },
      'strategicPlan { id } version { id }',
    );
    planId = created.strategicPlan.id;
    versionId = created.version.id;
    navVersionId = (
      await planMutate(
        app,
        a.admin,
        'createStrategicPlan',
        { title: `NAV-plan ${suffix()}`, periodStartYear: 2025, periodEndYear: 2028, municipalityNumbers: ['3429'], serviceIds: [a.services.nav] },
        'version { id }',
      )
    ).version.id;
    token = await person([
      ['MUNICIPAL_DIRECTOR', 'municipality_id', await municipalityId('3429')],
      ['SERVICE_LEADER', 'service_id', uuid(a.services.barnevern)],
    ]);
  });

  it('edits the plan of its service as SERVICE_LEADER and records its own municipality’s adoption as MUNICIPAL_DIRECTOR, in one token', async () => {
    const goal = await run(token, 'addPlanGoal', { versionId, title: 'Mål fra tjenesteleder' }, 'goal { id }');
    expect(goal.payload.userErrors).toEqual([]);
    await planMutate(app, a.admin, 'addPlanMeasure', { versionId, title: 'Tiltak', responsible: [{ serviceId: a.services.barnevern }] }, 'measure { id }');
    await planMutate(app, a.admin, 'submitPlanForConsultation', { versionId, submittedOn: '2025-02-01', confirmIncomplete: true }, 'version { id }');
    // The director's municipality by default (no municipalityNumber), as the only municipality they direct.
    const adopted = await run(token, 'recordPlanAdoption', { versionId, decidedOn: '2025-03-01', confirmIncomplete: true }, 'adoption { status municipality { number } }');
    expect(adopted.payload).toEqual({ adoption: { status: expect.any(String), municipality: { number: '3429' } }, userErrors: [] });
    const plan = await run(
      token,
      'createStrategicPlan',
      { title: `Egen plan ${suffix()}`, periodStartYear: 2025, periodEndYear: 2028, municipalityNumbers: ['3429'], serviceIds: [a.services.barnevern] },
      'version { id }',
    );
    expect(plan.payload.userErrors).toEqual([]);
  });

  it('is refused what neither role allows: another municipality’s adoption, a plan not covering its service; each role alone refuses the other’s part', async () => {
    const other = await run(token, 'recordPlanAdoption', { versionId, municipalityNumber: '3427', decidedOn: '2025-03-02' }, 'adoption { status }');
    expect(other.code).toBe('FORBIDDEN');
    expect((await run(token, 'addPlanGoal', { versionId: navVersionId, title: 'Ikke min' }, 'goal { id }')).code).toBe('FORBIDDEN');
    const withoutOwn = await run(
      token,
      'createStrategicPlan',
      { title: `Fremmed plan ${suffix()}`, periodStartYear: 2025, periodEndYear: 2028, municipalityNumbers: ['3429'], serviceIds: [a.services.nav] },
      'version { id }',
    );
    expect(withoutOwn.payload.userErrors.map((e: any) => e.field)).toEqual([['input', 'serviceIds']]);
    const draft = (
      await planMutate(
        app,
        a.admin,
        'createStrategicPlan',
        { title: `Utkast ${suffix()}`, periodStartYear: 2025, periodEndYear: 2028, municipalityNumbers: ['3429'], serviceIds: [a.services.barnevern] },
        'version { id }',
      )
    ).version.id;
    expect((await run(token, 'addPlanGoal', { versionId: draft, title: 'Som direktør' }, 'goal { id }', { 'Samvirke-Role': 'MUNICIPAL_DIRECTOR' })).code).toBe('FORBIDDEN');
    expect((await run(token, 'addPlanGoal', { versionId: draft, title: 'Som tjenesteleder' }, 'goal { id }', { 'Samvirke-Role': 'SERVICE_LEADER' })).payload.userErrors).toEqual([]);
    const asLeader = await run(token, 'recordPlanAdoption', { versionId, municipalityNumber: '3429', decidedOn: '2025-03-03' }, 'adoption { status }', { 'Samvirke-Role': 'SERVICE_LEADER' });
    expect(asLeader.code).toBe('FORBIDDEN');
  });

  it('records its own service’s yearly review of the adopted plan as SERVICE_LEADER, not another service’s', async () => {
    await planMutate(app, a.admin, 'recordPlanAdoption', { versionId, municipalityNumber: '3427', decidedOn: '2025-03-04', confirmIncomplete: true }, 'adoption { status }');
    const review = (serviceId: string) =>
      run(token, 'recordPlanReview', { planId, serviceId, reviewedOn: '2025-06-01', summary: 'Egne tiltak gjennomgått', decidedChanges: [] }, 'review { service { code } }');
    expect((await review(a.services.barnevern)).payload).toEqual({ review: { service: { code: 'barnevern' } }, userErrors: [] });
    expect((await review(a.services.ppt)).code).toBe('FORBIDDEN');
  });
});

describe('a service leader of two services who is also a director (fora reports)', () => {
  const LOAD = `query($s: ID) { serviceForumLoad(period: "2024-SPRING", serviceId: $s) { owners { number } } }`;

  it('reads the load of each service it leads, names one when it leads several, and not of a service it does not lead', async () => {
    const directorAndLeader = await person([
      ['MUNICIPAL_DIRECTOR', 'municipality_id', await municipalityId('3429')],
      ['SERVICE_LEADER', 'service_id', uuid(a.services.barnevern)],
    ]);
    expect((await gqlAs(directorAndLeader, LOAD)).errors).toBeUndefined();
    const twoServices = await person([
      ['SERVICE_LEADER', 'service_id', uuid(a.services.barnevern)],
      ['SERVICE_LEADER', 'service_id', uuid(a.services.ppt)],
    ]);
    expect((await gqlAs(twoServices, LOAD)).errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect((await gqlAs(twoServices, LOAD, { s: a.services.ppt })).errors).toBeUndefined();
    expect((await gqlAs(twoServices, LOAD, { s: a.services.barnevern })).errors).toBeUndefined();
    expect((await gqlAs(twoServices, LOAD, { s: a.services.nav })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });
});
