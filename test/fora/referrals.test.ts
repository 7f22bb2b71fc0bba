import { asApiRole, tableFingerprint } from '../helpers/fixtures';
import { ok, startTestApp, TestApp } from '../helpers/test-app';
import { Actors, actors, attempt, BuiltForum, codes, createKind, municipalForum, mutate, unitForum, uuid } from './fixtures';

/**
 * Seed 003: "Ved behov for veiledning og/eller avklaring … meldes saken inn til drøftingsteam for
 * barn og unge. Tiltak skal være prøvd ut i tjenestene nærmest barnet" and "Saker kan også tas inn
 * … uten foresatte, men med samtykke, og saker kan om mulig drøftes anonymt". A case goes from the
 * local team (a unit forum) to the drøftingsteam (a municipal forum), anonymously or under a consent
 * of the sending forum; the receiving forum records the outcome, which the sender reads.
 */
let app: TestApp;
let a: Actors;
let team: BuiltForum; // local team at a new school in Folldal, run by its TST_LEADER
let drofting: BuiltForum; // Folldal's drøftingsteam, run by the director
let tynset: BuiltForum;

const TABLES = ['forum_case_referral', 'forum_case_consent'];
const SELECT = 'referral { id label summary measuresTried withoutConsent outcome outcomeOn outcomeText referredOn fromForum { id } toForum { id } consent { subject } }';
const refer = (token: string, input: Record<string, unknown>) =>
  attempt(app, token, 'referForumCase', { fromForumId: team.id, toForumId: drofting.id, referredOn: '2024-10-01', label: 'Elev, 5. trinn', ...input }, SELECT);
const answer = (token: string, referralId: string, outcome: string, decidedOn: string, text: string | null = null) =>
  attempt(app, token, 'recordForumCaseReferralOutcome', { referralId, outcome, decidedOn, text }, 'referral { outcome outcomeOn outcomeText }');
const consent = async (forum: BuiltForum, subject: string, givenOn: string) =>
  (await mutate(app, forum.runner, 'recordCaseConsent', { forumId: forum.id, subject, givenBy: 'Foreldrene', givenOn, scope: 'Drøfting i drøftingsteamet' }, 'consent { id }')).consent.id;
const referrals = async (token: string, forumId: string, field: 'sentReferrals' | 'receivedReferrals') =>
  ok(
    await app.gql(
      `query($id: ID!) { forum(id: $id) { ${field}(first: 20) { totalCount nodes { id label outcome outcomeOn outcomeText withoutConsent consent { subject } } } } }`,
      { id: forumId },
      token,
    ),
  ).forum[field];

beforeAll(async () => {
  app = await startTestApp();
  a = await actors(app);
  team = await unitForum(app, a, await createKind(app, a.admin));
  const municipal = await createKind(app, a.admin, { placement: 'MUNICIPALITY', agendaElements: [] });
  drofting = await municipalForum(app, a, municipal, '3429');
  tynset = await municipalForum(app, a, municipal, '3427');
});
afterAll(() => app.close());

