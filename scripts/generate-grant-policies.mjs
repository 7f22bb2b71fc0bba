// Generates the policy SQL of migrations/1733500000000-reference-grant-aware-policies.ts (issue 19:
// the request's rights are the union of its grants). Run once by hand:
//
//   node scripts/generate-grant-policies.mjs   (rewrites the generated section of the migration; then npx prettier --write it)
//
// It reads what the earlier migrations left (the recorded effects in test/migrations/effects/, in
// timestamp order, up to but excluding 1733500000000), rewrites every policy expression with the
// rules below and writes one `ALTER POLICY` statement per policy (and one restoring it) into the
// generated section of the migration. The migration holds that output literally: a migration's
// effect is fixed once written, it never computes SQL from the database or from helpers at run time.
//
// The rules turn "role ∈ R AND <scope of the caller>" into "the request holds a grant r:s with r ∈ R
// and s the row's scope" (`column = ANY ((SELECT app_scopes(...))::uuid[])`), and a role test
// without a scope into `(SELECT app_has_role(...))`. A policy left with a direct call of app_role(),
// app_municipality_id(), app_service_id() or app_unit_id() stops the script.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const MIGRATION = 1733500000000;
const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const effectsDir = path.join(root, 'test/migrations/effects');

/** The policies as the migrations before MIGRATION left them: { 'table.policy': { cmd, using, check } }. */
export function policiesBefore() {
  const policies = {};
  for (const file of fs.readdirSync(effectsDir).sort()) {
    if (Number(file.slice(0, 13)) >= MIGRATION) continue;
    const effect = JSON.parse(fs.readFileSync(path.join(effectsDir, file), 'utf8'));
    Object.assign(policies, effect.policies?.set ?? {});
    for (const key of effect.policies?.dropped ?? []) delete policies[key];
  }
  return policies;
}

const roleList = (text) => [...text.matchAll(/'([A-Z_]+)'::text/g)].map((m) => `'${m[1]}'`).join(', ');
// `(app_role() = 'X'::text)` or `(app_role() = ANY (ARRAY['X'::text, 'Y'::text]))`
const ROLE = String.raw`\(app_role\(\) = (?:'[A-Z_]+'::text|ANY \(ARRAY\[(?:'[A-Z_]+'::text(?:, )?)+\]\))\)`;

// What the policies say about the request. Each context test is an uncorrelated sub-select, so
// PostgreSQL evaluates it once per statement (an InitPlan) instead of once per row; the functions
// themselves are plain inlinable SQL (see the migration).
/** The request holds one of the roles at the row's scope `column`. */
const holdsAt = (column, roles) => `(${column} = ANY ((SELECT app_scopes(${roles}))::uuid[]))`;
/** The request holds one of the roles, at any scope (a rule without a scope). */
const holdsRole = (roles) => `(SELECT app_has_role(${roles}))`;
/** The scopes at which the request holds one of the roles (uuid[]). */
const scopesOf = (roles) => `(SELECT app_scopes(${roles}))`;
const REGION_ADMIN = '(SELECT app_is_region_admin())';

