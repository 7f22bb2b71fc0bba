import { CoreSchema1732400000000 } from '../../migrations/1732400000000-reference-schema';
import { NorwegianCollation1732450000000 } from '../../migrations/1732450000000-reference-norwegian-collation';
import { AuditConcerns1733100000000 } from '../../migrations/1733100000000-reference-audit-concerns';
import { AuditReadRules1733230000000 } from '../../migrations/1733230000000-reference-audit-read-rules';
import { SecurityPredicates1733300000000 } from '../../migrations/1733300000000-reference-security-predicates';
import { Municipality, OwnershipPeriod, referenceEntities, Region, SharedService, Unit } from '../entities/reference';
import { referenceResolvers } from '../resolvers/reference';
import { seedReferenceData } from '../seed/reference';
import { populationImport } from '../services/reference/population-import';
import { READ_REFERENCE_DATA } from '../services/reference/reference-data';
import { Feature } from './feature';

/** The core: regions, municipalities, shared services and their ownership, units, people, audit trail. */
export const reference: Feature = {
  name: 'reference',
  entities: referenceEntities,
  resolvers: referenceResolvers,
  // Reference data: every role; RLS decides the region (own region, or every region for PUBLIC).
  nodeTypes: [
    { entity: Region, read: READ_REFERENCE_DATA },
    { entity: Municipality, read: READ_REFERENCE_DATA },
    { entity: SharedService, read: READ_REFERENCE_DATA, references: [{ field: 'host', column: 'hostMunicipalityId', entity: Municipality }] },
    { entity: OwnershipPeriod, read: READ_REFERENCE_DATA, references: [{ field: 'service', column: 'serviceId', entity: SharedService }] },
    { entity: Unit, read: READ_REFERENCE_DATA, references: [{ field: 'municipality', column: 'municipalityId', entity: Municipality }] },
  ],
  auditedTypes: { MunicipalityPopulation: READ_REFERENCE_DATA },
  migrations: [CoreSchema1732400000000, NorwegianCollation1732450000000, AuditConcerns1733100000000, AuditReadRules1733230000000, SecurityPredicates1733300000000],
  seed: seedReferenceData,
  importers: [populationImport],
};
