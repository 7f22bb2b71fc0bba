import { AuditRecord } from './audit-record';
import { Municipality } from './municipality';
import { MunicipalityPopulation } from './municipality-population';
import { OwnershipPeriod, OwnershipPeriodOwner } from './ownership-period';
import { Person, RoleAssignment } from './person';
import { Region } from './region';
import { SharedService } from './shared-service';
import { Unit } from './unit';
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
