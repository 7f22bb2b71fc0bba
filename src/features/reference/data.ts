import { CoreSchema1732400000000 } from '../../../migrations/1732400000000-reference-schema';
import { NorwegianCollation1732450000000 } from '../../../migrations/1732450000000-reference-norwegian-collation';
import { AuditConcerns1733100000000 } from '../../../migrations/1733100000000-reference-audit-concerns';
import { AuditReadRules1733230000000 } from '../../../migrations/1733230000000-reference-audit-read-rules';
import { SecurityPredicates1733300000000 } from '../../../migrations/1733300000000-reference-security-predicates';
import { Onboarding1733400000000 } from '../../../migrations/1733400000000-reference-onboarding';
import { GrantAwarePolicies1733500000000 } from '../../../migrations/1733500000000-reference-grant-aware-policies';
import { Grants1733600000000 } from '../../../migrations/1733600000000-reference-grants';
import { GrantOperations1733700000000 } from '../../../migrations/1733700000000-reference-grant-operations';
import { UnitValidity1733750000000 } from '../../../migrations/1733750000000-reference-unit-validity';
import { SignInClaim1733705000000 } from '../../../migrations/1733705000000-reference-sign-in-claim';
import { PublicDataAnnouncements1733810000000 } from '../../../migrations/1733810000000-reference-public-data-announcements';
import { ReadDataAnnouncements1733857000000 } from '../../../migrations/1733857000000-reference-read-data-announcements';
import { ReadDataByRegion1733858000000 } from '../../../migrations/1733858000000-reference-read-data-by-region';
import * as entities from '../../entities/reference';
import { seedReferenceData } from '../../seed/reference';
import { classificationImport } from '../../services/reference/classification-import';
import { populationImport } from '../../services/reference/population-import';
import { entitiesIn, FeatureData } from '../feature';

/** The core: regions, municipalities, shared services and their ownership, units, people, audit trail. */
export const referenceData: FeatureData = {
  name: 'reference',
  entities: entitiesIn(entities),
  migrations: [
    CoreSchema1732400000000,
    NorwegianCollation1732450000000,
    AuditConcerns1733100000000,
    AuditReadRules1733230000000,
    SecurityPredicates1733300000000,
    Onboarding1733400000000,
    GrantAwarePolicies1733500000000,
    Grants1733600000000,
    GrantOperations1733700000000,
    SignInClaim1733705000000,
    UnitValidity1733750000000,
    PublicDataAnnouncements1733810000000,
    ReadDataAnnouncements1733857000000,
    ReadDataByRegion1733858000000,
  ],
  seed: seedReferenceData,
  importers: [populationImport, classificationImport],
};
