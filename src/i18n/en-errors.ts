import type { nbAlerts, nbErrors } from './nb-errors';

/** English texts of the top-level errors and class-validator's rules (see nb-errors.ts). */
export const enErrors: Record<keyof typeof nbErrors, string> = {
  'common.errors.unauthenticated': 'A valid bearer token is required.',
  'common.errors.bearerFormat': 'Authorization header must be "Bearer <token>".',
  'common.errors.nulInHeaders': 'Invalid request: the Samvirke-* headers must not contain the NUL character (U+0000).',
  'common.errors.invalidToken': 'Invalid token: {{reason}}.',
  'common.errors.nulInClaims': 'Invalid token: its claims must not contain the NUL character (U+0000).',
  'common.errors.forbidden': 'Your role does not allow this.',
  'common.errors.roleRequired': '{{action}} needs one of the roles {{roles}}; you are {{yourRoles}}.',
  'common.errors.operationNotGranted':
    '{{action}} ({{operation}}) is not among the operations your grant is limited to: {{limits}}. Ask your region administrator for a grant that includes {{operation}}.',
  'common.errors.noOperations': 'none (it reads only)',
  'common.errors.noScopeRole': 'You hold no role of a {{kind}} in this region.',
  'common.errors.severalScopes': 'You act for several {{kinds}} here; name the grant to act with in the Samvirke-Grant header.',
  'common.scope.MUNICIPALITY': 'municipality',
  'common.scope.SERVICE': 'service',
  'common.scope.UNIT': 'unit',
  'common.scope.REGION': 'region',
  'common.scopes.MUNICIPALITY': 'municipalities',
  'common.scopes.SERVICE': 'services',
  'common.scopes.UNIT': 'units',
  'common.scopes.REGION': 'regions',
  'common.errors.badInput': '{{field}}: {{problem}}',
  'common.errors.notFound': '{{what}} was not found.',
  'common.errors.rateLimited': 'Too many requests for {{per}}: at most {{max}} per minute ({{limit}}). Try again in {{seconds}} s.',
  'common.errors.perToken': 'this token',
  'common.errors.perAddress': 'this address',
  'common.errors.limit': 'Query {{what}}{{value}} exceeds the limit of {{max}} ({{limit}}).{{hint}}',
  'common.errors.limitOver2To53': ' (over 2^53)',
  'common.errors.limit.depth': 'depth',
  'common.errors.limit.aliases': 'alias count',
  'common.errors.limit.fields': 'field count (fragments expanded)',
  'common.errors.limit.complexity': 'complexity',
  'common.errors.limit.tokens': 'token count',
  'common.errors.complexityHint': ' Ask for smaller pages or fewer nested lists.',
  'common.errors.invalidInput': 'Invalid input: {{problems}}',
  'common.validation.problem': '{{field}} {{problem}} ({{rule}})',
  'common.validation.tooShort': 'must be longer than or equal to {{count}} characters',
  'common.validation.tooLong': 'must be shorter than or equal to {{count}} characters',
  'common.validation.min': 'must not be less than {{limit}}',
  'common.validation.max': 'must not be greater than {{limit}}',
  'common.validation.arrayMinSize': 'must contain at least {{limit}} elements',
  'common.validation.arrayMaxSize': 'must contain no more than {{limit}} elements',
  'common.validation.isInt': 'must be an integer number',
  'common.validation.isBoolean': 'must be a boolean value',
  'common.validation.isIn': 'must be one of the following values: {{values}}',
  'common.validation.matches': 'does not have the required form',
  'common.validation.notBlank': 'must contain more than white space',
  'common.validation.kommunenummer': 'must be a four-digit kommunenummer, e.g. "0301"',
  'common.validation.eachKommunenummer': 'each must be a four-digit kommunenummer, e.g. "0301"',
  'common.validation.other': 'is not valid: {{detail}}',
};

/** English texts of the cost alerts (see nb-errors.ts). */
export const enAlerts: Record<keyof typeof nbAlerts, string> = {
  'costs.alert.budget':
    '{{service}}, {{municipality}} ({{number}}), {{category}}, {{period}}: actual year-to-date {{actual}} kr against a budget year-to-date of {{compared}} kr: {{deviation}} kr{{percent}}.',
  'costs.alert.forecast':
    '{{service}}, {{municipality}} ({{number}}), {{category}}, {{period}}: year-end forecast {{actual}} kr against {{compared}} kr in the previous report: {{deviation}} kr{{percent}}.',
};
