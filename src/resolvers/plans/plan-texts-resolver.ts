import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { localeOf, type Context } from '../../context';
import { Message, render } from '../../i18n';
import { LegalCheck, LegalCompleteness, MeasureForaEvidence, PreventionCoverage, RequiredAction } from '../../schema/plans/types';

/**
 * Texts of the plans' read models that the services hold as messages (src/i18n), rendered here in
 * the request's language (Context.locale: bokmål unless Accept-Language asks for English).
 */
const inLocale = (ctx: Context, text: string | Message) => (typeof text === 'string' ? text : render(localeOf(ctx), text));

@Resolver(() => LegalCheck)
export class LegalCheckResolver {
  @FieldResolver(() => String, { description: 'Why the requirement counts as present or missing, in the language of the request.' })
  reason(@Root() check: LegalCheck, @Ctx() ctx: Context): string {
    return inLocale(ctx, check.reason);
  }
}

@Resolver(() => LegalCompleteness)
export class LegalCompletenessResolver {
  @FieldResolver(() => String, { description: 'What the check is and is not, for people reading it, in the language of the request.' })
  note(@Root() check: LegalCompleteness, @Ctx() ctx: Context): string {
    return inLocale(ctx, check.note);
  }
}

@Resolver(() => RequiredAction)
export class RequiredActionResolver {
  @FieldResolver(() => String, { description: "What must happen: the plan's own rule as written, or what the law asks, in the language of the request." })
  text(@Root() action: RequiredAction, @Ctx() ctx: Context): string {
    return inLocale(ctx, action.text);
  }
}

@Resolver(() => PreventionCoverage)
export class PreventionCoverageResolver {
  @FieldResolver(() => String, { description: 'The result in one sentence, for people, in the language of the request.' })
  summary(@Root() coverage: PreventionCoverage, @Ctx() ctx: Context): string {
    return inLocale(ctx, coverage.summary);
  }
}

@Resolver(() => MeasureForaEvidence)
export class MeasureForaEvidenceTextResolver {
  @FieldResolver(() => String, { nullable: true, description: 'Why the evidence is withheld, in the language of the request.' })
  reason(@Root() evidence: MeasureForaEvidence, @Ctx() ctx: Context): string | null {
    return evidence.reason ? inLocale(ctx, evidence.reason) : null;
  }

  @FieldResolver(() => String, { nullable: true, description: 'One sentence for people, in the language of the request; null when withheld.' })
  summary(@Root() evidence: MeasureForaEvidence, @Ctx() ctx: Context): string | null {
    return evidence.summary ? inLocale(ctx, evidence.summary) : null;
  }
}
