import { Municipality, OwnershipPeriod, Region, SharedService, Unit } from '../../entities/reference';
import * as resolvers from '../../resolvers/reference';
import { READ_REFERENCE_DATA } from '../../services/reference/reference-data';
import { Feature, resolversIn } from '../feature';
import { referenceData } from './data';

/** The core: regions, municipalities, shared services and their ownership, units, people, audit trail. */
export const reference: Feature = {
  ...referenceData,
  resolvers: resolversIn(resolvers),
  // Reference data: every role; RLS decides the region (own region, or every region for PUBLIC).
  nodeTypes: [
    { entity: Region, read: READ_REFERENCE_DATA },
    { entity: Municipality, read: READ_REFERENCE_DATA },
    { entity: SharedService, read: READ_REFERENCE_DATA, references: [{ field: 'host', column: 'hostMunicipalityId', entity: Municipality }] },
    { entity: OwnershipPeriod, read: READ_REFERENCE_DATA, references: [{ field: 'service', column: 'serviceId', entity: SharedService }] },
    { entity: Unit, read: READ_REFERENCE_DATA, references: [{ field: 'municipality', column: 'municipalityId', entity: Municipality }] },
  ],
  auditedTypes: { MunicipalityPopulation: READ_REFERENCE_DATA },
};
