import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { EntityManager } from 'typeorm';
import { DEV_ISSUER, SamvirkeClaims, signToken } from '../src/auth/jwt';
import { resolvePrincipal, UnknownScopeError } from '../src/auth/principal';
import { isRole, Role, ROLE_SCOPE } from '../src/auth/roles';
import { AppConfig, loadConfig } from '../src/config';
import { EMBEDDED_DATABASE } from '../src/db/bootstrap';
import { createDataSource, withDatabase } from '../src/db/data-source';
import { dataModel } from '../src/features/data';
import { runningEmbeddedUrl } from '../src/db/embedded';

/**
 * `npm run -s token -- --role MUNICIPAL_DIRECTOR --municipality 3429`
 * Prints a development token (HS256, same secret as `npm start`) as its last line, after checking
 * its role and scope against the database the server uses (read-only), as the server will.
 * Exit code: 0 signed (or --help: usage on stdout), 1 refused (the scope is not in the database, the
 * database cannot be reached), 2 usage (a wrong or missing option: what is wrong, then the usage, on stderr).
 */

const ROLES = Object.keys(ROLE_SCOPE).filter((r) => r !== Role.PUBLIC);
const USAGE = `usage: npm run -s token -- --person SUBJECT [--ttl 8h] [--offline]
       npm run -s token -- --role ROLE [--region CODE] [--municipality NNNN] [--service CODE] [--unit CODE] [--sub SUBJECT] [--name NAME] [--ttl 8h] [--offline]
--person: an identity token for a person known to Samvirke (e.g. kd-3429, ppt-tynset); their grants decide what it may do
--role: a development role token that carries its role and scope (no person needed)
roles: ${ROLES.join(', ')}
scope: OPERATOR none (deployment level: onboards regions); REGION_ADMIN --region (default nord-osterdal); SERVICE_LEADER/HOST_FINANCE --service (+ --region);
       MUNICIPAL_DIRECTOR/MUNICIPAL_FINANCE/AUDITOR --municipality; TST_LEADER/TST_MEMBER --unit (+ --region)
--offline: sign without checking the scope against the database (the server still will)
exit code: 0 signed (the token is the last line on stdout), 1 refused, 2 usage`;

export interface TokenRun {
  code: number;
  /** The token (success), or nothing. */
  stdout: string;
  /** What is wrong, or nothing. */
  stderr: string;
}

/** A mistake of the caller, told as is (exit code 2: usage, 1: anything else). */
class Refusal extends Error {
  constructor(
    message: string,
    readonly code = 1,
  ) {
    super(message);
  }
}

function claimsFrom(argv: string[]): { claims: SamvirkeClaims; ttl: string; offline: boolean } | 'help' {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        role: { type: 'string' },
        person: { type: 'string' },
        region: { type: 'string' },
        municipality: { type: 'string' },
        service: { type: 'string' },
        unit: { type: 'string' },
        sub: { type: 'string' },
        name: { type: 'string' },
        ttl: { type: 'string', default: '8h' },
        offline: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    // A wrong option is a usage error: one line saying which, then the usage (no stack trace).
    throw new Refusal(`${(error as Error).message.split('\n')[0]}\n${USAGE}`, 2);
  }
  if (values.help) return 'help';
  if (values.person !== undefined) {
    if (values.role !== undefined) throw new Refusal(`--person and --role exclude each other: a person's grants decide their role\n${USAGE}`, 2);
    if (!/^[\w.@:-]{1,255}$/.test(values.person)) throw new Refusal(`--person must be a subject such as kd-3429\n${USAGE}`, 2);
    return { claims: { sub: values.person, name: values.name }, ttl: values.ttl, offline: values.offline };
  }
  if (!values.role) throw new Refusal(`--role or --person is missing\n${USAGE}`, 2);
  if (values.role === Role.PUBLIC) throw new Refusal('PUBLIC needs no token: send no Authorization header.', 2);
  if (!isRole(values.role)) throw new Refusal(`unknown role "${values.role}"; roles: ${ROLES.join(', ')}`, 2);
  const role = values.role;
  const scope = ROLE_SCOPE[role];
  const missing = { MUNICIPALITY: !values.municipality && '--municipality', SERVICE: !values.service && '--service', UNIT: !values.unit && '--unit', REGION: false, NONE: false }[scope];
  if (missing) throw new Refusal(`${role} needs ${missing}\n${USAGE}`, 2);
  if (scope === 'NONE' && (values.region || values.municipality || values.service || values.unit))
    throw new Refusal(`${role} is not bound to a region: give no --region, --municipality, --service or --unit\n${USAGE}`, 2);
  const region = values.region ?? (scope === 'MUNICIPALITY' || scope === 'NONE' ? undefined : 'nord-osterdal');
  const sub = values.sub ?? `dev-${role.toLowerCase()}${scope === 'NONE' ? '' : `-${values.municipality ?? values.service ?? values.unit ?? region}`}`;
  const claims: SamvirkeClaims = { sub, role, region, municipality: values.municipality, service: values.service, unit: values.unit, name: values.name };
  return { claims, ttl: values.ttl, offline: values.offline };
}

/** The owner connection the server uses: DATABASE_URL, or the embedded PostgreSQL of DATA_DIR while a server runs it (else none). */
function databaseUrl(config: AppConfig): string | undefined {
  if (config.databaseUrl) return config.databaseUrl;
  const embedded = runningEmbeddedUrl(config.dataDir);
  return embedded ? withDatabase(embedded, EMBEDDED_DATABASE) : undefined;
}

