import { EntityManager } from 'typeorm';
import { DocReferralRoute, factorRef, PlanDocument, Responsible } from './document';

/**
 * Writes a plan document as version 1 (a DRAFT) of a new plan, with SQL, in the seed's transaction
 * (the region's REGION_ADMIN context, so RLS applies as it does to the API). Positions follow the
 * document's order, as the API gives them. The seeder then moves the version on (consultation,
 * adoption) where the source says so.
 */
export interface WrittenPlan {
  planId: string;
  versionId: string;
  /** Lineage keys of the measures by code and of the milestones by title. */
  measureKeys: Map<string, string>;
  milestoneKeys: Map<string, string>;
}

type Row = { id: string; key?: string };

async function insert(em: EntityManager, table: string, values: Record<string, unknown>): Promise<Row> {
  const columns = Object.keys(values).filter((c) => values[c] !== undefined);
  const [row] = await em.query(
    `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map((_, i) => `$${i + 1}`).join(', ')}) RETURNING *`,
    columns.map((c) => values[c]),
  );
  return row;
}

const byKey = <T>(entries: [string, T][]) => new Map(entries);

export async function writePlanDocument(em: EntityManager, regionId: string, doc: PlanDocument, serviceCodes: string[], createdBy: string): Promise<WrittenPlan> {
  const lookup = async (sql: string) => new Map<string, string>((await em.query(sql, [regionId])).map((r: { k: string; id: string }) => [r.k, r.id]));
  const services = await lookup(`SELECT code AS k, id FROM shared_service WHERE region_id = $1`);
  const municipalities = await lookup(`SELECT number AS k, id FROM municipality WHERE region_id = $1`);
  const forumKinds = await lookup(`SELECT code AS k, id FROM forum_kind WHERE region_id = $1`);

  const plan = await insert(em, 'strategic_plan', {
    region_id: regionId,
    title: doc.title,
    period_start_year: doc.periodStartYear,
    period_end_year: doc.periodEndYear,
    status: 'DRAFT',
    source_note: doc.sourceNote ?? null,
    illustrative_note: doc.illustrativeNote ?? null,
    created_by: createdBy,
  });
  for (const code of serviceCodes) await insert(em, 'plan_coverage_service', { region_id: regionId, plan_id: plan.id, service_id: services.get(code) });
  for (const number of doc.municipalityNumbers) await insert(em, 'plan_coverage_municipality', { region_id: regionId, plan_id: plan.id, municipality_id: municipalities.get(number) });
  const version = await insert(em, 'plan_version', { region_id: regionId, plan_id: plan.id, number: 1, status: 'DRAFT', created_by: createdBy });
  const placed = { region_id: regionId, plan_id: plan.id, version_id: version.id };
  const add = (table: string, position: number, values: Record<string, unknown>) => insert(em, table, { ...placed, position, ...values });
  const link = (table: string, values: Record<string, unknown>) => insert(em, table, { ...placed, ...values });

  const statements = byKey<string>([]);
  for (const [i, s] of (doc.statements ?? []).entries()) {
    statements.set(s.text, (await add('plan_statement', i, { kind: s.kind, code: s.code, title: s.title, text: s.text, reference: s.reference })).id);
  }
  const factors = byKey<string>([]);
  for (const [i, f] of (doc.factors ?? []).entries()) {
    factors.set(factorRef(f), (await add('plan_factor', i, { kind: f.kind, code: f.code, title: f.title, description: f.description, age_from: f.ageFrom, age_to: f.ageTo })).id);
  }
  const targetGroups = byKey<string>([]);
  for (const [i, g] of (doc.targetGroups ?? []).entries()) {
    const { id } = await add('plan_target_group', i, { code: g.code, name: g.name, description: g.description, age_from: g.ageFrom, age_to: g.ageTo });
    targetGroups.set(g.name, id);
    for (const f of g.factors ?? []) await link('plan_target_group_factor', { target_group_id: id, factor_id: factors.get(f) });
  }
  const areas = byKey<string>([]);
  for (const [i, a] of (doc.focusAreas ?? []).entries()) {
    areas.set(a.title, (await add('plan_focus_area', i, { title: a.title, what_we_achieve: a.whatWeAchieve, how_we_do_it: a.howWeDoIt, roles_and_responsibility: a.rolesAndResponsibility })).id);
  }
  let position = 0;
  const goals = byKey<string>([]);
  for (const title of doc.mainGoals ?? []) await add('plan_goal', position++, { kind: 'MAIN', title });
  for (const g of doc.goals) {
    const { id } = await add('plan_goal', position++, { kind: 'GOAL', code: g.code, title: g.title, description: g.description, focus_area_id: g.focusArea ? areas.get(g.focusArea) : undefined });
    goals.set(g.code ?? g.title, id);
    for (const s of g.subGoals ?? []) {
      goals.set(s.code ?? s.title, (await add('plan_goal', position++, { kind: 'SUB_GOAL', parent_goal_id: id, code: s.code, title: s.title, description: s.description })).id);
    }
  }

  const measures = byKey<Row>([]);
  for (const [i, m] of doc.measures.entries()) {
    const row = await add('plan_measure', i, {
      code: m.code,
      title: m.title,
      description: m.description,
      organisation: m.organisation,
      time_frame: m.timeFrame,
      budget_ore: m.budgetOre,
      budget_line: m.budgetLine,
      prevention_levels: m.preventionLevels ?? [],
      target_group: m.targetGroup,
      age_from: m.ageFrom,
      age_to: m.ageTo,
      status_in_plan: m.statusInPlan,
      focus_area_id: m.focusArea ? areas.get(m.focusArea) : undefined,
    });
    measures.set(m.code ?? m.title, row);
    for (const [p, r] of m.responsible.entries()) await link('plan_measure_responsible', { measure_id: row.id, position: p, ...responsibleColumns(r, services, municipalities) });
    for (const f of m.factors ?? []) await link('plan_measure_factor', { measure_id: row.id, factor_id: factors.get(f) });
    for (const g of m.targetGroups ?? []) await link('plan_measure_target_group', { measure_id: row.id, target_group_id: targetGroups.get(g) });
    for (const goal of (m.code && doc.matrix?.[m.code]) || []) await link('plan_goal_measure', { goal_id: goals.get(goal), measure_id: row.id });
  }
  for (const m of doc.measures) {
    for (const code of m.dependsOn ?? []) await link('plan_measure_dependency', { measure_id: measures.get(m.code!)!.id, depends_on_measure_id: measures.get(code)!.id });
  }

  const bodies = byKey<string>([]);
  for (const [i, b] of (doc.bodies ?? []).entries()) {
    const { id } = await add('plan_body', i, { kind: b.kind, name: b.name, description: b.description, leader: b.leader, cadence: b.cadence });
    bodies.set(b.name, id);
    for (const [p, m] of b.members.entries()) {
      await link('plan_body_member', {
        body_id: id,
        position: p,
        role: m.role,
        person_name: m.personName,
        note: m.note,
        municipality_id: m.municipalityNumber ? municipalities.get(m.municipalityNumber) : undefined,
        service_id: m.serviceCode ? services.get(m.serviceCode) : undefined,
      });
    }
  }
  const milestoneKeys = byKey<string>([]);
  for (const [i, m] of (doc.milestones ?? []).entries()) {
    const row = await add('plan_milestone', i, {
      title: m.title,
      description: m.description,
      due_term: m.dueTerm,
      due_month: m.dueMonth,
      due_year: m.dueYear,
      due_date: m.dueDate,
      responsible: m.responsible,
      responsible_body_id: m.responsibleBody ? bodies.get(m.responsibleBody) : undefined,
      measure_id: m.measure ? measures.get(m.measure)!.id : undefined,
      focus_area_id: m.focusArea ? areas.get(m.focusArea) : undefined,
      done_on_adoption: m.doneOnAdoption,
      per_municipality: m.perMunicipality,
    });
    milestoneKeys.set(m.title, row.key!);
  }

  const route = (r: DocReferralRoute, i: number, stepId?: string) =>
    add('plan_referral_route', i, {
      step_id: stepId,
      recipient: r.recipient,
      service_id: r.serviceCode ? services.get(r.serviceCode) : undefined,
      referred_by: r.referredBy,
      how: r.how,
      prerequisite: r.prerequisite,
      anonymous_consultation: r.anonymousConsultation ?? false,
      consent_rule_id: r.consentRule ? statements.get(r.consentRule) : undefined,
    });
  let routes = 0;
  let steps = 0;
  for (const [i, model] of (doc.collaborationModels ?? []).entries()) {
    const { id } = await add('plan_collaboration_model', i, {
      kind: model.kind,
      name: model.name,
      description: model.description,
      consent_rule_id: model.consentRule ? statements.get(model.consentRule) : undefined,
    });
    for (const s of model.steps) {
      const step = await add('plan_collaboration_step', steps++, {
        model_id: id,
        code: s.code,
        title: s.title,
        prevention_level: s.preventionLevel,
        target_group: s.targetGroup,
        criteria: s.criteria,
        tasks: s.tasks,
        collaboration: s.collaboration,
        participants: s.participants,
        convened_by: s.convenedBy,
        minutes_by: s.minutesBy,
        cadence: s.cadence,
        forum: s.forum,
        escalate_to: s.escalateTo,
        consent_rule_id: s.consentRule ? statements.get(s.consentRule) : undefined,
        forum_kind_id: s.forumKind ? forumKinds.get(s.forumKind) : undefined,
      });
      for (const r of s.referralRoutes ?? []) await route(r, routes++, step.id);
    }
  }
  for (const r of doc.referralRoutes ?? []) await route(r, routes++);

  return { planId: plan.id, versionId: version.id, measureKeys: new Map([...measures].map(([code, row]) => [code, row.key!])), milestoneKeys };
}

function responsibleColumns(r: Responsible, services: Map<string, string>, municipalities: Map<string, string>): Record<string, unknown> {
  const responsibility = r.responsibility ?? 'LEAD';
  if ('serviceCode' in r) return { kind: 'SERVICE', service_id: services.get(r.serviceCode), responsibility };
  if ('municipalityNumber' in r) return { kind: 'MUNICIPALITY', municipality_id: municipalities.get(r.municipalityNumber), responsibility };
  return { kind: 'ROLE', role_name: r.role, responsibility };
}
