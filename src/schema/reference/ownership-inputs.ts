import { ArrayMaxSize, ArrayMinSize } from 'class-validator';
import { GraphQLDate } from 'graphql-scalars';
import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { OwnershipPeriod } from '../../entities/reference/ownership-period';
import { SharedService } from '../../entities/reference/shared-service';
import { OwnershipChange } from '../../services/reference/ownership';
import { IsKommunenummer } from '../kommunenummer';
import { OptionalRequiredText, OptionalText } from '../text';
import { MutationPayload } from '../user-error';

@InputType({ description: 'Starts a new ownership period; the current one ends the day before.' })
export class SetServiceOwnershipInput implements OwnershipChange {
  @Field(() => ID)
  serviceId: string;

  @Field(() => GraphQLDate, { description: 'First day the new owners apply.' })
  validFrom: Date;

  @Field(() => [String], { description: 'Kommunenummer of every owner municipality, host included.' })
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @IsKommunenummer({ each: true })
  ownerMunicipalityNumbers: string[];

  @Field({ nullable: true, description: 'E.g. the agreement or council decision.' })
  @OptionalText(2000)
  note?: string;

  @Field({
    nullable: true,
    description: 'Required when validFrom is in the past (the change rewrites who owned the service since then): why, e.g. the council decision. Recorded as a correction in the audit trail.',
  })
  @OptionalRequiredText(2000)
  correctionReason?: string;
}

@ObjectType()
export class SetServiceOwnershipPayload extends MutationPayload {
  @Field(() => SharedService, { nullable: true })
  sharedService?: SharedService | null;

  @Field(() => OwnershipPeriod, { nullable: true })
  ownershipPeriod?: OwnershipPeriod | null;
}
