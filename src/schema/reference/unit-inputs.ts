import { IsInt, IsOptional, Length, Matches, Max, Min } from 'class-validator';
import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { Unit, UnitKind } from '../../entities/reference/unit';
import { UserError } from '../user-error';

const CODE = /^[a-z0-9-]{2,80}$/;
const CODE_MESSAGE = 'must be 2–80 characters of a–z, 0–9 and "-"';
// Names are stored trimmed and the table requires 1–200 characters: "   " must fail here, not in SQL.
const NOT_BLANK = /\S/;
const NOT_BLANK_MESSAGE = 'must contain more than white space';

@InputType({ description: 'A new school, kindergarten or other unit.' })
export class CreateUnitInput {
  @Field({ description: 'Kommunenummer of the municipality the unit belongs to.' })
  @Matches(/^\d{4}$/, { message: 'must be a four-digit kommunenummer' })
  municipalityNumber: string;

  @Field()
  @Matches(CODE, { message: CODE_MESSAGE })
  code: string;

  @Field()
  @Length(1, 200)
  @Matches(NOT_BLANK, { message: NOT_BLANK_MESSAGE })
  name: string;

  @Field(() => UnitKind)
  kind: UnitKind;

  @Field(() => Int, { description: 'Children or pupils.' })
  @IsInt()
  @Min(0)
  @Max(100000)
  size: number;
}

@InputType({ description: 'Changes to a unit; omitted fields stay as they are.' })
export class UpdateUnitInput {
  @Field(() => ID)
  id: string;

  @Field({ nullable: true })
  @IsOptional()
  @Length(1, 200)
  @Matches(NOT_BLANK, { message: NOT_BLANK_MESSAGE })
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
}

@ObjectType()
export class UnitPayload {
  @Field(() => Unit, { nullable: true })
  unit?: Unit | null;

  @Field(() => [UserError])
  userErrors: UserError[];
}
