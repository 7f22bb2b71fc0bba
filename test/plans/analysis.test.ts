import {
  ImplementationStatus,
  MeasureImplementation,
  MeasureResponsibleKind,
  PlanAdoption,
  PlanAdoptionStatus,
  PlanFocusArea,
  PlanGoal,
  PlanGoalKind,
  PlanGoalMeasure,
  PlanMeasure,
  PlanMeasureResponsible,
  PlanVersion,
} from '../../src/entities/plans';
import { Municipality } from '../../src/entities/reference/municipality';
import { render } from '../../src/i18n';
import {
  adoptionsFor,
  assessLegalCompleteness,
  ComparedTable,
  computeCoverage,
  computeProgress,
  diffItems,
  diffLinks,
  implementationsFor,
  indexImplementations,
  orderedGoals,
  statusCounts,
  summarizeAdoptions,
  VersionSnapshot,
} from '../../src/services/plans/analysis';
import { VERSION_CONTENT } from '../../src/services/plans/content-model';

/** The plan computations as plain functions: rows in, answers out, no database. */
const make = <T extends object>(cls: new () => T, fields: Partial<T>): T => Object.assign(new cls(), fields);
const goal = (id: string, kind: PlanGoalKind, parentGoalId: string | null = null, title = id) => make(PlanGoal, { id, key: `k-${id}`, kind, parentGoalId, title, code: id });
const measure = (id: string, extra: Partial<PlanMeasure> = {}) => make(PlanMeasure, { id, key: `k-${id}`, title: id, organisation: null, ...extra });
const link = (goalId: string, measureId: string) => make(PlanGoalMeasure, { goalId, measureId });
const municipality = (id: string, number: string) => make(Municipality, { id, number, name: number });
const version = make(PlanVersion, { id: 'v', planId: 'p', regionId: 'r' });

const goals = [goal('g2', PlanGoalKind.GOAL), goal('main', PlanGoalKind.MAIN), goal('g1', PlanGoalKind.GOAL), goal('g11', PlanGoalKind.SUB_GOAL, 'g1')];

describe('orderedGoals and the coverage matrix', () => {
  it('puts each goal before its sub-goals and leaves the main goal out of the matrix', () => {
    expect(orderedGoals(goals).map((g) => g.id)).toEqual(['g2', 'main', 'g1', 'g11']);
    const coverage = computeCoverage(goals, [measure('a'), measure('b')], [link('g1', 'a'), link('g11', 'a')]);
    expect(coverage.rows.map((r) => [r.goal.id, r.cells.map((c) => c.linked), r.measureCount])).toEqual([
      ['g2', [false, false], 0],
      ['g1', [true, false], 1],
      ['g11', [true, false], 1],
    ]);
    expect(coverage.goalsWithoutMeasures.map((g) => g.id)).toEqual(['g2']);
    expect(coverage.measuresWithoutGoals.map((m) => m.id)).toEqual(['b']);
  });

  it('does not count a link to the main goal as serving a goal', () => {
    expect(computeCoverage(goals, [measure('a')], [link('main', 'a')]).measuresWithoutGoals.map((m) => m.id)).toEqual(['a']);
  });
});

describe('adoption', () => {
  it('lists every covered municipality, PENDING where nothing is recorded, and is complete only when all adopted', () => {
    const ms = [municipality('m1', '3427'), municipality('m2', '3428')];
    const rows = [make(PlanAdoption, { municipalityId: 'm1', status: PlanAdoptionStatus.ADOPTED })];
    const list = adoptionsFor(version, ms, rows);
    expect(list.map((a) => [a.municipalityId, a.status])).toEqual([
      ['m1', 'ADOPTED'],
      ['m2', 'PENDING'],
    ]);
    expect(summarizeAdoptions(list)).toEqual({ total: 2, adopted: 1, rejected: 0, pending: 1, complete: false });
    expect(summarizeAdoptions(adoptionsFor(version, ms, [...rows, make(PlanAdoption, { municipalityId: 'm2', status: PlanAdoptionStatus.ADOPTED })])).complete).toBe(true);
    expect(summarizeAdoptions([]).complete).toBe(false);
  });
});