describe('referring a case', () => {
  it('anonymously: the drøftingsteam receives it, the local team sees it pending', async () => {
    const r = await refer(team.runner, { summary: 'Uro i klassen over tid', measuresTried: 'Samtaler med helsesykepleier og tilpasset opplæring i tre måneder' });
    expect(r.payload.userErrors).toEqual([]);
    expect(r.payload.referral).toMatchObject({
      label: 'Elev, 5. trinn',
      withoutConsent: true,
      outcome: 'PENDING',
      outcomeOn: null,
      referredOn: '2024-10-01',
      fromForum: { id: team.id },
      toForum: { id: drofting.id },
      consent: null,
    });
    const received = await referrals(drofting.runner, drofting.id, 'receivedReferrals');
    expect(received.nodes.map((n: any) => n.id)).toContain(r.payload.referral.id);
    const sent = await referrals(await a.member(team.unit!.code), team.id, 'sentReferrals');
    expect(sent.nodes.find((n: any) => n.id === r.payload.referral.id)).toMatchObject({ outcome: 'PENDING', withoutConsent: true });
    // The same request twice refers the case once.
    const again = await refer(team.runner, { summary: 'Uro i klassen over tid' });
    expect(again.payload.userErrors.map((e: any) => [e.field.join('.'), e.code])).toEqual([['input.label', 'CONFLICT']]);
    expect((await referrals(drofting.runner, drofting.id, 'receivedReferrals')).totalCount).toBe(received.totalCount);
  });

  it("under a consent of the sending forum: the receiving forum reads whose case it is, not the sender's other consents", async () => {
    const kari = await consent(team, 'Kari Nordmann', '2024-09-20');
    await consent(team, 'Per Hansen', '2024-09-20');
    const r = await refer(team.runner, { label: 'Kari, sak om skolefravær', consentId: kari, subjectName: 'Kari Nordmann' });
    expect(r.payload.userErrors).toEqual([]);
    expect(r.payload.referral).toMatchObject({ withoutConsent: false, consent: { subject: 'Kari Nordmann' } });
    const received = await referrals(drofting.runner, drofting.id, 'receivedReferrals');
    expect(received.nodes.find((n: any) => n.id === r.payload.referral.id).consent).toEqual({ subject: 'Kari Nordmann' });
    // The director does not read the local team's consents (only the one its forum received a case under).
    expect(ok(await app.gql(`query($id: ID!) { forum(id: $id) { consents { subject } } }`, { id: team.id }, drofting.runner)).forum.consents).toEqual([]);
    await asApiRole(app, { role: 'MUNICIPAL_DIRECTOR', region_id: await regionId(), municipality_id: await municipalityId('3429') }, async (q) => {
      expect((await q(`SELECT subject FROM forum_case_consent WHERE forum_id = $1`, [uuid(team.id)])).map((x) => x.subject)).toEqual(['Kari Nordmann']);
    });
    // A consent relied on by a referral cannot be withdrawn back before that referral.
    const early = await attempt(app, team.runner, 'withdrawCaseConsent', { consentId: kari, withdrawnOn: '2024-09-25' }, 'consent { id }');
    expect(codes(early.payload)).toEqual(['CONFLICT']);
  });

  it('refuses a referral naming a child without a consent, a national identity number, and a consent not valid for it — saving nothing', async () => {
    const before = await tableFingerprint(app, TABLES);
    const named = await refer(team.runner, { label: 'Ola Nordmann, 12 år', measuresTried: 'Kari i 5B har fått samtaler' });
    expect(named.payload.userErrors.map((e: any) => [e.field.join('.'), e.code])).toEqual([
      ['input.label', 'PERSONAL_DATA'],
      ['input.measuresTried', 'PERSONAL_DATA'],
    ]);
    const subject = await refer(team.runner, { subjectName: 'Ola Nordmann' });
    expect(subject.payload.userErrors.map((e: any) => [e.field.join('.'), e.code])).toEqual([['input.subjectName', 'PERSONAL_DATA']]);
    const fnr = await refer(team.runner, { summary: 'Gjelder 150765 00565' });
    expect(fnr.payload.userErrors.map((e: any) => [e.field.join('.'), e.code])).toEqual([['input.summary', 'PERSONAL_DATA']]);
    expect(JSON.stringify(fnr.payload)).not.toContain('00565');
    const later = await consent(team, 'Lise Berg', '2024-10-05');
    const tooEarly = await refer(team.runner, { consentId: later });
    expect(codes(tooEarly.payload)).toEqual(['PERSONAL_DATA']);
    const wrong = await refer(team.runner, { consentId: later, subjectName: 'Noen Andre', referredOn: '2024-10-06' });
    expect(codes(wrong.payload)).toEqual(['PERSONAL_DATA']);
    const othersConsent = await consent(drofting, 'Mats Dahl', '2024-09-01');
    const notOurs = await refer(team.runner, { consentId: othersConsent });
    expect(notOurs.payload.userErrors.map((e: any) => [e.field.join('.'), e.code])).toEqual([['input.consentId', 'NOT_FOUND']]);
    expect(await tableFingerprint(app, ['forum_case_referral'])).toEqual({ forum_case_referral: before.forum_case_referral });
    // Confirmed as naming no one, the same label goes through.
    const confirmed = await refer(team.runner, { label: 'Ola Nordmann, 12 år', confirmedAnonymous: true });
    expect(confirmed.payload.userErrors).toEqual([]);
  });

  it('refuses a referral to the forum itself, in the future, from a forum the caller does not run', async () => {
    expect(codes((await refer(team.runner, { toForumId: team.id })).payload)).toEqual(['INVALID']);
    expect(codes((await refer(team.runner, { referredOn: '2099-01-01' })).payload)).toEqual(['INVALID']);
    expect((await refer(await a.member(team.unit!.code), {})).code).toBe('FORBIDDEN');
    expect((await refer(drofting.runner, {})).code).toBe('FORBIDDEN');
  });
});

