import { AuditResolver } from './audit-resolver';
import { MunicipalityResolver } from './municipality-resolver';
import { OwnershipPeriodResolver } from './ownership-period-resolver';
import { PersonResolver, RoleAssignmentResolver } from './person-resolver';
import { RegionResolver } from './region-resolver';
import { SharedServiceResolver } from './shared-service-resolver';
import { UnitResolver } from './unit-resolver';
import { ViewerResolver } from './viewer-resolver';

export const referenceResolvers = [
  ViewerResolver,
  RegionResolver,
  MunicipalityResolver,
  SharedServiceResolver,
  OwnershipPeriodResolver,
  UnitResolver,
  AuditResolver,
  PersonResolver,
  RoleAssignmentResolver,
];
