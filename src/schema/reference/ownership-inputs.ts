import { ArrayMaxSize, ArrayMinSize, IsOptional, Matches, MaxLength } from 'class-validator';
import { GraphQLDate } from 'graphql-scalars';
import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { OwnershipPeriod } from '../../entities/reference/ownership-period';
import { SharedService } from '../../entities/reference/shared-service';
import { UserError } from '../user-error';

@InputType({ description: 'Starts a new ownership period; the current one ends the day before.' })
export class SetServiceOwnershipInput {
  @Field(() => ID)
  serviceId: string;

  @Field(() => GraphQLDate, { description: 'First day the new owners apply.' })
  validFrom: Date;

  @Field(() => [String], { description: 'Kommunenummer of every owner municipality, host included.' })
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @Matches(/^\d{4}$/, { each: true, message: 'each must be a four-digit kommunenummer' })
  ownerMunicipalityNumbers: string[];

  @Field({ nullable: true, description: 'E.g. the agreement or council decision.' })
  @IsOptional()
  @MaxLength(2000)
  note?: string;
}

@ObjectType()
export class SetServiceOwnershipPayload {
  @Field(() => SharedService, { nullable: true })
  sharedService?: SharedService | null;

  @Field(() => OwnershipPeriod, { nullable: true })
  ownershipPeriod?: OwnershipPeriod | null;

  @Field(() => [UserError])
  userErrors: UserError[];
}
