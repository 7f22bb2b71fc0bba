import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { signToken } from '../src/auth/jwt';
import { isRole, Role, ROLE_SCOPE } from '../src/auth/roles';
import { loadConfig } from '../src/config';

/**
 * `npm run -s token -- --role MUNICIPAL_DIRECTOR --municipality 3429`
 * Prints a development token (HS256, same secret as `npm start`) as its last line.
 */
function main(): void {
  const { values } = parseArgs({
    options: {
      role: { type: 'string' },
      region: { type: 'string' },
      municipality: { type: 'string' },
      service: { type: 'string' },
      unit: { type: 'string' },
      sub: { type: 'string' },
      name: { type: 'string' },
      ttl: { type: 'string', default: '8h' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const usage = `usage: npm run -s token -- --role ROLE [--region CODE] [--municipality NNNN] [--service CODE] [--unit CODE] [--sub SUBJECT] [--ttl 8h]
roles: ${Object.keys(ROLE_SCOPE).filter((r) => r !== 'PUBLIC').join(', ')}
scope: REGION_ADMIN --region (default nord-osterdal); SERVICE_LEADER/HOST_FINANCE --service (+ --region);
       MUNICIPAL_DIRECTOR/MUNICIPAL_FINANCE/AUDITOR --municipality; TST_LEADER/TST_MEMBER --unit (+ --region)`;
  if (values.help || !isRole(values.role) || values.role === Role.PUBLIC) {
    console.error(usage);
    process.exit(values.help ? 0 : 2);
  }
  const role = values.role as Role;
  const scope = ROLE_SCOPE[role];
  const region = values.region ?? (scope === 'MUNICIPALITY' ? undefined : 'nord-osterdal');
  const missing = { MUNICIPALITY: !values.municipality && '--municipality', SERVICE: !values.service && '--service', UNIT: !values.unit && '--unit', REGION: false, NONE: false }[scope];
  if (missing) {
    console.error(`${role} needs ${missing}\n${usage}`);
    process.exit(2);
  }
  const sub = values.sub ?? `dev-${role.toLowerCase()}-${values.municipality ?? values.service ?? values.unit ?? region}`;
  signToken(loadConfig(), { sub, role, region, municipality: values.municipality, service: values.service, unit: values.unit, name: values.name }, values.ttl)
    .then((token) => console.log(token))
    .catch((e) => {
      console.error(e instanceof Error ? e.message : e);
      process.exit(1);
    });
}

main();