describe('progress', () => {
  it('counts statuses with shares rounded to 4 decimals and 0 for nothing', () => {
    expect(statusCounts([ImplementationStatus.IN_PROGRESS, ImplementationStatus.NOT_STARTED, ImplementationStatus.NOT_STARTED])).toEqual([
      { status: 'NOT_STARTED', count: 2, total: 3, share: 0.6667 },
      { status: 'IN_PROGRESS', count: 1, total: 3, share: 0.3333 },
      { status: 'IMPLEMENTED', count: 0, total: 3, share: 0 },
      { status: 'EVALUATED', count: 0, total: 3, share: 0 },
    ]);
    expect(statusCounts([]).every((c) => c.share === 0 && c.total === 0)).toBe(true);
  });

  it('counts measures × municipalities region-wide, per municipality and per goal; missing rows are NOT_STARTED', () => {
    const ms = [municipality('m1', '3427'), municipality('m2', '3428')];
    const measures = [measure('a'), measure('b')];
    const implementations = [
      make(MeasureImplementation, { measureKey: 'k-a', municipalityId: 'm1', status: ImplementationStatus.IMPLEMENTED }),
      make(MeasureImplementation, { measureKey: 'k-b', municipalityId: 'm2', status: ImplementationStatus.EVALUATED }),
      make(MeasureImplementation, { measureKey: 'k-gone', municipalityId: 'm2', status: ImplementationStatus.EVALUATED }),
    ];
    const p = computeProgress({ version, measures, goals, links: [link('g1', 'a')], municipalities: ms, implementations });
    expect([p.measureCount, p.municipalityCount]).toEqual([2, 2]);
    expect(p.counts.map((c) => c.count)).toEqual([2, 0, 1, 1]);
    expect(p.perMunicipality.map((m) => [m.municipality.id, m.counts.map((c) => c.count)])).toEqual([
      ['m1', [1, 0, 1, 0]],
      ['m2', [1, 0, 0, 1]],
    ]);
    expect(p.perGoal.map((g) => [g.goal.id, g.measureCount, g.counts.map((c) => c.count)])).toEqual([
      ['g2', 0, [0, 0, 0, 0]],
      ['g1', 1, [1, 0, 1, 0]],
      ['g11', 0, [0, 0, 0, 0]],
    ]);
  });
});

describe('implementation status of a measure', () => {
  it('has one entry per covered municipality: the stored row, or NOT_STARTED without one', () => {
    const ms = [municipality('m1', '3427'), municipality('m2', '3428')];
    const stored = make(MeasureImplementation, { measureKey: 'k-a', municipalityId: 'm2', status: ImplementationStatus.IN_PROGRESS, note: 'godt i gang' });
    const other = make(MeasureImplementation, { measureKey: 'k-b', municipalityId: 'm1', status: ImplementationStatus.EVALUATED });
    const list = implementationsFor(measure('a', { planId: 'p', regionId: 'r' }), ms, indexImplementations([other, stored]));
    expect(list.map((i) => [i.municipalityId, i.status, i.note, i.updatedAt])).toEqual([
      ['m1', 'NOT_STARTED', null, null],
      ['m2', 'IN_PROGRESS', 'godt i gang', undefined],
    ]);
    expect(list[1]).toBe(stored);
    expect(list[0]).toBeInstanceOf(MeasureImplementation);
    expect([list[0].measureKey, list[0].planId]).toEqual(['k-a', 'p']);
  });
});

