import { Role } from '../src/auth/roles';
import { withDatabase } from '../src/db/data-source';
import { freePort } from '../src/db/free-port';
import { runToken } from '../scripts/token';
import { TEST_ENV } from './helpers/env';
import { ok, startTestApp, TestApp } from './helpers/test-app';

/**
 * `npm run -s token` (scripts/token.ts) checks role and scope against the database the server uses,
 * read-only and as the server will, and names what is wrong. (test/start.test.ts runs the built
 * script against a running server's embedded PostgreSQL.)
 */
let app: TestApp;
let env: NodeJS.ProcessEnv;
beforeAll(async () => {
  app = await startTestApp();
  env = { NODE_ENV: 'test', JWT_SECRET: TEST_ENV.jwtSecret, DATABASE_URL: withDatabase(process.env[TEST_ENV.serverUrlVar]!, app.owner.database!) };
});
afterAll(() => app.close());

const token = (...argv: string[]) => runToken(argv, env);

it.each([
  [['--role', 'MUNICIPAL_DIRECTOR', '--municipality', '3429'], Role.MUNICIPAL_DIRECTOR],
  [['--role', 'REGION_ADMIN'], Role.REGION_ADMIN],
  [['--role', 'REGION_ADMIN', '--region', 'valdres'], Role.REGION_ADMIN],
  [['--role', 'SERVICE_LEADER', '--service', 'barnevern'], Role.SERVICE_LEADER],
  [['--role', 'TST_MEMBER', '--unit', 'tynset-ungdomsskole'], Role.TST_MEMBER],
  [['--role', 'OPERATOR'], Role.OPERATOR],
])('signs a token the server accepts: %j', async (argv, role) => {
  const run = await token(...argv);
  expect(run).toMatchObject({ code: 0, stderr: '' });
  expect(ok(await app.gql('{ viewer { role } }', {}, run.stdout)).viewer.role).toBe(role);
});

it.each([
  [['--role', 'MUNICIPAL_DIRECTOR', '--municipality', '9999'], 1, /^--municipality 9999: no such municipality\. Municipalities: 3424 Rendalen, .*3429 Folldal/],
  [['--role', 'MUNICIPAL_DIRECTOR', '--municipality', '3429', '--region', 'valdres'], 1, /^--municipality 3429: not a municipality in region valdres\. Municipalities there: /],
  [['--role', 'REGION_ADMIN', '--region', 'vestlandet'], 1, /^--region vestlandet: no such region\. Regions: nord-osterdal, valdres$/],
  [['--role', 'SERVICE_LEADER', '--service', 'skole'], 1, /^--service skole: no such shared service in region nord-osterdal\. Services there: barnevern, nav, ppt$/],
  [['--role', 'TST_LEADER', '--unit', 'hogwarts'], 1, /^--unit hogwarts: no such unit in region nord-osterdal\. Units there: .*folldal-skole/],
  [['--role', 'mayor'], 2, /^unknown role "mayor"; roles: REGION_ADMIN, SERVICE_LEADER, .*TST_MEMBER, OPERATOR$/],
  [['--role', 'PUBLIC'], 2, /^PUBLIC needs no token/],
  [['--role', 'OPERATOR', '--region', 'valdres'], 2, /^OPERATOR is not bound to a region: give no --region/],
  [['--municipality', '3429'], 2, /^--role or --person is missing\nusage: /],
  [['--role', 'AUDITOR'], 2, /^AUDITOR needs --municipality\nusage: /],
  [['--role', 'AUDITOR', '--kommune', '3429'], 2, /^Unknown option '--kommune'/],
])('refuses %j, naming what is wrong', async (argv, code, message) => {
  const run = await token(...argv);
  expect(run.code).toBe(code);
  expect(run.stdout).toBe('');
  expect(run.stderr).toMatch(message);
});

it('says so when no database is reachable, and signs with --offline', async () => {
  const closed = `postgres://postgres:x@127.0.0.1:${await freePort()}/samvirke`;
  const unreachable = await runToken(['--role', 'REGION_ADMIN'], { ...env, DATABASE_URL: closed });
  expect(unreachable.code).toBe(1);
  expect(unreachable.stderr).toMatch(/^cannot reach the database at 127\.0\.0\.1:\d+ to check the token \(.+\); add --offline to sign without checking\.$/);
  const offline = await runToken(['--role', 'REGION_ADMIN', '--offline'], { ...env, DATABASE_URL: closed });
  expect(offline.code).toBe(0);
  expect(ok(await app.gql('{ viewer { role } }', {}, offline.stdout)).viewer.role).toBe(Role.REGION_ADMIN);
});

it('without DATABASE_URL and no embedded PostgreSQL running, signs and says that nothing was checked', async () => {
  const { DATABASE_URL: _unset, ...embedded } = env;
  const run = await runToken(['--role', 'REGION_ADMIN'], { ...embedded, DATA_DIR: '/nonexistent-samvirke-data' });
  expect(run.code).toBe(0);
  expect(run.stderr).toBe(
    'not checked against a database: the embedded PostgreSQL of /nonexistent-samvirke-data is not running and DATABASE_URL is not set (the server checks the claims on every request; start the server or set DATABASE_URL to have them checked now).',
  );
  expect(ok(await app.gql('{ viewer { role } }', {}, run.stdout)).viewer.role).toBe(Role.REGION_ADMIN);
});
