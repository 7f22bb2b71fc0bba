import { IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { GraphQLDate } from 'graphql-scalars';
import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { Unit, UnitKind } from '../../entities/reference/unit';
import { NewUnit, UnitChanges } from '../../services/reference/units';
import { IsKommunenummer } from '../kommunenummer';
import { FreeText, OptionalRequiredText, RequiredText } from '../text';
import { MutationPayload } from '../user-error';

const CODE = /^[a-z0-9-]{2,80}$/;
const CODE_MESSAGE = 'must be 2–80 characters of a–z, 0–9 and "-"';

@InputType({ description: 'A new school, kindergarten or other unit.' })
export class CreateUnitInput implements NewUnit {
  @Field({ description: 'Kommunenummer of the municipality the unit belongs to.' })
  @IsKommunenummer()
  municipalityNumber: string;

  @Field()
  @Matches(CODE, { message: CODE_MESSAGE, context: { key: 'common.validation.code', params: { min: 2, max: 80 } } })
  @FreeText() // digits and "-" allowed: a code could spell a national identity number
  code: string;

  @Field()
  @RequiredText(200)
  name: string;

  @Field(() => UnitKind)
  kind: UnitKind;

  @Field(() => Int, { description: 'Children or pupils.' })
  @IsInt()
  @Min(0)
  @Max(100000)
  size: number;

  @Field(() => GraphQLDate, {
    nullable: true,
    description: 'The first day the unit exists (default today, Oslo). 2000-01-01 = since before any data. Reports of periods before it do not count the unit.',
  })
  @IsOptional()
  openedOn?: Date | null;

  @Field(() => GraphQLDate, { nullable: true, description: 'The last day the unit exists, if known.' })
  @IsOptional()
  closedOn?: Date | null;
}

@InputType({ description: 'Changes to a unit; omitted fields stay as they are; `closedOn: null` re-opens a closed unit.' })
export class UpdateUnitInput implements UnitChanges {
  @Field(() => ID)
  id: string;

  @Field({ nullable: true })
  @OptionalRequiredText(200)
  name?: string;

  @Field(() => UnitKind, { nullable: true })
  @IsOptional()
  kind?: UnitKind;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100000)
  size?: number;

  @Field(() => GraphQLDate, { nullable: true, description: 'The first day the unit exists (omitted or null: unchanged).' })
  @IsOptional()
  openedOn?: Date | null;

  @Field(() => GraphQLDate, { nullable: true, description: 'The last day the unit exists: it drops from reports of periods after it. null = open again.' })
  @IsOptional()
  closedOn?: Date | null;
}

@ObjectType()
export class UnitPayload extends MutationPayload {
  @Field(() => Unit, { nullable: true })
  unit?: Unit | null;
}
