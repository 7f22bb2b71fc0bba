/**
 * Bokmål texts of the top-level errors (extensions.code UNAUTHENTICATED, FORBIDDEN, RATE_LIMITED,
 * QUERY_TOO_COMPLEX, BAD_USER_INPUT) and of class-validator's rules (`common.validation.<rule>`,
 * the rule being the key of ValidationError.constraints): part of the master catalogue (spread
 * into `nb` in nb.ts); English in en-errors.ts. Role names, headers and variables stay as written.
 */
export const nbErrors = {
  'common.errors.unauthenticated': 'Du må være logget inn: send et gyldig bearer-token.',
  'common.errors.bearerFormat': 'Authorization-headeren må ha formen «Bearer <token>».',
  'common.errors.nulInHeaders': 'Ugyldig forespørsel: Samvirke-*-headerne kan ikke inneholde NUL-tegnet (U+0000).',
  'common.errors.invalidToken': 'Ugyldig token: {{reason}}.',
  'common.errors.nulInClaims': 'Ugyldig token: påstandene (claims) i tokenet kan ikke inneholde NUL-tegnet (U+0000).',
  'common.errors.forbidden': 'Rollen din gir ikke tilgang til dette.',
  'common.errors.roleRequired': 'Dette krever en av rollene {{roles}}. Du har {{yourRoles}}.',
  'common.errors.operationNotGranted':
    'Tilgangen din er begrenset til disse operasjonene: {{limits}}. {{operation}} er ikke blant dem. Be regionadministratoren om en tilgang som omfatter {{operation}}.',
  'common.errors.noOperations': 'ingen (tilgangen gir bare lesetilgang)',
  'common.errors.noScopeRole': 'Du har ingen rolle i en {{kind}} i denne regionen.',
  'common.errors.severalScopes': 'Du handler for flere {{kinds}} her. Oppgi i headeren Samvirke-Grant hvilken tilgang du handler med.',
  'common.scope.MUNICIPALITY': 'kommune',
  'common.scope.SERVICE': 'tjeneste',
  'common.scope.UNIT': 'enhet',
  'common.scope.REGION': 'region',
  'common.scopes.MUNICIPALITY': 'kommuner',
  'common.scopes.SERVICE': 'tjenester',
  'common.scopes.UNIT': 'enheter',
  'common.scopes.REGION': 'regioner',
  'common.errors.badInput': '{{field}}: {{problem}}',
  'common.errors.notFound': 'Fant ikke {{what}}.',
  'common.errors.rateLimited': 'For mange forespørsler fra {{per}}: høyst {{max}} per minutt ({{limit}}). Prøv igjen om {{seconds}} s.',
  'common.errors.perToken': 'dette tokenet',
  'common.errors.perAddress': 'denne adressen',
  'common.errors.limit': 'Spørringens {{what}}{{value}} er over grensen på {{max}} ({{limit}}).{{hint}}',
  'common.errors.limitOver2To53': ' (over 2^53)',
  'common.errors.limit.depth': 'dybde',
  'common.errors.limit.aliases': 'antall aliaser',
  'common.errors.limit.fields': 'antall felt (med fragmentene utvidet)',
  'common.errors.limit.complexity': 'kompleksitet',
  'common.errors.limit.tokens': 'antall tokens',
  'common.errors.complexityHint': ' Be om mindre sider eller færre nøstede lister.',
  'common.errors.invalidInput': 'Ugyldig input: {{problems}}',
  'common.validation.problem': '{{field}} {{problem}} ({{rule}})',
  'common.validation.tooShort': 'må ha minst {{count}} tegn',
  'common.validation.tooLong': 'kan ha høyst {{count}} tegn',
  'common.validation.min': 'kan ikke være mindre enn {{limit}}',
  'common.validation.max': 'kan ikke være større enn {{limit}}',
  'common.validation.arrayMinSize': 'må ha minst {{limit}} elementer',
  'common.validation.arrayMaxSize': 'kan ha høyst {{limit}} elementer',
  'common.validation.isInt': 'må være et heltall',
  'common.validation.isBoolean': 'må være true eller false',
  'common.validation.isIn': 'må være en av disse verdiene: {{values}}',
  'common.validation.matches': 'har ikke riktig form',
  'common.validation.notBlank': 'må inneholde mer enn mellomrom',
  'common.validation.kommunenummer': 'må være et firesifret kommunenummer, for eksempel «0301»',
  'common.validation.eachKommunenummer': 'hvert element må være et firesifret kommunenummer, for eksempel «0301»',
  'common.validation.other': 'er ikke gyldig: {{detail}}',
} as const;

/** Bokmål texts of the cost alerts (services/costs/alerts.ts), stored as key and params with each alert. */
export const nbAlerts = {
  'costs.alert.budget':
    '{{service}}, {{municipality}} ({{number}}), {{category}}, {{period}}: regnskapet hittil i år er {{actual}} kr mot et budsjett hittil i år på {{compared}} kr: {{deviation}} kr{{percent}}.',
  'costs.alert.forecast':
    '{{service}}, {{municipality}} ({{number}}), {{category}}, {{period}}: prognosen for året er {{actual}} kr mot {{compared}} kr i forrige rapport: {{deviation}} kr{{percent}}.',
} as const;
