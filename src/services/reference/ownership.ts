import { Role } from '../../auth/roles';
import { Municipality } from '../../entities/reference/municipality';
import { OwnershipPeriod, OwnershipPeriodOwner } from '../../entities/reference/ownership-period';
import { SharedService } from '../../entities/reference/shared-service';
import { isoDate } from '../dates';
import { findByGlobalId } from '../lookup';
import { defineMutation } from '../mutation';
import { RuleCheck, userError, UserErrorCode } from '../user-errors';
import { checkUnique, municipalitiesByNumber } from './kommunenummer';

export interface OwnershipChange {
  serviceId: string;
  validFrom: Date;
  ownerMunicipalityNumbers: string[];
  note?: string | null;
}

const dayBefore = (iso: string) => isoDate(new Date(Date.parse(`${iso}T00:00:00Z`) - 86_400_000));

/**
 * Changes who owns a shared service from a date on: the open period ends the day before and a new
 * one starts. History is kept, never rewritten: a change may not start on or before the open
 * period's first day.
 */
export const setServiceOwnership = defineMutation({
  name: 'setServiceOwnership',
  roles: [Role.REGION_ADMIN],
  action: 'Changing shared-service ownership',
  async run({ tx, audit }, input: OwnershipChange) {
    const service = await findByGlobalId(tx, SharedService, input.serviceId, 'serviceId', 'shared service');
    const rules = new RuleCheck();
    const numbers = input.ownerMunicipalityNumbers;
    checkUnique(rules, numbers, 'ownerMunicipalityNumbers');
    const owners: Municipality[] = await municipalitiesByNumber(tx, numbers, rules, (i) => ['input', 'ownerMunicipalityNumbers', String(i)]);
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
      await audit({ entity: 'OwnershipPeriod', entityId: open.id, before, after: open });
    }
    const period = tx.getRepository(OwnershipPeriod).create({ regionId: service.regionId, serviceId: service.id, validFrom, validTo: null, note: input.note ?? null });
    await tx.getRepository(OwnershipPeriod).save(period);
    await tx.getRepository(OwnershipPeriodOwner).insert(owners.map((m) => ({ regionId: service.regionId, periodId: period.id, municipalityId: m.id })));
    await audit({ entity: 'OwnershipPeriod', entityId: period.id, after: { ...period, owners: owners.map((m) => m.number).sort() } });
    return { sharedService: service, ownershipPeriod: period };
  },
});
