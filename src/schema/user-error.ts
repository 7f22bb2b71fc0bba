import { Field, ObjectType, registerEnumType } from 'type-graphql';

export enum UserErrorCode {
  INVALID = 'INVALID',
  NOT_FOUND = 'NOT_FOUND',
  FORBIDDEN = 'FORBIDDEN',
  CONFLICT = 'CONFLICT',
  IMMUTABLE = 'IMMUTABLE',
  PERSONAL_DATA = 'PERSONAL_DATA',
}
registerEnumType(UserErrorCode, { name: 'UserErrorCode', description: 'Why a mutation rejected its input.' });

/** A rule violation returned in a mutation payload (Shopify style); the mutation changed nothing. */
@ObjectType({ description: 'A rule the input broke. The mutation changed nothing.' })
export class UserError {
  @Field(() => [String], { description: 'Path to the input field, e.g. ["input", "size"].' })
  field: string[];

  @Field()
  message: string;

  @Field(() => UserErrorCode)
  code: UserErrorCode;
}

export function userError(field: string | string[], message: string, code: UserErrorCode = UserErrorCode.INVALID): UserError {
  const e = new UserError();
  e.field = Array.isArray(field) ? field : ['input', ...field.split('.')];
  e.message = message;
  e.code = code;
  return e;
}

/** Thrown inside a service transaction to roll it back and report rule violations as userErrors. */
export class UserErrorsException extends Error {
  constructor(readonly userErrors: UserError[]) {
    super(userErrors.map((e) => `${e.field.join('.')}: ${e.message}`).join('; '));
  }
}
