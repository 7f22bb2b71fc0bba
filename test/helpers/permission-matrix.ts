import fs from 'node:fs';
import path from 'node:path';
import { Role } from '../../src/auth/roles';
import { GqlResponse, startTestApp, TestApp } from './test-app';

/**
 * The permission matrices of docs/permissions.md, one section per feature ("… (feature `name`)"),
 * checked cell by cell against the running API for all nine roles by test/<feature>/permissions.test.ts.
 * The document is the expectation: it cannot drift from the code.
 */
export const ROLES = [Role.REGION_ADMIN, Role.SERVICE_LEADER, Role.HOST_FINANCE, Role.MUNICIPAL_DIRECTOR, Role.MUNICIPAL_FINANCE, Role.AUDITOR, Role.TST_LEADER, Role.TST_MEMBER, Role.PUBLIC];
/**
 * Deployment-level roles (no region) that a section may add as further columns after the nine
 * (the \`reference\` section does: onboarding is OPERATOR's work).
 */
export const DEPLOYMENT_ROLES = [Role.OPERATOR];
/** The scope of each role's token in every matrix test. */
export const SCOPES: Record<Role, Record<string, string> | null> = {
  OPERATOR: {},
  REGION_ADMIN: {},
  SERVICE_LEADER: { service: 'barnevern' },
  HOST_FINANCE: { service: 'barnevern' },
  MUNICIPAL_DIRECTOR: { municipality: '3429' },
  MUNICIPAL_FINANCE: { municipality: '3429' },
  AUDITOR: { municipality: '3429' },
  TST_LEADER: { unit: 'folldal-skole' },
  TST_MEMBER: { unit: 'folldal-skole' },
  PUBLIC: null,
};

export type Outcome = { allow: true; scope: string } | { allow: false; code: string };
export type Operation = (role: Role, token: string | undefined) => Promise<Outcome>;

const DOC = path.join(__dirname, '..', '..', 'docs', 'permissions.md');

/** Names of the features that have a matrix section. */
export function featureSections(): string[] {
  const doc = fs.readFileSync(DOC, 'utf8');
  return [...doc.matchAll(/^## .*\(feature `([\w-]+)`\)\s*$/gm)].map((m) => m[1]);
}

export function readMatrix(feature: string): Map<string, Map<Role, Outcome>> {
  const doc = fs.readFileSync(DOC, 'utf8');
  const section = doc.split(/^## /m).find((s) => s.split('\n')[0].includes(`(feature \`${feature}\`)`));
  if (!section) throw new Error(`docs/permissions.md has no section "(feature \`${feature}\`)"`);
  const lines = section.split('\n').filter((l) => l.startsWith('|'));
  const cells = (line: string) =>
    line
      .split('|')
      .slice(1, -1)
      .map((c) => c.trim());
  const header = cells(lines[0]).slice(1);
  const allowedHeaders = [ROLES, ...DEPLOYMENT_ROLES.map((_, i) => [...ROLES, ...DEPLOYMENT_ROLES.slice(0, i + 1)])];
  if (!allowedHeaders.some((h) => JSON.stringify(header) === JSON.stringify(h)))
    throw new Error(`the ${feature} matrix must have the columns ${ROLES.join(', ')} (optionally followed by ${DEPLOYMENT_ROLES.join(', ')})`);
  const matrix = new Map<string, Map<Role, Outcome>>();
  for (const line of lines.slice(2)) {
    const [operation, ...row] = cells(line);
    const id = /\(`(\w+)`\)\s*$/.exec(operation)?.[1];
    if (!id) throw new Error(`no (\`id\`) at the end of "${operation}"`);
    matrix.set(
      id,
      new Map(
        row.map((cell, i) => {
          const allowed = /^✓(?:\s*\((.+)\))?$/.exec(cell);
          return [header[i] as Role, allowed ? { allow: true, scope: allowed[1] ?? '' } : { allow: false, code: cell }];
        }),
      ),
    );
  }
  return matrix;
}

/** A refusal in the matrix's own words: the error code, with no data for the refused field. */
export function denied(res: GqlResponse): Outcome {
  const code = res.errors?.[0]?.extensions?.code as string;
  expect(res.data === null || res.data === undefined || Object.values(res.data).every((v) => v === null)).toBe(true);
  return { allow: false, code };
}

/**
 * Defines the tests of one feature's matrix: `setup` prepares fixtures and returns one runnable
 * operation per row id; every cell is then run as its role and compared with the document.
 */
export function checkMatrix(feature: string, setup: (app: TestApp, tokens: Map<Role, string | undefined>) => Promise<Record<string, Operation>>): void {
  const matrix = readMatrix(feature);
  let app: TestApp;
  let operations: Record<string, Operation>;
  const tokens = new Map<Role, string | undefined>();
  // The roles of the section's columns: the nine, and a deployment-level role when it has a column.
  const roles = [...new Set([...matrix.values()].flatMap((row) => [...row.keys()]))];
  beforeAll(async () => {
    app = await startTestApp();
    for (const role of roles) tokens.set(role, SCOPES[role] ? await app.token(role, SCOPES[role]!) : undefined);
    operations = await setup(app, tokens);
  });
  afterAll(() => app.close());

  describe(`docs/permissions.md, feature ${feature}`, () => {
    it('lists exactly the operations this test knows how to run', () => {
      expect([...matrix.keys()].sort()).toEqual(Object.keys(operations).sort());
    });
    const cases = [...matrix].flatMap(([operation, row]) => roles.map((role) => [operation, role, row.get(role)!] as const));
    it.each(cases)('%s as %s', async (operation, role, expected) => {
      expect(await operations[operation](role, tokens.get(role))).toEqual(expected);
    });
  });
}
