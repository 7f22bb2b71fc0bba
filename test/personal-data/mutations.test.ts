import { Role } from '../../src/auth/roles';
import { tableFingerprint } from '../helpers/fixtures';
import { ok, startTestApp, TestApp } from '../helpers/test-app';
import { Actors, actors, attempt, createKind, heldInput, mutate, suffix, unitForum } from '../fora/fixtures';
import { withCheckDigits } from '../helpers/national-id';

/**
 * The personal-data guard through the real server, on the fields the old guard did not see and in
 * the spellings it did not read: a PERSONAL_DATA userError naming the field, nothing saved, the
 * number never repeated; the role check still comes first. And the case item that names a child
 * without a consent.
 */
let app: TestApp;
let a: Actors;
beforeAll(async () => {
  app = await startTestApp();
  a = await actors(app);
});
afterAll(() => app.close());

const FNR = withCheckDigits('150765005');
const DNR = withCheckDigits('550765005');
const HNR = withCheckDigits('154765005');
const spellings = {
  noBreakSpace: `${FNR.slice(0, 6)}\u00A0${FNR.slice(6)}`,
  hyphen: `${DNR.slice(0, 6)}-${DNR.slice(6)}`,
  dateStyle: `${FNR.slice(0, 2)}.${FNR.slice(2, 4)}.${FNR.slice(4, 6)} ${FNR.slice(6)}`,
  zeroWidth: `${HNR.slice(0, 6)}\u200B${HNR.slice(6)}`,
  fullWidth: FNR.replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d))),
  lineBreak: `${DNR.slice(0, 6)}\n${DNR.slice(6)}`,
  enDash: `${FNR.slice(0, 6)}\u2013${FNR.slice(6)}`,
};
const fields = (payload: { userErrors: { field: string[]; code: string }[] }) => payload.userErrors.map((e) => [e.field.join('.'), e.code]).sort();
const silent = (payload: unknown) => expect(JSON.stringify(payload)).not.toMatch(new RegExp(`${FNR.slice(6)}|${DNR.slice(6)}|${HNR.slice(6)}`));

const FORA_TABLES = ['forum_meeting', 'forum_minutes', 'forum_case_item', 'forum_case_consent', 'audit_record'];

describe('fora: meeting place, convener, minutes writer, consent', () => {
  it("refuses a number in place, convenedBy and minutesWrittenBy of a held meeting, and in a planned meeting's place", async () => {
    const forum = await unitForum(app, a, await createKind(app, a.admin));
    const before = await tableFingerprint(app, FORA_TABLES);
    const held = await attempt(
      app,
      forum.runner,
      'recordForumMeeting',
      {
        ...heldInput(forum, '2024-09-10'),
        place: `Rom ${spellings.noBreakSpace}`,
        convenedBy: `Rektor ${spellings.hyphen}`,
        minutesWrittenBy: `Sekretær ${spellings.dateStyle}`,
      },
      'meeting { id }',
    );
    expect(held.payload.meeting).toBeNull();
    expect(fields(held.payload)).toEqual([
      ['input.convenedBy', 'PERSONAL_DATA'],
      ['input.minutesWrittenBy', 'PERSONAL_DATA'],
      ['input.place', 'PERSONAL_DATA'],
    ]);
    silent(held.payload);
    const planned = await attempt(app, forum.runner, 'planForumMeeting', { forumId: forum.id, startsAt: '2030-09-03T11:00:00Z', place: `Hos ${spellings.zeroWidth}` }, 'meeting { id }');
    expect(fields(planned.payload)).toEqual([['input.place', 'PERSONAL_DATA']]);
    expect(await tableFingerprint(app, FORA_TABLES)).toEqual(before);
    // Eleven digits that fail the check (an account number) pass.
    const broken = `${FNR.slice(0, 10)}${(Number(FNR[10]) + 1) % 10}`;
    const fine = await mutate(
      app,
      forum.runner,
      'planForumMeeting',
      { forumId: forum.id, startsAt: '2030-09-04T11:00:00Z', place: `Konto ${broken.slice(0, 6)}\u00A0${broken.slice(6)}` },
      'meeting { place }',
    );
    expect(fine.meeting.place).toContain('Konto');
  });

  it("refuses a number in a consent's subject, givenBy and scope", async () => {
    const forum = await unitForum(app, a, await createKind(app, a.admin));
    const r = await attempt(
      app,
      forum.runner,
      'recordCaseConsent',
      { forumId: forum.id, subject: `Kari ${spellings.fullWidth}`, givenBy: `Mor ${spellings.lineBreak}`, givenOn: '2024-09-01', scope: `Gjelder ${spellings.enDash}` },
      'consent { id }',
    );
    expect(r.payload.consent).toBeNull();
    expect(fields(r.payload)).toEqual([
      ['input.givenBy', 'PERSONAL_DATA'],
      ['input.scope', 'PERSONAL_DATA'],
      ['input.subject', 'PERSONAL_DATA'],
    ]);
    silent(r.payload);
  });

  it('checks the role first: a caller who may not record gets FORBIDDEN, not a hint about the text', async () => {
    const forum = await unitForum(app, a, await createKind(app, a.admin));
    const member = await app.token(Role.TST_MEMBER, { unit: forum.unit!.code });
    const r = await attempt(app, member, 'planForumMeeting', { forumId: forum.id, startsAt: '2030-09-03T11:00:00Z', place: spellings.hyphen }, 'meeting { id }');
    expect(r.code).toBe('FORBIDDEN');
  });
});