describe('the outcome', () => {
  it('is recorded only by the receiving forum, in order, and the sending forum sees it', async () => {
    const { referral } = (await refer(team.runner, { label: 'Barn, 3 år', referredOn: '2024-11-01' })).payload;
    const before = await tableFingerprint(app, ['forum_case_referral']);
    // The sender's leader may not answer its own referral; a director elsewhere may not either.
    expect((await answer(team.runner, referral.id, 'ACCEPTED', '2024-11-05')).code).toBe('FORBIDDEN');
    expect((await answer(tynset.runner, referral.id, 'ACCEPTED', '2024-11-05')).payload.userErrors.map((e: any) => e.code)).toEqual(['NOT_FOUND']);
    expect(codes((await answer(drofting.runner, referral.id, 'CONCLUDED', '2024-11-05')).payload)).toEqual(['INVALID']);
    expect(codes((await answer(drofting.runner, referral.id, 'ACCEPTED', '2024-10-30')).payload)).toEqual(['INVALID']);
    expect(await tableFingerprint(app, ['forum_case_referral'])).toEqual(before);

    expect((await answer(drofting.runner, referral.id, 'ACCEPTED', '2024-11-05', 'Tas opp i møtet 12. november')).payload).toEqual({
      referral: { outcome: 'ACCEPTED', outcomeOn: '2024-11-05', outcomeText: 'Tas opp i møtet 12. november' },
      userErrors: [],
    });
    expect((await answer(drofting.runner, referral.id, 'CONCLUDED', '2024-12-10', 'Anbefalt tiltak: familieveiledning')).payload.userErrors).toEqual([]);
    expect(codes((await answer(drofting.runner, referral.id, 'DECLINED', '2024-12-11')).payload)).toEqual(['CONFLICT']);

    const sent = await referrals(await a.member(team.unit!.code), team.id, 'sentReferrals');
    expect(sent.nodes.find((n: any) => n.id === referral.id)).toMatchObject({ outcome: 'CONCLUDED', outcomeOn: '2024-12-10', outcomeText: 'Anbefalt tiltak: familieveiledning' });
  });

  it('is refused with a national identity number in its text', async () => {
    const { referral } = (await refer(team.runner, { label: 'Ungdom, 15 år', referredOn: '2024-11-02' })).payload;
    const r = await answer(drofting.runner, referral.id, 'DECLINED', '2024-11-06', 'Gjelder 150765 00565');
    expect(r.payload.userErrors.map((e: any) => [e.field.join('.'), e.code])).toEqual([['input.text', 'PERSONAL_DATA']]);
  });

  it('cannot be written by the sender in RLS alone, nor the referral by the receiver', async () => {
    const { referral } = (await refer(team.runner, { label: 'Elev, 7. trinn', referredOn: '2024-11-03' })).payload;
    const region = await regionId();
    await asApiRole(app, { role: 'TST_LEADER', region_id: region, unit_id: uuid(team.unit!.id) }, async (q) => {
      const n = await q(`WITH u AS (UPDATE forum_case_referral SET outcome = 'DECLINED', outcome_on = '2024-11-04', outcome_by = 'x' WHERE id = $1 RETURNING 1) SELECT count(*)::int AS n FROM u`, [
        uuid(referral.id),
      ]);
      expect(n[0].n).toBe(0);
    });
    await asApiRole(app, { role: 'MUNICIPAL_DIRECTOR', region_id: region, municipality_id: await municipalityId('3429') }, async (q) => {
      await q('SAVEPOINT s');
      await expect(q(`UPDATE forum_case_referral SET label = 'endret' WHERE id = $1`, [uuid(referral.id)])).rejects.toThrow(/permission denied/);
      await q('ROLLBACK TO SAVEPOINT s');
      await expect(
        q(`INSERT INTO forum_case_referral (region_id, from_forum_id, to_forum_id, referred_on, label, referred_by) VALUES ($1, $2, $3, '2024-11-03', 'x', 'x')`, [
          region,
          uuid(team.id),
          uuid(drofting.id),
        ]),
      ).rejects.toThrow(/row-level security/);
      await q('ROLLBACK TO SAVEPOINT s');
    });
  });
});

