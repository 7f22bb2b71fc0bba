import { tableFingerprint } from '../helpers/fixtures';
import { ok, startTestApp, TestApp } from '../helpers/test-app';
import { Actors, actors, attempt, BuiltForum, codes, createKind, heldInput, mutate, unitForum } from './fixtures';

/** Cases are anonymous unless a recorded consent names them (003, 004); a consent can be withdrawn. */
let app: TestApp;
let a: Actors;
let forum: BuiltForum;
beforeAll(async () => {
  app = await startTestApp();
  a = await actors(app);
  forum = await unitForum(app, a, await createKind(app, a.admin));
});
afterAll(() => app.close());

const consent = async (subject: string, givenOn: string) =>
  (
    await mutate(
      app,
      forum.runner,
      'recordCaseConsent',
      { forumId: forum.id, subject, givenBy: 'Foreldrene', givenOn, scope: 'Drøfting i TST skoleåret 2024/25' },
      'consent { id subject givenOn withdrawnOn }',
    )
  ).consent;
const withCase = (date: string, item: Record<string, unknown>) => ({ ...heldInput(forum, date), caseItems: [{ label: 'Sak 1', ...item }] });

it('refuses a named case without a consent, saving nothing', async () => {
  const before = await tableFingerprint(app, ['forum_meeting', 'forum_case_item', 'forum_minutes']);
  const r = await attempt(app, forum.runner, 'recordForumMeeting', withCase('2024-09-03', { subjectName: 'Ola Nordmann' }), 'meeting { id }');
  expect(r.payload.userErrors.map((e: any) => [e.field.join('.'), e.code])).toEqual([['input.caseItems.0.subjectName', 'PERSONAL_DATA']]);
  expect(await tableFingerprint(app, ['forum_meeting', 'forum_case_item', 'forum_minutes'])).toEqual(before);
});

it('names a case under a consent valid that day, and only for its subject', async () => {
  const c = await consent('Kari Nordmann', '2024-09-01');
  const wrongPerson = await attempt(app, forum.runner, 'recordForumMeeting', withCase('2024-09-10', { consentId: c.id, subjectName: 'Per Hansen' }), 'meeting { id }');
  expect(codes(wrongPerson.payload)).toEqual(['PERSONAL_DATA']);
  const tooEarly = await attempt(app, forum.runner, 'recordForumMeeting', withCase('2024-08-27', { consentId: c.id }), 'meeting { id }');
  expect(codes(tooEarly.payload)).toEqual(['PERSONAL_DATA']);
  const { meeting } = await mutate(
    app,
    forum.runner,
    'recordForumMeeting',
    withCase('2024-09-10', { consentId: c.id, subjectName: 'kari nordmann', summary: 'Navngitt med samtykke' }),
    'meeting { caseItems { anonymous subjectName consent { givenBy scope } } }',
  );
  expect(meeting.caseItems).toEqual([{ anonymous: false, subjectName: 'Kari Nordmann', consent: { givenBy: 'Foreldrene', scope: 'Drøfting i TST skoleåret 2024/25' } }]);
});

it('after a withdrawal the case is anonymous again; a withdrawal cannot reach back before the consent was last relied on', async () => {
  const c = await consent('Jon Nordmann', '2024-09-01');
  await mutate(app, forum.runner, 'recordForumMeeting', withCase('2024-09-17', { consentId: c.id }), 'meeting { id }');
  const early = await attempt(app, forum.runner, 'withdrawCaseConsent', { consentId: c.id, withdrawnOn: '2024-09-17' }, 'consent { id }');
  expect(codes(early.payload)).toEqual(['CONFLICT']);
  const { consent: withdrawn } = await mutate(app, forum.runner, 'withdrawCaseConsent', { consentId: c.id, withdrawnOn: '2024-10-01' }, 'consent { withdrawnOn }');
  expect(withdrawn.withdrawnOn).toBe('2024-10-01');
  const later = await attempt(app, forum.runner, 'recordForumMeeting', withCase('2024-10-08', { consentId: c.id }), 'meeting { id }');
  expect(later.payload.userErrors.map((e: any) => [e.code, /withdrawn on 2024-10-01/.test(e.message)])).toEqual([['PERSONAL_DATA', true]]);
  await mutate(app, forum.runner, 'recordForumMeeting', withCase('2024-10-08', { summary: 'Drøftet anonymt' }), 'meeting { id }');
  const twice = await attempt(app, forum.runner, 'withdrawCaseConsent', { consentId: c.id, withdrawnOn: '2024-10-02' }, 'consent { id }');
  expect(codes(twice.payload)).toEqual(['CONFLICT']);
  const future = await attempt(app, forum.runner, 'recordCaseConsent', { forumId: forum.id, subject: 'X', givenBy: 'Y', givenOn: '2999-01-01', scope: 'Z' }, 'consent { id }');
  expect(codes(future.payload)).toEqual(['INVALID']);
});

it('keeps consents inside the forum: its members read them; oversight and other units do not', async () => {
  const c = await consent('Siri Nordmann', '2024-09-02');
  const query = `query($id: ID!, $c: ID!) { forum(id: $id) { consents { id subject } } node(id: $c) { id } }`;
  const member = ok(await app.gql(query, { id: forum.id, c: c.id }, await a.member(forum.unit!.code)));
  expect(member.forum.consents.map((x: any) => x.id)).toContain(c.id);
  expect(member.node).toEqual({ id: c.id });
  for (const token of [a.admin, await a.director('3429'), await a.serviceLeader('barnevern')]) {
    const outsider = ok(await app.gql(query, { id: forum.id, c: c.id }, token));
    expect(outsider).toEqual({ forum: { consents: [] }, node: null });
  }
  const otherUnit = await app.gql(query, { id: forum.id, c: c.id }, await a.member('folldal-skole'));
  expect(otherUnit.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  // Nor may an outsider record or withdraw one.
  const adminTry = await attempt(app, a.admin, 'recordCaseConsent', { forumId: forum.id, subject: 'X', givenBy: 'Y', givenOn: '2024-09-01', scope: 'Z' }, 'consent { id }');
  expect(adminTry.code).toBe('FORBIDDEN');
  const withdraw = await attempt(app, a.admin, 'withdrawCaseConsent', { consentId: c.id, withdrawnOn: '2024-10-01' }, 'consent { id }');
  expect(codes(withdraw.payload)).toEqual(['NOT_FOUND']);
});
