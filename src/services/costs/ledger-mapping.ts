import { actsAt } from '../../auth/roles';
import { asAnyFacet, Context } from '../../context';
import { LedgerMapping, LedgerProfile, LedgerSignConvention } from '../../entities/costs/ledger-mapping';
import { badInput } from '../../errors';
import { idOfType } from '../../global-id';
import { ReadRule, requireRead, requireScope } from '../access';
import { defineMutation } from '../mutation';
import { RuleCheck, userError } from '../user-errors';
import { LedgerMappingDefinition } from './args';
import { LedgerMappingSettings, mappedColumns, PROFILES } from './erp-format';
import { HOST_FINANCE, ownServiceSql, serviceInScope, SERVICE_READERS } from './guard';

/** `ledgerMapping`: the service's own leader and host finance. */
export const READ_LEDGER_MAPPING: ReadRule<{ serviceId: string }> = {
  action: 'Reading the ledger mapping',
  roles: SERVICE_READERS,
  wholeRegion: [],
  row: (ctx, r) => actsAt(ctx.principal, r.serviceId),
  auditSnapshot: ownServiceSql,
};

const DELIMITERS = [';', ',', '\t', '|'];
const COLUMN_FIELDS = [
  'dateColumn',
  'amountColumn',
  'debitColumn',
  'creditColumn',
  'artColumn',
  'funksjonColumn',
  'ansvarColumn',
  'prosjektColumn',
  'voucherColumn',
  'voucherLineColumn',
  'municipalityColumn',
] as const;
const SETTING_FIELDS = ['encoding', 'delimiter', 'decimalSeparator', 'dateFormat', 'signConvention'] as const;

/** The settings the definition gives: the profile's, each given field instead; what is missing or contradictory, as userErrors. */
export function settingsOf(input: LedgerMappingDefinition, rules: RuleCheck): LedgerMappingSettings {
  const profile = input.profile && input.profile !== LedgerProfile.CUSTOM ? PROFILES[input.profile] : undefined;
  const pick = <K extends keyof LedgerMappingSettings>(key: K): LedgerMappingSettings[K] | null => {
    const given = (input as unknown as Record<string, unknown>)[key];
    if (given !== undefined && given !== null && !(typeof given === 'string' && given.trim() === ''))
      return (typeof given === 'string' && key.endsWith('Column') ? given.trim() : given) as LedgerMappingSettings[K];
    return profile ? profile[key] : null;
  };
  const settings = Object.fromEntries([...SETTING_FIELDS, ...COLUMN_FIELDS].map((k) => [k, pick(k)])) as unknown as LedgerMappingSettings;
  for (const key of [...SETTING_FIELDS, 'dateColumn', 'artColumn', 'funksjonColumn', 'voucherColumn'] as const) {
    if (settings[key] === null) rules.add(userError(['input', key], 'costs.requiredProfileCustomShipped'));
  }
  if (settings.delimiter !== null && !DELIMITERS.includes(settings.delimiter)) rules.add(userError(['input', 'delimiter'], 'costs.delimiterInvalid'));
  if (settings.decimalSeparator !== null && settings.decimalSeparator !== ',' && settings.decimalSeparator !== '.')
    rules.add(userError(['input', 'decimalSeparator'], 'costs.decimalSeparatorInvalid'));
  if (settings.signConvention === LedgerSignConvention.DEBIT_CREDIT_COLUMNS) {
    if (!settings.debitColumn) rules.add(userError(['input', 'debitColumn'], 'costs.requiredDebitCreditColumns'));
    if (!settings.creditColumn) rules.add(userError(['input', 'creditColumn'], 'costs.requiredDebitCreditColumns'));
    settings.amountColumn = null;
  } else if (settings.signConvention !== null) {
    if (!settings.amountColumn) rules.add(userError(['input', 'amountColumn'], 'costs.requiredWithSignConvention', { signConvention: settings.signConvention }));
    settings.debitColumn = null;
    settings.creditColumn = null;
  }
  const seen = new Map<string, string>();
  for (const [what, column] of mappedColumns(settings)) {
    const other = seen.get(column);
    if (other) rules.add(userError(['input', `${what.replace(/ (\w)/, (_, c: string) => c.toUpperCase())}Column`], 'costs.columnAlreadyColumn', { column, other }));
    else seen.set(column, what);
  }
  return settings;
}

export const defineLedgerMapping = defineMutation({
  name: 'defineLedgerMapping',
  roles: HOST_FINANCE,
  action: 'Defining the ledger mapping',
  async run({ tx, ctx, audit }, input: LedgerMappingDefinition) {
    const service = await serviceInScope(tx, ctx, input.serviceId);
    const rules = new RuleCheck();
    const settings = settingsOf(input, rules);
    rules.throwIfAny();
    const repo = tx.getRepository(LedgerMapping);
    const before = await repo.findOneBy({ serviceId: service.id });
    const mapping = repo.create({
      ...(before ?? {}),
      ...settings,
      regionId: service.regionId,
      serviceId: service.id,
      profile: input.profile ?? LedgerProfile.CUSTOM,
      updatedAt: new Date(),
      updatedBy: ctx.principal.subject,
    });
    await repo.save(mapping);
    await audit({ entity: 'LedgerMapping', entityId: mapping.id, before: before ?? undefined, after: mapping });
    return { mapping };
  },
});

/** The mapping of a service (its leader and host finance; another service is FORBIDDEN), or null when none is defined. */
export async function readLedgerMapping(ctx: Context, serviceId: string): Promise<LedgerMapping | null> {
  ctx = requireRead(ctx, READ_LEDGER_MAPPING);
  const id = idOfType(serviceId, 'SharedService');
  if (!id) throw badInput('serviceId', 'id', { key: 'common.errors.notIdOf', params: { type: 'SharedService' } });
  requireScope(
    asAnyFacet(ctx, (as) => actsAt(as.principal, id)),
    { key: 'costs.errors.ledgerMappingOwnServiceOnly' },
  );
  const [mapping] = await ctx.loaders.list(LedgerMapping, { serviceId: id });
  return mapping ?? null;
}
