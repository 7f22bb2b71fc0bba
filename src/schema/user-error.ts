import { Field, ObjectType, registerEnumType } from 'type-graphql';
import type { MessageKey, MessageParams } from '../i18n';
import { UserError as DomainUserError, UserErrorCode } from '../services/user-errors';

registerEnumType(UserErrorCode, {
  name: 'UserErrorCode',
  description: 'Why a mutation rejected its input.',
  valuesConfig: { FORBIDDEN: { deprecationReason: 'Never returned: a caller who may not do something gets a top-level FORBIDDEN error.' } },
});

/** One value a user error's message interpolates. */
@ObjectType({ description: "One value a user error's message interpolates (its `{{name}}`), as text in the request's language." })
export class UserErrorParam {
  @Field()
  name: string;

  @Field()
  value: string;
}

/**
 * A rule violation returned in a mutation payload (Shopify style); the mutation changed nothing.
 * `message` and the params' values are rendered in the request's language by `UserErrorResolver`
 * (src/resolvers/user-error-resolver.ts).
 */
@ObjectType({ description: 'A rule the input broke. The mutation changed nothing.' })
export class UserError implements DomainUserError {
  @Field(() => [String], { description: 'Path to the input field, e.g. ["input", "size"].' })
  field: string[];

  @Field(() => String, {
    description:
      'The message\'s stable key (e.g. "plans.planArchived"), for a client that shows its own texts; `message` is the text in the language of the request (Accept-Language: bokmål by default, `en` for English).',
  })
  key: MessageKey;

  params: MessageParams;

  @Field(() => UserErrorCode)
  code: UserErrorCode;
}

/** Base of every mutation payload (no field returns it, so it is not in the schema; each payload type gets its fields). */
@ObjectType('MutationPayload')
export abstract class MutationPayload {
  @Field(() => [UserError])
  userErrors: UserError[];
}