describe('barnevernsloven § 15-1', () => {
  const responsible = (kind: MeasureResponsibleKind, who: string) =>
    make(PlanMeasureResponsible, { kind, serviceId: kind === MeasureResponsibleKind.SERVICE ? who : null, municipalityId: null, roleName: kind === MeasureResponsibleKind.ROLE ? who : null });

  it('finds no goals, no measures and no cooperation in an empty version', () => {
    const check = assessLegalCompleteness([], [], [], []);
    expect(check.complete).toBe(false);
    expect(check.checks.map((c) => [c.requirement, c.present])).toEqual([
      ['GOALS', false],
      ['ORGANISATION', false],
      ['COOPERATION', false],
    ]);
  });

  it('needs someone responsible for every measure', () => {
    const check = assessLegalCompleteness(goals, [measure('a'), measure('b')], [], [[responsible(MeasureResponsibleKind.ROLE, 'Rektor')], []]);
    expect(check.checks[1].present).toBe(false);
    expect(render('en', check.checks[1].reason)).toBe('Measures without anyone responsible: "b".');
  });

  it('accepts a division between two parties, and a shared measure as cooperation', () => {
    const check = assessLegalCompleteness(goals, [measure('a')], [], [[responsible(MeasureResponsibleKind.SERVICE, 's1'), responsible(MeasureResponsibleKind.ROLE, 'Rektor')]]);
    expect(check.checks.map((c) => c.present)).toEqual([true, true, true]);
    expect(render('en', check.checks[2].reason)).toBe('1 measure is shared by two or more responsible parties.');
    expect(render('nb', check.checks[2].reason)).toBe('1 tiltak er delt mellom to eller flere ansvarlige parter.');
    expect(check.complete).toBe(true);
  });

  it('does not accept one party for everything without any description of the division', () => {
    const one = [responsible(MeasureResponsibleKind.ROLE, 'Rektor')];
    const check = assessLegalCompleteness(goals, [measure('a'), measure('b')], [make(PlanFocusArea, { howWeDoIt: 'TST', rolesAndResponsibility: null })], [one, one]);
    expect(check.checks.map((c) => c.present)).toEqual([true, false, true]);
  });

  it('counts several main goals and sub-goals, and takes a collaboration model as saying how the services cooperate', () => {
    const stated = [goal('h1', PlanGoalKind.MAIN), goal('h2', PlanGoalKind.MAIN), goal('s1', PlanGoalKind.GOAL), goal('d1', PlanGoalKind.SUB_GOAL, 's1'), goal('d2', PlanGoalKind.SUB_GOAL, 's1')];
    const one = [responsible(MeasureResponsibleKind.ROLE, 'Rektor')];
    const without = assessLegalCompleteness(stated, [measure('a', { organisation: 'Team' })], [], [one]);
    expect(render('en', without.checks[0].reason)).toBe('States 2 main goals and 1 goal and 2 sub-goals.');
    expect(render('nb', without.checks[0].reason)).toBe('Oppgir 2 hovedmål og 1 mål og 2 delmål.');
    expect(render('en', without.checks[1].reason)).toBe('Every measure names who is responsible; 1 measure describes its organisation; the 1 measure lies with 1 responsible party.');
    expect(without.checks[2].present).toBe(false);
    const withModel = assessLegalCompleteness(stated, [measure('a', { organisation: 'Team' })], [], [one], { collaborationModels: [{ name: 'Modell for samhandling' }] });
    expect(withModel.checks[2]).toMatchObject({ requirement: 'COOPERATION', present: true });
    expect(render('en', withModel.checks[2].reason)).toBe('a collaboration model describes how the services work together ("Modell for samhandling").');
    expect(render('nb', withModel.checks[2].reason)).toBe('én samarbeidsmodell beskriver hvordan tjenestene samarbeider («Modell for samhandling»).');
    expect(withModel.complete).toBe(true);
  });

  it('names the first three measures without anyone responsible, quoted as the reader’s language quotes, and counts the rest', () => {
    const measures = ['Foreldrekurs', 'Leksehjelp', 'Fritidskontakt', 'Mentor'].map((t) => measure(t));
    const check = assessLegalCompleteness(goals, measures, [], [[], [], [], []]).checks[1];
    expect(check.present).toBe(false);
    expect(render('en', check.reason)).toBe('Measures without anyone responsible: "Foreldrekurs", "Leksehjelp", "Fritidskontakt" and 1 more.');
    expect(render('nb', check.reason)).toBe('Tiltak uten ansvarlig: «Foreldrekurs», «Leksehjelp», «Fritidskontakt» og 1 til.');
  });

  it('finds the organisation of a plan without measures in its governance bodies and collaboration models', () => {
    const areas = [make(PlanFocusArea, { howWeDoIt: 'Samarbeidsstrukturer', rolesAndResponsibility: null })];
    const none = assessLegalCompleteness(goals, [], areas, []).checks[1];
    expect(none).toMatchObject({ present: false, reason: { key: 'plans.legal.noOrganisation' }, missing: { key: 'plans.legal.noOrganisation' } });
    expect(render('en', none.reason)).toBe('Has no measures, governance bodies or collaboration models, so it does not say how the work is organised.');
    const check = assessLegalCompleteness(goals, [], areas, [], { bodies: [{ name: 'Samarbeidsgruppe' }], collaborationModels: [{ name: 'Nettverk' }] });
    expect(check.checks[1]).toMatchObject({ requirement: 'ORGANISATION', present: true });
    expect(check.checks[1]).not.toHaveProperty('missing');
    expect(render('en', check.checks[1].reason)).toBe('Has no measures; the work is organised through 1 governance body ("Samarbeidsgruppe") and 1 collaboration model ("Nettverk").');
    expect(render('nb', check.checks[1].reason)).toBe('Har ingen tiltak; 1 styringsorgan («Samarbeidsgruppe») og 1 samarbeidsmodell («Nettverk») sier hvordan arbeidet er organisert.');
    expect(check.complete).toBe(true);
  });
});