describe('fora: a case item without consent that names a child', () => {
  it('is refused until the caller confirms; withoutConsent says what the old anonymous flag meant; the audit record counts the confirmation', async () => {
    const forum = await unitForum(app, a, await createKind(app, a.admin));
    const input = heldInput(forum, '2024-09-10');
    const before = await tableFingerprint(app, FORA_TABLES);
    const r = await attempt(
      app,
      forum.runner,
      'recordForumMeeting',
      {
        ...input,
        caseItems: [{ label: 'Ola Nordmann, 12 år' }, { label: 'Elev, 5. trinn', summary: 'Kari Hansen i 5B har mye fravær' }, { label: 'Elev, 7. trinn' }],
      },
      'meeting { id }',
    );
    expect(r.payload.meeting).toBeNull();
    expect(fields(r.payload)).toEqual([
      ['input.caseItems.0.label', 'PERSONAL_DATA'],
      ['input.caseItems.1.summary', 'PERSONAL_DATA'],
    ]);
    expect(r.payload.userErrors[0].message).toMatch(/confirmedAnonymous: true/);
    expect(r.payload.userErrors[0].message).not.toMatch(/Ola|Nordmann/);
    expect(await tableFingerprint(app, FORA_TABLES)).toEqual(before);

    const confirmed = await mutate(
      app,
      forum.runner,
      'recordForumMeeting',
      {
        ...input,
        caseItems: [{ label: 'Kontaktlærer Kari, 5B: rutiner', confirmedAnonymous: true }],
      },
      'meeting { id caseItems { label withoutConsent anonymous } }',
    );
    expect(confirmed.meeting.caseItems).toEqual([{ label: 'Kontaktlærer Kari, 5B: rutiner', withoutConsent: true, anonymous: true }]);
    const audit = await app.owner.query(`SELECT after FROM audit_record WHERE operation = 'recordForumMeeting' AND entity_id = $1`, [
      Buffer.from(confirmed.meeting.id, 'base64url').toString('utf8').split(':')[1],
    ]);
    expect(audit.rows.map((row) => row.after.confirmedAnonymousCaseItems)).toEqual([1]);
    // A national identity number is refused even when confirmed: the confirmation covers names only.
    const still = await attempt(
      app,
      forum.runner,
      'recordForumMeeting',
      { ...heldInput(forum, '2024-09-11'), caseItems: [{ label: `Elev ${spellings.hyphen}`, confirmedAnonymous: true }] },
      'meeting { id }',
    );
    expect(fields(still.payload)).toEqual([['input.caseItems.0.label', 'PERSONAL_DATA']]);
  });

  it('marks the old field deprecated in the schema', async () => {
    const res = ok(await app.gql(`{ __type(name: "ForumCaseItem") { fields(includeDeprecated: true) { name isDeprecated } } }`));
    const byName = Object.fromEntries(res.__type.fields.map((f: any) => [f.name, f.isDeprecated]));
    expect([byName.anonymous, byName.withoutConsent]).toEqual([true, false]);
  });
});

describe('the other features', () => {
  it('plans: the plan title and a milestone (public once adopted) refuse a number', async () => {
    const created = await attempt(
      app,
      a.admin,
      'createStrategicPlan',
      { title: `Plan ${spellings.zeroWidth}`, periodStartYear: 2025, periodEndYear: 2028, municipalityNumbers: ['3429'], serviceIds: [] },
      'strategicPlan { id }',
    );
    expect(fields(created.payload)).toEqual([['input.title', 'PERSONAL_DATA']]);
    const plan = await mutate(app, a.admin, 'createStrategicPlan', { title: 'Plan', periodStartYear: 2025, periodEndYear: 2028, municipalityNumbers: ['3429'], serviceIds: [] }, 'version { id }');
    const milestone = await attempt(
      app,
      a.admin,
      'addPlanMilestone',
      { versionId: plan.version.id, title: 'Frist', dueMonth: 9, dueYear: 2025, responsible: `Rektor ${spellings.dateStyle}` },
      'milestone { id }',
    );
    expect(fields(milestone.payload)).toEqual([['input.responsible', 'PERSONAL_DATA']]);
  });

  it('costs: a category name refuses a number', async () => {
    const r = await app.gql(
      `mutation($input: CreateCostCategoryInput!) { createCostCategory(input: $input) { category { id } userErrors { field code message } } }`,
      { input: { code: `pd-${suffix()}`, name: `Kategori ${spellings.fullWidth}`, accounts: [{ funksjon: '890', artFrom: '010', artTo: '099' }] } },
      a.admin,
    );
    expect(fields(ok(r).createCostCategory)).toEqual([['input.name', 'PERSONAL_DATA']]);
  });

  it('statistics: a metric name refuses a number', async () => {
    const r = await app.gql(
      `mutation($input: DefineStatisticsMetricInput!) { defineStatisticsMetric(input: $input) { metric { code } userErrors { field code } } }`,
      { input: { serviceKind: 'PPT', code: `pd_${suffix()}`, name: `Saker ${spellings.lineBreak}`, unit: 'saker', aggregation: 'FLOW', finestPeriod: 'MONTH' } },
      a.admin,
    );
    expect(fields(ok(r).defineStatisticsMetric)).toEqual([['input.name', 'PERSONAL_DATA']]);
  });

  it('reference: a unit code spelled as a number and a unit name refuse it', async () => {
    const r = await app.gql(
      `mutation($input: CreateUnitInput!) { createUnit(input: $input) { unit { id } userErrors { field code } } }`,
      { input: { municipalityNumber: '3429', code: spellings.hyphen, name: `Skole ${spellings.enDash}`, kind: 'SCHOOL', size: 100 } },
      a.admin,
    );
    expect(fields(ok(r).createUnit)).toEqual([
      ['input.code', 'PERSONAL_DATA'],
      ['input.name', 'PERSONAL_DATA'],
    ]);
  });
});
