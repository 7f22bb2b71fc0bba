import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { Context } from '../context';
import { DEFAULT_LOCALE, renderedParams, translate } from '../i18n';
import { UserError, UserErrorParam } from '../schema/user-error';

/** A user error's text, rendered at the boundary in the request's language (Context.locale, from Accept-Language). */
@Resolver(() => UserError)
export class UserErrorResolver {
  @FieldResolver(() => String, { description: 'What is wrong, in the language of the request (bokmål unless Accept-Language asks for English).' })
  message(@Root() error: UserError, @Ctx() ctx: Context): string {
    return translate(ctx.locale ?? DEFAULT_LOCALE, error.key, error.params);
  }

  @FieldResolver(() => [UserErrorParam], { description: 'The values the message interpolates, by name.' })
  params(@Root() error: UserError, @Ctx() ctx: Context): UserErrorParam[] {
    return Object.entries(renderedParams(ctx.locale ?? DEFAULT_LOCALE, error.params ?? {})).map(([name, value]) => ({ name, value: String(value) }));
  }
}
