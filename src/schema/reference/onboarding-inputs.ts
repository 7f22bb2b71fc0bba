import { Matches } from 'class-validator';
import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { Municipality } from '../../entities/reference/municipality';
import { Person } from '../../entities/reference/person';
import { Region } from '../../entities/reference/region';
import { SharedService, SharedServiceKind } from '../../entities/reference/shared-service';
import { NewRegion, NewRegionAdmin, NewRegionMunicipality, NewSharedService } from '../../services/reference/onboarding';
import { IsKommunenummer } from '../kommunenummer';
import { FreeText, OptionalText, RequiredText } from '../text';
import { MutationPayload } from '../user-error';

const REGION_CODE = /^[a-z0-9-]{2,40}$/;
const SERVICE_CODE = /^[a-z0-9-]{2,60}$/;

@InputType({ description: 'OPERATOR: a new region (a set of cooperating municipalities).' })
export class CreateRegionInput implements NewRegion {
  @Field({ description: 'Stable short code used in tokens, e.g. "tromso": 2–40 characters of a–z, 0–9 and "-".' })
  @Matches(REGION_CODE, { message: 'must be 2–40 characters of a–z, 0–9 and "-"', context: { key: 'common.validation.code', params: { min: 2, max: 40 } } })
  @FreeText() // digits allowed: a code could spell a national identity number
  code: string;

  @Field()
  @RequiredText(200)
  name: string;
}

@InputType({ description: "OPERATOR: a municipality joins a region, by its kommunenummer (valid today in SSB's classification, KLASS 131; the name is taken from it)." })
export class AddRegionMunicipalityInput implements NewRegionMunicipality {
  @Field(() => ID)
  regionId: string;

  @Field({ description: 'Kommunenummer valid today, e.g. "5501" (Tromsø since 2024).' })
  @IsKommunenummer()
  number: string;
}

@InputType({ description: "OPERATOR: the region's first administrator (a new person with the role REGION_ADMIN)." })
export class GrantRegionAdminInput implements NewRegionAdmin {
  @Field(() => ID)
  regionId: string;

  @Field({ description: 'The token subject (sub) the person signs in with.' })
  @RequiredText(200)
  subject: string;

  @Field()
  @RequiredText(200)
  displayName: string;

  @Field(() => String, {
    nullable: true,
    description: "The identity provider (OpenID Connect issuer URL) that vouches for the subject. Default: the deployment's OIDC_ISSUER, else development tokens' issuer (samvirke-dev).",
  })
  @OptionalText(300)
  issuer?: string | null;
}

@InputType({ description: 'REGION_ADMIN: a new shared service run by a host municipality of your region.' })
export class CreateSharedServiceInput implements NewSharedService {
  @Field({ description: 'Short code, unique in the region, used in tokens (e.g. "barnevern"): 2–60 characters of a–z, 0–9 and "-".' })
  @Matches(SERVICE_CODE, { message: 'must be 2–60 characters of a–z, 0–9 and "-"', context: { key: 'common.validation.code', params: { min: 2, max: 60 } } })
  @FreeText()
  code: string;

  @Field()
  @RequiredText(200)
  name: string;

  @Field(() => SharedServiceKind)
  kind: SharedServiceKind;

  @Field({ description: 'Kommunenummer of the host municipality (vertskommune), in your region.' })
  @IsKommunenummer()
  hostMunicipalityNumber: string;
}

@ObjectType()
export class CreateRegionPayload extends MutationPayload {
  @Field(() => Region, { nullable: true })
  region?: Region | null;
}

@ObjectType()
export class AddRegionMunicipalityPayload extends MutationPayload {
  @Field(() => Municipality, { nullable: true })
  municipality?: Municipality | null;

  @Field(() => Region, { nullable: true })
  region?: Region | null;
}

@ObjectType()
export class GrantRegionAdminPayload extends MutationPayload {
  @Field(() => Person, { nullable: true })
  person?: Person | null;

  @Field(() => Region, { nullable: true })
  region?: Region | null;
}

@ObjectType()
export class CreateSharedServicePayload extends MutationPayload {
  @Field(() => SharedService, { nullable: true })
  sharedService?: SharedService | null;
}