/** [what, pattern, replacement], applied in order; each a rule of the whole file, not of one policy. */
const RULES = [
  // The auditor's audit records: the municipality the record names or concerns and what the auditor
  // may read of it, for the SAME municipality grant (audit_auditor_may_read with the scope).
  [
    'auditor of a municipality the record names or concerns',
    /\(app_role\(\) = 'AUDITOR'::text\) AND \(\(municipality_id = app_municipality_id\(\)\) OR \(app_municipality_id\(\) = ANY \(concerns\)\)\) AND audit_auditor_may_read\(entity, before, after\)/g,
    () =>
      `${holdsRole(`'AUDITOR'`)} AND (EXISTS (SELECT 1 FROM unnest(${scopesOf(`'AUDITOR'`)}) AS s(id) WHERE ((municipality_id = s.id) OR (s.id = ANY (concerns))) AND audit_auditor_may_read(entity, before, after, s.id)))`,
  ],
  // A plan element of the leader's service, or of none: one grant s covers the plan AND is the row's service.
  [
    'service leader of a covering service, element of that service or of none',
    /\(\(app_role\(\) = 'SERVICE_LEADER'::text\) AND plan_covers_service\(plan_id, app_service_id\(\)\) AND \(\(service_id IS NULL\) OR \(service_id = app_service_id\(\)\)\)\)/g,
    () =>
      `(${holdsRole(`'SERVICE_LEADER'`)} AND (((service_id IS NULL) AND plan_covers_service_in(plan_id, ${scopesOf(`'SERVICE_LEADER'`)})) OR (${holdsAt('service_id', `'SERVICE_LEADER'`)} AND plan_covers_service(plan_id, service_id))))`,
  ],
  // role AND plan covers the caller's service / municipality → some grant of the role covers it.
  [
    'plan covers a service the caller holds the role at',
    new RegExp(String.raw`\((${ROLE}) AND plan_covers_service\((\w+), app_service_id\(\)\)\)`, 'g'),
    (_m, role, plan) => `(${holdsRole(roleList(role))} AND plan_covers_service_in(${plan}, ${scopesOf(roleList(role))}))`,
  ],
  [
    'plan covers a municipality the caller holds the role at',
    new RegExp(String.raw`\((${ROLE}) AND plan_covers_municipality\((\w+), app_municipality_id\(\)\)\)`, 'g'),
    (_m, role, plan) => `(${holdsRole(roleList(role))} AND plan_covers_municipality_in(${plan}, ${scopesOf(roleList(role))}))`,
  ],
  // Host finance of a service that the row's municipality owns.
  [
    'host finance of a service the row’s municipality owns',
    /\(app_role\(\) = 'HOST_FINANCE'::text\) AND cost_service_has_owner\(app_service_id\(\), municipality_id\)/g,
    () => `${holdsRole(`'HOST_FINANCE'`)} AND cost_service_has_owner_in(${scopesOf(`'HOST_FINANCE'`)}, municipality_id)`,
  ],
  // Host finance of the agreement's service.
  [
    'host finance of the agreement’s service',
    /\(\(app_role\(\) = 'HOST_FINANCE'::text\) AND \(agreement_id IN \( SELECT cost_agreement\.id\s+FROM cost_agreement\s+WHERE \(cost_agreement\.service_id = app_service_id\(\)\)\)\)\)/g,
    () => `(${holdsRole(`'HOST_FINANCE'`)} AND (agreement_id IN (SELECT cost_agreement.id FROM cost_agreement WHERE ${holdsAt('cost_agreement.service_id', `'HOST_FINANCE'`)})))`,
  ],
  // A published report to one of its owner municipalities' readers.
  [
    'a municipality the caller holds the role at is among the row’s owners',
    new RegExp(String.raw`(${ROLE}) AND \(app_municipality_id\(\) = ANY \((\w+)\)\)`, 'g'),
    (_m, role, column) => `(${scopesOf(roleList(role))} && ${column})`,
  ],
  // Lines of a readable report: of the reader's municipality or shared (no municipality).
  [
    'own municipality or none, of a readable report',
    new RegExp(String.raw`(${ROLE}) AND \(\(municipality_id = app_municipality_id\(\)\) OR \(municipality_id IS NULL\)\) AND cost_report_is_readable\(report_id\)`, 'g'),
    (_m, role) => `${holdsRole(roleList(role))} AND (${holdsAt('municipality_id', roleList(role))} OR (municipality_id IS NULL)) AND cost_report_is_readable(report_id)`,
  ],
  // The common pair: role AND the row's unit / service / municipality is the caller's.
  [
    'role at the row’s scope',
    new RegExp(String.raw`\((${ROLE}) AND \(([\w.]+) = (?:app_unit_id|app_service_id|app_municipality_id)\(\)\)\)`, 'g'),
    (_m, role, column) => holdsAt(column, roleList(role)),
  ],
  // Same, written without brackets around the pair (a conjunct list: `(region …) AND (role) AND (col = scope)`).
  [
    'role at the row’s scope (in a longer conjunction)',
    new RegExp(String.raw`(${ROLE}) AND \(([\w.]+) = (?:app_unit_id|app_service_id|app_municipality_id)\(\)\)`, 'g'),
    (_m, role, column) => holdsAt(column, roleList(role)),
  ],
  // The region administrator: a grant REGION_ADMIN at the request's region.
  ['region administrator', /\(app_role\(\) = 'REGION_ADMIN'::text\)/g, () => REGION_ADMIN],
  // A role test with no scope in its group.
  ['role without scope', new RegExp(ROLE, 'g'), (role) => holdsRole(roleList(role))],
];

const FORBIDDEN = /\bapp_(role|municipality_id|service_id|unit_id)\(\)/;

/** The grant-aware form of one deparsed policy expression. */
export function rewrite(expression) {
  let out = expression;
  for (const [, pattern, replace] of RULES) out = out.replace(pattern, replace);
  if (FORBIDDEN.test(out)) throw new Error(`no rule rewrites every context call of:\n${expression}\n→\n${out}`);
  // One line: the deparsed text's line breaks and indentation are layout only.
  return out.replace(/\s*\n\s*/g, ' ');
}

const ident = (name) => (/^[a-z_][a-z0-9_]*$/.test(name) ? name : `"${name.replace(/"/g, '""')}"`);

const oneLine = (expression) => expression.replace(/\s*\n\s*/g, ' ');
const alter = (table, name, using, check) => `ALTER POLICY ${ident(name)} ON ${ident(table)}${using == null ? '' : ` USING (${using})`}${check == null ? '' : ` WITH CHECK (${check})`}`;

/** `{ up, down }`: the statements that make every policy grant-aware, and the ones that restore it. */
export function statements() {
  const policies = policiesBefore();
  const up = [];
  const down = [];
  for (const key of Object.keys(policies).sort()) {
    const { using, check } = policies[key];
    const [table, name] = key.split('.');
    const newUsing = using == null ? null : rewrite(using);
    const newCheck = check == null ? null : rewrite(check);
    if (newUsing === (using == null ? null : oneLine(using)) && newCheck === (check == null ? null : oneLine(check))) continue; // reads nothing of the request
    up.push(alter(table, name, newUsing, newCheck));
    down.push(alter(table, name, using == null ? null : oneLine(using), check == null ? null : oneLine(check)));
  }
  return { up, down };
}

const literal = (list) => `[\n${list.map((s) => `  \`${s}\`,`).join('\n')}\n]`;

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const file = path.join(root, 'migrations/1733500000000-reference-grant-aware-policies.ts');
  const { up, down } = statements();
  for (const s of [...up, ...down]) if (/[`$\\]/.test(s)) throw new Error(`cannot write as a template literal: ${s}`);
  const generated = `// <generated by scripts/generate-grant-policies.mjs>\nconst GRANT_AWARE_POLICIES = ${literal(up)};\n\nconst SINGLE_ROLE_POLICIES = ${literal(down)};\n// </generated>`;
  const source = fs.readFileSync(file, 'utf8');
  const updated = source.replace(/\/\/ <generated[^\n]*>[\s\S]*\/\/ <\/generated>/, generated);
  if (updated === source && !source.includes(generated)) throw new Error(`no generated section in ${file}`);
  fs.writeFileSync(file, updated);
  process.stderr.write(`${up.length} policies rewritten into ${path.relative(root, file)}\n`);
}
