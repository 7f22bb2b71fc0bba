import { Arg, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../context';
import { ForumKind, ForumKindAgendaElement, ForumKindCadence, ForumKindMember } from '../../entities/fora';
import { CreateForumKindInput, SetForumTermsInput, UpdateForumKindInput } from '../../schema/fora/inputs';
import { ForumKindPayload, ForumKindRules, ForumTerms, ForumTermsPayload } from '../../schema/fora/types';
import { createForumKind, setForumTerms, updateForumKind } from '../../services/fora/kinds';
import { foraLoaders, kindRuleVersions, listForumKinds, termSettings } from '../../services/fora/read';

@Resolver(() => ForumKind)
export class ForumKindResolver {
  @Query(() => [ForumKind], { description: 'Kinds of fora configured for your region (TST, drøftingsteam, nettverk …).' })
  forumKinds(@Ctx() ctx: Context) {
    return listForumKinds(ctx);
  }

  @Query(() => ForumTerms, { description: 'The school terms fora cadence counts in.' })
  forumTerms(@Ctx() ctx: Context) {
    return termSettings(ctx);
  }

  @FieldResolver(() => [ForumKindMember], { description: 'Member services and their attendance duty.' })
  members(@Root() k: ForumKind, @Ctx() ctx: Context) {
    return foraLoaders.kindMembers(ctx, k.id);
  }

  @FieldResolver(() => [ForumKindCadence], { description: 'Cadence rules.' })
  cadence(@Root() k: ForumKind, @Ctx() ctx: Context) {
    return foraLoaders.kindCadence(ctx, k.id);
  }

  @FieldResolver(() => [ForumKindRules], {
    description: 'Every version of the rules, oldest first; the last is in force now (from `rulesValidFrom`). A window is judged by the version in force on its first day.',
  })
  ruleVersions(@Root() k: ForumKind, @Ctx() ctx: Context) {
    return kindRuleVersions(ctx, k);
  }

  @FieldResolver(() => [ForumKindAgendaElement], { description: 'The agenda template.' })
  agendaElements(@Root() k: ForumKind, @Ctx() ctx: Context) {
    return foraLoaders.kindElements(ctx, k.id);
  }

  @FieldResolver(() => ForumKind, { nullable: true, description: 'The kind of forum the minutes go to.' })
  minutesToKind(@Root() k: ForumKind, @Ctx() ctx: Context) {
    return k.minutesToKindId ? foraLoaders.kind(ctx, k.minutesToKindId) : null;
  }

  @Mutation(() => ForumKindPayload, { description: 'REGION_ADMIN: a new kind of forum with its members, cadence rules and agenda template.' })
  createForumKind(@Arg('input') input: CreateForumKindInput, @Ctx() ctx: Context) {
    return createForumKind(ctx, input);
  }

  @Mutation(() => ForumKindPayload, { description: "REGION_ADMIN: change a kind's cadence, minimum length, size threshold or leadership (frequency is trialled and evaluated)." })
  updateForumKind(@Arg('input') input: UpdateForumKindInput, @Ctx() ctx: Context) {
    return updateForumKind(ctx, input);
  }

  @Mutation(() => ForumTermsPayload, { description: 'REGION_ADMIN: the school terms of the region.' })
  setForumTerms(@Arg('input') input: SetForumTermsInput, @Ctx() ctx: Context) {
    return setForumTerms(ctx, input);
  }
}
