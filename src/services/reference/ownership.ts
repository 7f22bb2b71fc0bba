import { todayOf } from '../../context';
import { Role } from '../../auth/roles';
import { Municipality } from '../../entities/reference/municipality';
import { OwnershipPeriod, OwnershipPeriodOwner } from '../../entities/reference/ownership-period';
import { SharedService } from '../../entities/reference/shared-service';
import { dayBefore, isoDate } from '../dates';
import { findByGlobalId } from '../lookup';
import { defineMutation } from '../mutation';
import { RuleCheck, userError, UserErrorCode } from '../user-errors';
import { checkUnique, municipalitiesByNumber } from './kommunenummer';

export interface OwnershipChange {
  serviceId: string;
  validFrom: Date;
  ownerMunicipalityNumbers: string[];
  note?: string | null;
  /** Required when validFrom is in the past: the change then rewrites history and is a correction. */
  correctionReason?: string | null;
}

/**
 * Changes who owns a shared service from a date on: the open period ends the day before and a new
 * one starts. History is kept: a change may not start on or before the latest period's first day,
 * and a change back in time (validFrom before today) rewrites the months since then, so it needs a
 * `correctionReason` and is recorded as a correction. Published cost reports never change with it:
 * they keep the owners and shares they were published with; only a new report version uses the
 * corrected ownership.
 */
export const setServiceOwnership = defineMutation({
  name: 'setServiceOwnership',
  roles: [Role.REGION_ADMIN],
  action: 'Changing shared-service ownership',
  async run({ tx, ctx, audit }, input: OwnershipChange) {
    const service = await findByGlobalId(tx, SharedService, input.serviceId, 'serviceId', 'shared service');
    const rules = new RuleCheck();
    const numbers = input.ownerMunicipalityNumbers;
    checkUnique(rules, numbers, 'ownerMunicipalityNumbers');
    const owners: Municipality[] = await municipalitiesByNumber(tx, numbers, rules, (i) => ['input', 'ownerMunicipalityNumbers', String(i)]);
    if (!owners.some((m) => m.id === service.hostMunicipalityId)) {
      rules.add(userError('ownerMunicipalityNumbers', 'reference.hostMunicipalityOwners'));
    }
    const validFrom = isoDate(input.validFrom);
    const periods = await tx.getRepository(OwnershipPeriod).find({ where: { serviceId: service.id }, order: { validFrom: 'DESC' } });
    const open = periods.find((p) => p.validTo === null);
    const latest = periods[0];
    const mustFollow = latest ? (latest.validTo ?? latest.validFrom) : null;
    if (mustFollow && validFrom <= mustFollow) {
      rules.add(userError('validFrom', 'reference.afterOwnershipHistoryRewritten', { mustFollow }, UserErrorCode.CONFLICT));
    }
    const reason = input.correctionReason?.trim() || null;
    const backInTime = validFrom < todayOf(ctx);
    if (backInTime && !reason) {
      rules.add(userError('correctionReason', 'reference.pastChangeWouldRewrite', { validFrom }));
    }
    rules.throwIfAny();
    const previousOwners = open ? (await tx.getRepository(OwnershipPeriodOwner).findBy({ periodId: open.id })).map((o) => o.municipalityId) : [];
    // Everyone who owned the service before or owns it after: their auditors see the change.
    const concerns = [...previousOwners, ...owners.map((m) => m.id)];
    const correction = backInTime ? { correction: { reason, rewritesFrom: validFrom } } : {};

    if (open) {
      const before = { ...open };
      open.validTo = dayBefore(validFrom);
      await tx.getRepository(OwnershipPeriod).save(open);
      await audit({ entity: 'OwnershipPeriod', entityId: open.id, concerns, before, after: { ...open, ...correction } });
    }
    const period = tx.getRepository(OwnershipPeriod).create({ regionId: service.regionId, serviceId: service.id, validFrom, validTo: null, note: input.note ?? null });
    await tx.getRepository(OwnershipPeriod).save(period);
    await tx.getRepository(OwnershipPeriodOwner).insert(owners.map((m) => ({ regionId: service.regionId, periodId: period.id, municipalityId: m.id })));
    await audit({ entity: 'OwnershipPeriod', entityId: period.id, concerns, after: { ...period, owners: owners.map((m) => m.number).sort(), ...correction } });
    return { sharedService: service, ownershipPeriod: period };
  },
});
