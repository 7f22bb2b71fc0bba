import { CoreSchema1732400000000 } from '../../migrations/1732400000000-reference-schema';
import { NorwegianCollation1732450000000 } from '../../migrations/1732450000000-reference-norwegian-collation';
import { AuditConcerns1733100000000 } from '../../migrations/1733100000000-reference-audit-concerns';
import { Municipality, OwnershipPeriod, referenceEntities, Region, SharedService, Unit } from '../entities/reference';
import { referenceResolvers } from '../resolvers/reference';
import { seedReferenceData } from '../seed/reference';
import { populationImport } from '../services/reference/population-import';
import { Feature } from './feature';

/** The core: regions, municipalities, shared services and their ownership, units, people, audit trail. */
export const reference: Feature = {
  name: 'reference',
  entities: referenceEntities,
  resolvers: referenceResolvers,
  // Reference data: RLS decides visibility (own region, or public).
  nodeTypes: [
    { entity: Region },
    { entity: Municipality },
    { entity: SharedService, references: [{ field: 'host', column: 'hostMunicipalityId', entity: Municipality }] },
    { entity: OwnershipPeriod, references: [{ field: 'service', column: 'serviceId', entity: SharedService }] },
    { entity: Unit, references: [{ field: 'municipality', column: 'municipalityId', entity: Municipality }] },
  ],
  migrations: [CoreSchema1732400000000, NorwegianCollation1732450000000, AuditConcerns1733100000000],
  seed: seedReferenceData,
  importers: [populationImport],
};
