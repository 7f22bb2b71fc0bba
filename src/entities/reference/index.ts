import { AuditRecord } from './audit-record';
import { Municipality } from './municipality';
import { MunicipalityPopulation } from './municipality-population';
import { OwnershipPeriod, OwnershipPeriodOwner } from './ownership-period';
import { Person, RoleAssignment } from './person';
import { Region } from './region';
import { SharedService } from './shared-service';
import { Unit } from './unit';

export { AuditRecord, Municipality, MunicipalityPopulation, OwnershipPeriod, OwnershipPeriodOwner, Person, Region, RoleAssignment, SharedService, Unit };

/** Every entity of the reference feature. */
export const referenceEntities = [Region, Municipality, MunicipalityPopulation, SharedService, OwnershipPeriod, OwnershipPeriodOwner, Unit, Person, RoleAssignment, AuditRecord];
