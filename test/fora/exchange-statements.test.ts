import { ok, startTestApp, TestApp } from '../helpers/test-app';
import { Actors, actors, BuiltKind, createKind, heldInput, municipalForum, mutate } from './fixtures';

/**
 * N+1 guard for what passes between fora: a list of fora with their received minutes, referrals
 * (with consent and fora) and seats held by a role elsewhere (with their holder) sends the same
 * number of SQL statements for one forum as for three.
 */
let app: TestApp;
let a: Actors;
let receiving: BuiltKind;
let sending: BuiltKind;

beforeAll(async () => {
  app = await startTestApp();
  a = await actors(app);
  receiving = await createKind(app, a.admin, { placement: 'MUNICIPALITY', agendaElements: [] });
  sending = await createKind(app, a.admin, { placement: 'MUNICIPALITY', agendaElements: [] });
});
afterAll(() => app.close());

/** A receiving forum with minutes sent to it, a case referred to it under consent, and a seat held by the sender's leader. */
async function addPair(n: number): Promise<void> {
  const to = await municipalForum(app, a, receiving, '3429');
  const from = await municipalForum(app, a, sending, '3429');
  const { meeting } = await mutate(app, from.runner, 'recordForumMeeting', heldInput(from, `2024-09-1${n}`, { text: `Referat ${n}` }), 'meeting { id }');
  await mutate(app, from.runner, 'markForumMinutesSent', { meetingId: meeting.id, sentOn: '2024-09-20', toForumId: to.id }, 'meeting { id }');
  const { consent } = await mutate(app, from.runner, 'recordCaseConsent', { forumId: from.id, subject: `Barn ${n}`, givenBy: 'Foreldre', givenOn: '2024-09-01', scope: 'Drøfting' }, 'consent { id }');
  await mutate(app, from.runner, 'referForumCase', { fromForumId: from.id, toForumId: to.id, referredOn: '2024-10-01', label: `Sak ${n}`, consentId: consent.id }, 'referral { id }');
  await mutate(app, a.admin, 'addForumMember', { forumId: to.id, kindMemberId: receiving.members.nav, roleForumId: from.id, validFrom: '2024-01-01' }, 'membership { id }');
}

const QUERY = `query($k: String!) { forums(kindCode: $k, first: 100) { totalCount nodes { name
  receivedMinutes(first: 5) { totalCount nodes { heldOn minutes fromForum { name } } }
  receivedReferrals(first: 5) { nodes { label outcome consent { subject } fromForum { name } toForum { name } } }
  memberships { seat { code } roleForum { name } holder { personName service { code } } } } } }`;

it('reads one forum and three with the same number of statements', async () => {
  const director = await a.director('3429');
  const measure = async () => {
    const res = await app.gql(QUERY, { k: receiving.code }, director);
    return { statements: res.extensions!.sqlStatements!, data: ok(res).forums };
  };
  await addPair(1);
  const one = await measure();
  expect(one.data.totalCount).toBe(1);
  expect(one.data.nodes[0].receivedMinutes.nodes[0].minutes).toBe('Referat 1');
  expect(one.data.nodes[0].receivedReferrals.nodes[0].consent).toEqual({ subject: 'Barn 1' });
  expect(one.data.nodes[0].memberships.find((m: any) => m.roleForum).holder).toEqual({ personName: 'Representant enheten', service: null });
  await addPair(2);
  await addPair(3);
  const three = await measure();
  expect(three.data.totalCount).toBe(3);
  expect(three.data.nodes.flatMap((f: any) => f.receivedMinutes.nodes.map((m: any) => m.minutes)).sort()).toEqual(['Referat 1', 'Referat 2', 'Referat 3']);
  expect(three.statements).toBe(one.statements);
});
