import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { UserError as DomainUserError, UserErrorCode } from '../services/user-errors';

registerEnumType(UserErrorCode, {
  name: 'UserErrorCode',
  description: 'Why a mutation rejected its input.',
  valuesConfig: { FORBIDDEN: { deprecationReason: 'Never returned: a caller who may not do something gets a top-level FORBIDDEN error.' } },
});

/** A rule violation returned in a mutation payload (Shopify style); the mutation changed nothing. */
@ObjectType({ description: 'A rule the input broke. The mutation changed nothing.' })
export class UserError implements DomainUserError {
  @Field(() => [String], { description: 'Path to the input field, e.g. ["input", "size"].' })
  field: string[];

  @Field()
  message: string;

  @Field(() => UserErrorCode)
  code: UserErrorCode;
}

/** Base of every mutation payload (no field returns it, so it is not in the schema; each payload type gets its fields). */
@ObjectType('MutationPayload')
export abstract class MutationPayload {
  @Field(() => [UserError])
  userErrors: UserError[];
}