describe('who reads referrals', () => {
  it("the insiders of the two fora only: not another municipality's director, oversight or another unit (RLS alone)", async () => {
    const region = await regionId();
    const own = (await app.owner.query(`SELECT count(*)::int AS n FROM forum_case_referral WHERE from_forum_id = $1`, [uuid(team.id)])).rows[0].n;
    expect(own).toBeGreaterThan(0);
    const count = async (settings: Record<string, string>) =>
      asApiRole(app, { region_id: region, ...settings }, async (q) => (await q(`SELECT count(*)::int AS n FROM forum_case_referral WHERE from_forum_id = $1`, [uuid(team.id)]))[0].n);
    expect(await count({ role: 'TST_MEMBER', unit_id: uuid(team.unit!.id) })).toBe(own);
    expect(await count({ role: 'MUNICIPAL_DIRECTOR', municipality_id: await municipalityId('3429') })).toBe(own);
    for (const outsider of <Record<string, string>[]>[
      { role: 'MUNICIPAL_DIRECTOR', municipality_id: await municipalityId('3427') },
      { role: 'REGION_ADMIN' },
      { role: 'SERVICE_LEADER', service_id: uuid(a.services.barnevern) },
      { role: 'TST_MEMBER', unit_id: (await app.owner.query(`SELECT id FROM unit WHERE code = 'folldal-skole'`)).rows[0].id },
    ]) {
      expect([outsider.role, await count(outsider)]).toEqual([outsider.role, 0]);
    }
    // Through the API, the region's administrator gets empty lists, and node(id:) nothing.
    expect((await referrals(a.admin, team.id, 'sentReferrals')).totalCount).toBe(0);
    const any = (await referrals(drofting.runner, drofting.id, 'receivedReferrals')).nodes[0].id;
    expect(ok(await app.gql(`query($id: ID!) { node(id: $id) { id } }`, { id: any }, a.admin)).node).toBeNull();
    expect(ok(await app.gql(`query($id: ID!) { node(id: $id) { id } }`, { id: any }, drofting.runner)).node).toEqual({ id: any });
  });
});

describe('another region', () => {
  it('can neither refer to nor from Nord-Østerdal fora, nor read or answer their referrals (API and RLS alone)', async () => {
    const valdresKind = await createKind(app, a.valdresAdmin, { placement: 'REGION', agendaElements: [], minMeetingMinutes: null });
    const { forum } = await mutate(app, a.valdresAdmin, 'createForum', { kindId: valdresKind.id, name: 'Regionalt team Valdres', establishedOn: '2024-01-01' }, 'forum { id }');
    const any = (await referrals(drofting.runner, drofting.id, 'receivedReferrals')).nodes[0].id;
    const before = await tableFingerprint(app, TABLES);
    const to = await attempt(app, a.valdresAdmin, 'referForumCase', { fromForumId: forum.id, toForumId: drofting.id, referredOn: '2024-10-01', label: 'Sak' }, 'referral { id }');
    expect(to.payload.userErrors.map((e: any) => [e.field.join('.'), e.code])).toEqual([['input.toForumId', 'NOT_FOUND']]);
    const from = await attempt(app, a.valdresAdmin, 'referForumCase', { fromForumId: team.id, toForumId: forum.id, referredOn: '2024-10-01', label: 'Sak' }, 'referral { id }');
    expect(from.payload.userErrors.map((e: any) => [e.field.join('.'), e.code])).toEqual([['input.fromForumId', 'NOT_FOUND']]);
    expect(codes((await answer(a.valdresAdmin, any, 'DECLINED', '2024-12-01')).payload)).toEqual(['NOT_FOUND']);
    expect(await tableFingerprint(app, TABLES)).toEqual(before);
    const valdres = (await app.owner.query(`SELECT id FROM region WHERE code = 'valdres'`)).rows[0].id;
    await asApiRole(app, { role: 'REGION_ADMIN', region_id: valdres }, async (q) => {
      expect((await q(`SELECT count(*)::int AS n FROM forum_case_referral`))[0].n).toBe(0);
      expect((await q(`WITH u AS (UPDATE forum_case_referral SET outcome = 'DECLINED', outcome_on = '2024-12-01', outcome_by = 'x' RETURNING 1) SELECT count(*)::int AS n FROM u`))[0].n).toBe(0);
      await q('SAVEPOINT s');
      await expect(
        q(`INSERT INTO forum_case_referral (region_id, from_forum_id, to_forum_id, referred_on, label, referred_by) VALUES ($1, $2, $3, '2024-11-03', 'x', 'x')`, [
          valdres,
          uuid(forum.id),
          uuid(drofting.id),
        ]),
      ).rejects.toThrow(/row-level security|violates/);
      await q('ROLLBACK TO SAVEPOINT s');
    });
    expect(await tableFingerprint(app, TABLES)).toEqual(before);
  });
});

async function regionId(): Promise<string> {
  return (await app.owner.query(`SELECT id FROM region WHERE code = 'nord-osterdal'`)).rows[0].id;
}
async function municipalityId(number: string): Promise<string> {
  return (await app.owner.query(`SELECT id FROM municipality WHERE number = $1`, [number])).rows[0].id;
}