describe('comparing versions', () => {
  const tables: ComparedTable[] = VERSION_CONTENT.map((table) => ({
    table,
    fields:
      table.entity === PlanGoal
        ? ['kind', 'code', 'title']
        : table.entity === PlanMeasure
          ? ['code', 'title', 'budgetOre']
          : table.entity === PlanMeasureResponsible
            ? ['position', 'kind', 'roleName']
            : ['title'],
  }));
  const snapshot = (rows: [Function, Record<string, unknown>[]][]): VersionSnapshot => new Map(VERSION_CONTENT.map((t) => [t.entity, rows.find(([e]) => e === t.entity)?.[1] ?? []]));

  const before = snapshot([
    [
      PlanGoal,
      [
        { id: 'g1', key: 'G1', kind: 'GOAL', code: '1', title: 'Mål' },
        { id: 'g2', key: 'G2', kind: 'GOAL', code: '2', title: 'Borte' },
      ],
    ],
    [PlanFocusArea, [{ id: 'f1', key: 'F1', title: 'Område' }]],
    [PlanMeasure, [{ id: 'm1', key: 'M1', code: 'A', title: 'TST', budgetOre: '100', focusAreaId: 'f1' }]],
    [PlanMeasureResponsible, [{ id: 'r1', measureId: 'm1', position: 0, kind: 'ROLE', roleName: 'Rektor' }]],
    [
      PlanGoalMeasure,
      [
        { id: 'l1', goalId: 'g1', measureId: 'm1' },
        { id: 'l2', goalId: 'g2', measureId: 'm1' },
      ],
    ],
  ]);

  it('matches rows by lineage key, not by id, and finds nothing in an identical copy', () => {
    const copy = snapshot(
      [...before].map(([entity, rows]) => [
        entity,
        rows.map((r) => ({
          ...r,
          id: `new-${r.id}`,
          ...(r.measureId ? { measureId: `new-${r.measureId}` } : {}),
          ...(r.goalId ? { goalId: `new-${r.goalId}` } : {}),
          ...(r.focusAreaId ? { focusAreaId: `new-${r.focusAreaId}` } : {}),
        })),
      ]),
    );
    for (const entity of [PlanGoal, PlanFocusArea, PlanMeasure]) expect(diffItems(entity, tables, before, copy)).toEqual([]);
    expect(diffLinks(PlanGoalMeasure, tables, before, copy)).toEqual([]);
  });

  it('reports added, removed and changed items, references by key and listed children as one field', () => {
    const after = snapshot([
      [
        PlanGoal,
        [
          { id: 'x1', key: 'G1', kind: 'GOAL', code: '1', title: 'Mål, endret' },
          { id: 'x3', key: 'G3', kind: 'GOAL', code: '3', title: 'Ny' },
        ],
      ],
      [
        PlanFocusArea,
        [
          { id: 'y1', key: 'F1', title: 'Område' },
          { id: 'y2', key: 'F2', title: 'Annet' },
        ],
      ],
      [PlanMeasure, [{ id: 'z1', key: 'M1', code: 'A', title: 'TST', budgetOre: '200', focusAreaId: 'y2' }]],
      [PlanMeasureResponsible, [{ id: 'q1', measureId: 'z1', position: 0, kind: 'ROLE', roleName: 'Styrer' }]],
      [
        PlanGoalMeasure,
        [
          { id: 'w1', goalId: 'x1', measureId: 'z1' },
          { id: 'w2', goalId: 'x3', measureId: 'z1' },
        ],
      ],
    ]);
    expect(diffItems(PlanGoal, tables, before, after)).toEqual([
      { key: 'G1', change: 'CHANGED', title: 'Mål, endret', previousTitle: 'Mål', fields: ['title'] },
      { key: 'G3', change: 'ADDED', title: 'Ny', previousTitle: null, fields: [] },
      { key: 'G2', change: 'REMOVED', title: 'Borte', previousTitle: 'Borte', fields: [] },
    ]);
    expect(diffItems(PlanMeasure, tables, before, after)).toEqual([{ key: 'M1', change: 'CHANGED', title: 'TST', previousTitle: 'TST', fields: ['budgetOre', 'focusArea', 'responsible'] }]);
    expect(diffLinks(PlanGoalMeasure, tables, before, after).map((l) => [l.change, l.ends.map((e) => e.key)])).toEqual([
      ['ADDED', ['G3', 'M1']],
      ['REMOVED', ['G2', 'M1']],
    ]);
  });
});
