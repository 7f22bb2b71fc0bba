import { AuditRecord } from './reference/audit-record';
import { Municipality } from './reference/municipality';
import { MunicipalityPopulation } from './reference/municipality-population';
import { OwnershipPeriod, OwnershipPeriodOwner } from './reference/ownership-period';
import { Person, RoleAssignment } from './reference/person';
import { Region } from './reference/region';
import { SharedService } from './reference/shared-service';
import { Unit } from './reference/unit';
import { planEntities } from './plans';

/** Every TypeORM entity; later features append theirs here. */
export const entities = [
  Region,
  Municipality,
  MunicipalityPopulation,
  SharedService,
  OwnershipPeriod,
  OwnershipPeriodOwner,
  Unit,
  Person,
  RoleAssignment,
  AuditRecord,
  ...planEntities,
];