/**
 * Said (on stderr) when there is nothing to check against: the token is signed anyway, since
 * scripts and benchmarks ask for one before or beside a server whose database they do not name;
 * the server checks the claims on every request. An unreachable DATABASE_URL is still refused: it
 * names a database that should be there.
 */
const noDatabaseWarning = (config: AppConfig) =>
  `not checked against a database: the embedded PostgreSQL of ${config.dataDir} is not running and DATABASE_URL is not set ` +
  '(the server checks the claims on every request; start the server or set DATABASE_URL to have them checked now).';

/** Known values, for the message that names what is wrong. */
async function known(em: EntityManager, sql: string, params: unknown[] = []): Promise<string> {
  const rows: { v: string }[] = await em.query(`${sql} LIMIT 41`, params);
  const list = rows
    .slice(0, 40)
    .map((r) => r.v)
    .join(', ');
  return rows.length > 40 ? `${list}, …` : list || '(none)';
}

/** Says which flag names something the database does not have, and what it does have. */
async function explain(em: EntityManager, claims: SamvirkeClaims, error: UnknownScopeError): Promise<string> {
  const regionOf = `(SELECT id FROM region WHERE code = $1 OR ($1 IS NULL AND id = (SELECT region_id FROM municipality WHERE number = $2)))`;
  const inRegion = claims.region ? ` in region ${claims.region}` : '';
  switch (error.reason.key) {
    case 'common.token.unknownRegion':
      if (claims.region) return `--region ${claims.region}: no such region. Regions: ${await known(em, 'SELECT code AS v FROM region ORDER BY code')}`;
      return `--municipality ${claims.municipality}: no such municipality. Municipalities: ${await known(em, `SELECT number || ' ' || name AS v FROM municipality ORDER BY number`)}`;
    case 'common.token.unknownMunicipality':
      return `--municipality ${claims.municipality}: not a municipality${inRegion}. Municipalities there: ${await known(em, `SELECT m.number || ' ' || m.name AS v FROM municipality m WHERE m.region_id = ${regionOf} ORDER BY m.number`, [claims.region ?? null, claims.municipality ?? null])}`;
    case 'common.token.unknownService':
      return `--service ${claims.service}: no such shared service${inRegion}. Services there: ${await known(em, `SELECT s.code AS v FROM shared_service s WHERE s.region_id = ${regionOf} ORDER BY s.code`, [claims.region ?? null, null])}`;
    case 'common.token.unknownUnit':
      return `--unit ${claims.unit}: no such unit${inRegion}. Units there: ${await known(em, `SELECT u.code AS v FROM unit u WHERE u.region_id = ${regionOf} ORDER BY u.code`, [claims.region ?? null, null])}`;
    default:
      return error.message;
  }
}

/** Checks the claims as the server will (resolvePrincipal), in a read-only transaction. */
async function check(config: AppConfig, claims: SamvirkeClaims): Promise<string> {
  const url = databaseUrl(config);
  if (!url) return noDatabaseWarning(config);
  const ds = createDataSource(url, dataModel, { poolSize: 1, name: 'samvirke-token' });
  try {
    await ds.initialize();
  } catch (error) {
    const where = new URL(url);
    throw new Refusal(`cannot reach the database at ${where.hostname}:${where.port || 5432} to check the token (${(error as Error).message}); add --offline to sign without checking.`);
  }
  try {
    await ds.transaction(async (em) => {
      await em.query('SET TRANSACTION READ ONLY');
      if (!claims.role) {
        const [{ n }] = (await em.query(`SELECT count(*)::int AS n FROM app_identity_grants($1, $2)`, [config.jwtIssuer ?? DEV_ISSUER, claims.sub])) as { n: number }[];
        if (!n)
          throw new Refusal(
            `--person ${claims.sub}: no person with grants has that subject. People: ${await known(em, `SELECT DISTINCT subject AS v FROM person WHERE issuer = $1 AND subject IS NOT NULL ORDER BY subject`, [config.jwtIssuer ?? DEV_ISSUER])}`,
          );
        return;
      }
      const role = claims.role;
      try {
        await resolvePrincipal(em, { ...claims, role });
      } catch (error) {
        if (error instanceof UnknownScopeError) throw new Refusal(await explain(em, claims, error));
        throw error;
      }
    });
  } finally {
    await ds.destroy();
  }
  return '';
}

/** The whole command, for the CLI and the tests. */
export async function runToken(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<TokenRun> {
  try {
    const parsed = claimsFrom(argv);
    if (parsed === 'help') return { code: 0, stdout: USAGE, stderr: '' };
    const config = loadConfig(env);
    // loadConfig already refuses production without JWT_SECRET or JWKS_URL; with JWKS_URL alone the
    // server accepts only its identity provider's tokens, and a secret generated into DATA_DIR
    // (development only) must never sign a production token.
    if (config.env === 'production' && !config.jwtSecret) {
      throw new Refusal(
        'NODE_ENV=production without JWT_SECRET: production tokens come from your identity provider (JWKS_URL); this tool signs with JWT_SECRET only, a generated secret is for development only.',
      );
    }
    const warning = parsed.offline ? '' : await check(config, parsed.claims);
    return { code: 0, stdout: await signToken(config, parsed.claims, parsed.ttl), stderr: warning };
  } catch (error) {
    if (error instanceof Refusal) return { code: error.code, stdout: '', stderr: error.message };
    return { code: 1, stdout: '', stderr: error instanceof Error ? error.message : String(error) };
  }
}

if (require.main === module) {
  void runToken(process.argv.slice(2)).then(({ code, stdout, stderr }) => {
    if (stderr) console.error(stderr);
    if (stdout) console.log(stdout);
    process.exitCode = code;
  });
}
