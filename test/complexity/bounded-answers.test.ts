import { parse } from 'graphql';
import { Role } from '../../src/auth/roles';
import { served } from '../../src/features';
import { priceOf, UNCAPPED_LIST_PRICE } from '../../src/http/limits';
import { buildAppSchema } from '../../src/schema/build';
import { EVIDENCE_LIST_CAP } from '../../src/services/plans/evidence';
import { IMPLEMENTATIONS_CAP } from '../../src/services/plans/implementations';
import { COMPLIANCE_LIST_CAP, COMPLIANCE_MEETING_ROW_CAP } from '../../src/services/fora/insights';
import { cloneTynsetTsts, FULL_PLAN_WITH_EVIDENCE } from '../../bench/bounded';
import { COMPLIANCE, lastSchoolYear } from '../../bench/fora';
import { postGraphql } from '../helpers/fixtures';
import { ok, startTestApp, TestApp } from '../helpers/test-app';

/**
 * "No single answer grows with the data" (docs/plans.md and docs/fora.md "Bounded answers"): the
 * complexity limit prices every list at the size it will be (a connection at `first`, a plain list
 * at its cap, nested lists multiplied), and with Tynset's TSTs cloned 10× (bench/bounded.ts) a query
 * asking for everything is refused with QUERY_TOO_COMPLEX before anything runs, or answers within
 * the caps with the whole counts beside them.
 */
const price = async (query: string, variables: Record<string, unknown> = {}) => priceOf(await buildAppSchema(served.schema), parse(query), undefined, variables);
const COMPLIANCE_OF = (selection: string) => `{ forumCompliance(municipalityNumber: "3427", period: "2025") { ${selection} } }`;

describe('the complexity price counts list sizes as they will be', () => {
  it('prices a capped list at its cap, and nested capped lists multiply', async () => {
    expect(await price(COMPLIANCE_OF('forums { belowMinimum }'))).toBe(1 + 1 + COMPLIANCE_LIST_CAP * 1);
    expect(await price(COMPLIANCE_OF('forums { shortMeetings { actualMinutes } }'))).toBe(1 + 1 + COMPLIANCE_LIST_CAP * (1 + COMPLIANCE_MEETING_ROW_CAP * 1));
    expect(await price(COMPLIANCE_OF('missingForums { units { name } }'))).toBe(1 + 1 + UNCAPPED_LIST_PRICE * (1 + COMPLIANCE_LIST_CAP * 1));
  });

  it('prices a connection at its `first` (default 20), whatever is inside it', async () => {
    expect(await price(COMPLIANCE_OF('forumPage(first: 3) { nodes { belowMinimum } }'))).toBe(1 + 1 + 3 * (1 + 1));
    expect(await price(COMPLIANCE_OF('forumPage { nodes { shortMeetings { actualMinutes } } }'))).toBe(1 + 1 + 20 * (1 + (1 + COMPLIANCE_MEETING_ROW_CAP)));
  });

  it('prices Measure.implementations at its cap per measure, and the evidence lists inside it at theirs', async () => {
    const measures = (inner: string) => `query($id: ID!) { strategicPlan(id: $id) { currentVersion { measures { implementations { ${inner} } } } } }`;
    expect(await price(measures('status'), { id: 'x' })).toBe(1 + 1 + 1 + UNCAPPED_LIST_PRICE * (1 + IMPLEMENTATIONS_CAP * 1));
    expect(await price(measures('foraEvidence { forums { held } }'), { id: 'x' })).toBe(1 + 1 + 1 + UNCAPPED_LIST_PRICE * (1 + IMPLEMENTATIONS_CAP * (1 + (1 + EVIDENCE_LIST_CAP * 1))));
  });
});

