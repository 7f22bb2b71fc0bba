import { Role } from '../../auth/roles';
import { Context } from '../../context';
import { isoDate } from '../dates';
import { Municipality } from '../../entities/reference/municipality';
import { OwnershipPeriod, OwnershipPeriodOwner } from '../../entities/reference/ownership-period';
import { SharedService } from '../../entities/reference/shared-service';
import { idOfType } from '../../schema/node';
import { SetServiceOwnershipInput } from '../../schema/reference/ownership-inputs';
import { userError, UserErrorCode, UserErrorsException } from '../../schema/user-error';
import { requireRole } from '../access';
import { recordAudit } from '../audit';
import { RuleCheck, runMutation } from '../mutation';

const dayBefore = (iso: string) => isoDate(new Date(Date.parse(`${iso}T00:00:00Z`) - 86_400_000));

/**
 * Changes who owns a shared service from a date on: the open period ends the day before and a new
 * one starts. History is kept, never rewritten: a change may not start on or before the open
 * period's first day.
 */
export async function setServiceOwnership(ctx: Context, input: SetServiceOwnershipInput) {
  requireRole(ctx, [Role.REGION_ADMIN], 'Changing shared-service ownership');
  return runMutation(ctx, async (tx) => {
    const serviceId = idOfType(input.serviceId, 'SharedService');
    const service = serviceId ? await tx.getRepository(SharedService).findOneBy({ id: serviceId }) : null;
    if (!service) throw new UserErrorsException([userError('serviceId', 'No such shared service in your region.', UserErrorCode.NOT_FOUND)]);

    const rules = new RuleCheck();
    const numbers = input.ownerMunicipalityNumbers;
    const duplicates = numbers.filter((n, i) => numbers.indexOf(n) !== i);
    if (duplicates.length) rules.add(userError('ownerMunicipalityNumbers', `Listed more than once: ${[...new Set(duplicates)].join(', ')}.`));
    const owners = await tx.getRepository(Municipality).find({ where: numbers.map((number) => ({ number })) });
    numbers.forEach((n, i) => {
      if (!owners.some((m) => m.number === n)) {
        rules.add(userError(['input', 'ownerMunicipalityNumbers', String(i)], `No municipality ${n} in your region.`, UserErrorCode.NOT_FOUND));
      }
    });
    if (!owners.some((m) => m.id === service.hostMunicipalityId)) {
      rules.add(userError('ownerMunicipalityNumbers', 'The host municipality must be one of the owners.'));
    }
    const validFrom = isoDate(input.validFrom);
    const periods = await tx.getRepository(OwnershipPeriod).find({ where: { serviceId: service.id }, order: { validFrom: 'DESC' } });
    const open = periods.find((p) => p.validTo === null);
    const latest = periods[0];
    const mustFollow = latest ? latest.validTo ?? latest.validFrom : null;
    if (mustFollow && validFrom <= mustFollow) {
      rules.add(userError('validFrom', `Must be after ${mustFollow}: ownership history is not rewritten.`, UserErrorCode.CONFLICT));
    }
    rules.throwIfAny();

    if (open) {
      const before = { ...open };
      open.validTo = dayBefore(validFrom);
      await tx.getRepository(OwnershipPeriod).save(open);
      await recordAudit(tx, ctx, { operation: 'setServiceOwnership', entity: 'OwnershipPeriod', entityId: open.id, before, after: open });
    }
    const period = tx.getRepository(OwnershipPeriod).create({ regionId: service.regionId, serviceId: service.id, validFrom, validTo: null, note: input.note ?? null });
    await tx.getRepository(OwnershipPeriod).save(period);
    await tx.getRepository(OwnershipPeriodOwner).insert(owners.map((m) => ({ regionId: service.regionId, periodId: period.id, municipalityId: m.id })));
    await recordAudit(tx, ctx, {
      operation: 'setServiceOwnership',
      entity: 'OwnershipPeriod',
      entityId: period.id,
      after: { ...period, owners: owners.map((m) => m.number).sort() },
    });
    return { sharedService: service, ownershipPeriod: period };
  });
}