describe('with Tynset’s TSTs cloned 10×', () => {
  let app: TestApp;
  let director: string;
  let tsts: number;
  const { year, start } = lastSchoolYear();
  beforeAll(async () => {
    app = await startTestApp();
    director = await app.token(Role.MUNICIPAL_DIRECTOR, { municipality: '3427' });
    await cloneTynsetTsts(app.ownerUrl, 1, 9);
    tsts = Number(
      (
        await app.owner.query(
          `SELECT count(*) FROM forum f JOIN forum_kind k ON k.id = f.kind_id JOIN municipality m ON m.id = f.municipality_id WHERE m.number = '3427' AND k.code = 'tst' AND f.unit_id IS NOT NULL`,
        )
      ).rows[0].count,
    );
  });
  afterAll(() => app?.close());

  it('answers the full plan with every implementation’s fora evidence within the caps, the counts whole', async () => {
    expect(tsts).toBeGreaterThan(3 * COMPLIANCE_LIST_CAP);
    const planId = ok(await app.gql('{ strategicPlans(first: 5) { nodes { id } } }', {}, director)).strategicPlans.nodes[0].id;
    const res = await postGraphql(app, { query: FULL_PLAN_WITH_EVIDENCE, variables: { id: planId } }, { authorization: `Bearer ${director}` });
    expect(res.status).toBe(200);
    expect(res.json.errors).toBeUndefined();
    const rows = res.json.data.strategicPlan.currentVersion.measures.flatMap((m: any) => m.implementations);
    const tynset = rows.find((i: any) => i.municipality.number === '3427' && i.foraEvidence);
    expect(tynset.foraEvidence.forumsEstablished).toBeGreaterThanOrEqual(tsts);
    expect(tynset.foraEvidence.forums).toHaveLength(EVIDENCE_LIST_CAP);
    for (const i of rows) expect((i.foraEvidence?.forums ?? []).length).toBeLessThanOrEqual(EVIDENCE_LIST_CAP);
  });

  it('refuses it before it runs when it asks for the evidence of two terms: QUERY_TOO_COMPLEX, HTTP 400, no data', async () => {
    const evidence = FULL_PLAN_WITH_EVIDENCE.slice(FULL_PLAN_WITH_EVIDENCE.indexOf('foraEvidence {'), FULL_PLAN_WITH_EVIDENCE.indexOf('} } }', FULL_PLAN_WITH_EVIDENCE.indexOf('foraEvidence {')) + 3);
    const twoTerms = FULL_PLAN_WITH_EVIDENCE.replace(
      evidence,
      `spring: ${evidence.replace('foraEvidence {', `foraEvidence(period: "${year}-SPRING") {`)} autumn: ${evidence.replace('foraEvidence {', `foraEvidence(period: "${start}-AUTUMN") {`)}`,
    );
    const planId = ok(await app.gql('{ strategicPlans(first: 5) { nodes { id } } }', {}, director)).strategicPlans.nodes[0].id;
    const res = await postGraphql(app, { query: twoTerms, variables: { id: planId } }, { authorization: `Bearer ${director}` });
    expect(res.status).toBe(400);
    expect(res.json.data).toBeUndefined();
    expect(res.json.errors).toHaveLength(1);
    expect(res.json.errors[0].extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limit: 'GRAPHQL_MAX_COMPLEXITY', max: 20000 });
    expect(res.json.errors[0].extensions.found).toBeGreaterThan(20000);
  });

  it('answers the per-municipality page with the evidence capped and the whole count beside it', async () => {
    const planId = ok(await app.gql('{ strategicPlans(first: 5) { nodes { id } } }', {}, director)).strategicPlans.nodes[0].id;
    const data = ok(
      await app.gql(
        `query($id: ID!) { strategicPlan(id: $id) { adoptedVersion { implementations(municipalityNumber: "3427", first: 20) { totalCount nodes {
          measure { code } foraEvidence(period: "${year}") { forumsEstablished forums { forum { name } } } } } } } }`,
        { id: planId },
        director,
      ),
    ).strategicPlan.adoptedVersion.implementations;
    const evidence = data.nodes.map((n: any) => n.foraEvidence).filter(Boolean);
    expect(evidence.length).toBeGreaterThan(0);
    for (const e of evidence) {
      expect(e.forumsEstablished).toBeGreaterThanOrEqual(tsts);
      expect(e.forums).toHaveLength(EVIDENCE_LIST_CAP);
    }
  });

  it('answers forumCompliance asking for everything within the caps, the counts whole, and forumPage pages through every forum', async () => {
    // One TST with more short meetings than the cap, and more schools without a TST than the cap.
    const forum = (
      await app.owner.query(
        `SELECT f.id, f.region_id FROM forum f JOIN forum_kind k ON k.id = f.kind_id JOIN municipality m ON m.id = f.municipality_id WHERE m.number = '3427' AND k.code = 'tst' AND f.unit_id IS NOT NULL ORDER BY f.name LIMIT 1`,
      )
    ).rows[0];
    const short = COMPLIANCE_MEETING_ROW_CAP + 3;
    await app.owner.query(
      `INSERT INTO forum_meeting (region_id, forum_id, starts_at, planned_minutes, actual_minutes, status, created_by)
       SELECT $1, $2, make_timestamptz($3, 9, 1 + d, 12, 0, 0, 'Europe/Oslo'), 90, 20, 'HELD', 'test' FROM generate_series(1, $4::int) d`,
      [forum.region_id, forum.id, start + 1, short],
    );
    const bare = COMPLIANCE_LIST_CAP + 5;
    await app.owner.query(
      `INSERT INTO unit (region_id, municipality_id, code, name, kind, size)
       SELECT m.region_id, m.id, 'uten-tst-' || i, 'Skole uten TST ' || lpad(i::text, 2, '0'), 'SCHOOL', 50 FROM municipality m, generate_series(1, $1::int) i WHERE m.number = '3427'`,
      [bare],
    );

    const everything = COMPLIANCE.replace('forums {', 'forumCount regionalForumCount forums { shortMeetingCount missingElementsCount leadershipViolationCount').replace(
      'missingForums { kind { code } units { name } }',
      'missingForums { kind { code } unitCount units { name } }',
    );
    const res = await postGraphql(app, { query: everything, variables: { n: '3427', p: year } }, { authorization: `Bearer ${director}` });
    expect(res.status).toBe(200);
    expect(res.json.errors).toBeUndefined();
    const report = res.json.data.forumCompliance;
    expect(report.forumCount).toBeGreaterThanOrEqual(tsts);
    expect(report.summary.forums).toBe(report.forumCount);
    expect(report.forums).toHaveLength(COMPLIANCE_LIST_CAP);
    const shortest = report.forums.find((f: any) => f.shortMeetingCount >= short);
    expect(shortest.shortMeetings).toHaveLength(COMPLIANCE_MEETING_ROW_CAP);
    for (const f of report.forums) {
      expect(f.shortMeetings.length).toBe(Math.min(f.shortMeetingCount, COMPLIANCE_MEETING_ROW_CAP));
      expect(f.missingElements.length).toBe(Math.min(f.missingElementsCount, COMPLIANCE_MEETING_ROW_CAP));
      expect(f.leadershipViolations.length).toBe(Math.min(f.leadershipViolationCount, COMPLIANCE_MEETING_ROW_CAP));
    }
    const tstGap = report.missingForums.find((m: any) => m.kind.code === 'tst');
    expect(tstGap.unitCount).toBeGreaterThanOrEqual(bare);
    expect(tstGap.units).toHaveLength(COMPLIANCE_LIST_CAP);

    const names: string[] = [];
    let after: string | null = null;
    for (;;) {
      const page: any = ok(
        await app.gql(
          `query($n: String!, $p: String!, $after: String) { forumCompliance(municipalityNumber: $n, period: $p) { forumPage(first: 40, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { forum { name } } } } }`,
          { n: '3427', p: year, after },
          director,
        ),
      ).forumCompliance.forumPage;
      expect(page.totalCount).toBe(report.forumCount);
      names.push(...page.nodes.map((n: any) => n.forum.name));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(names).toHaveLength(report.forumCount);
    expect(new Set(names).size).toBe(names.length);
    expect(names.slice(0, COMPLIANCE_LIST_CAP)).toEqual(report.forums.map((f: any) => f.forum.name));
  });

  it('refuses a forumPage so large that its price passes the limit, and answers the same page when it is smaller', async () => {
    const query = (first: number) => `{ forumCompliance(municipalityNumber: "3427", period: "${year}") { forumPage(first: ${first}) { nodes {
      forum { name unit { name } } kind { code } meetings { held planned cancelled }
      cadence { rule { period minMeetings } windows { count status min } } attendance { expected present } memberHalfYear { windows { count } } halfYearElements { windows { count } }
      shortMeetings { actualMinutes } missingElements { missing { code } } leadershipViolations { issue } } } } }`;
    const over = await postGraphql(app, { query: query(100) }, { authorization: `Bearer ${director}` });
    expect(over.status).toBe(400);
    expect(over.json.errors[0].extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limit: 'GRAPHQL_MAX_COMPLEXITY' });
    ok(await app.gql(query(10), {}, director));
  });
});
