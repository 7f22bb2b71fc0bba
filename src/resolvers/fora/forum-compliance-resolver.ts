import { Args, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import { PageArgs } from '../../schema/connection';
import { ForumCompliance, ForumComplianceConnection, ForumComplianceReport, LeadershipViolation, MeetingMissingElements, MissingForums, ShortForumMeeting } from '../../schema/fora/types';
import { ListCap } from '../../schema/list-cap';
import { Unit } from '../../entities/reference/unit';
import { COMPLIANCE_LIST_CAP, COMPLIANCE_MEETING_ROW_CAP } from '../../services/fora/insights';
import { capped, pageOfList } from '../../services/paging';

/**
 * The lists of a compliance answer, each capped (and priced at its cap by the complexity limit) or
 * paged, with the whole count beside it: the answer does not grow with the municipality's fora or
 * meetings (docs/fora.md "Bounded answers"). The report itself is computed whole, once per request.
 */
@Resolver(() => ForumComplianceReport)
export class ForumComplianceReportResolver {
  @ListCap(COMPLIANCE_LIST_CAP)
  @FieldResolver(() => [ForumCompliance], {
    description: `The municipality's fora by name, at most ${COMPLIANCE_LIST_CAP} (forumCount says how many there are).`,
    deprecationReason: `Capped at ${COMPLIANCE_LIST_CAP}: page through forumPage(first:, after:).`,
  })
  forums(@Root() r: ForumComplianceReport): ForumCompliance[] {
    return capped(r.forums, COMPLIANCE_LIST_CAP);
  }

  @FieldResolver(() => ForumComplianceConnection, { description: "The municipality's fora by name, one page at a time (the report is computed once per request)." })
  forumPage(@Root() r: ForumComplianceReport, @Args() page: PageArgs) {
    return pageOfList(r.forums, page);
  }

  @FieldResolver(() => Int, { description: "How many of the municipality's fora the report judged (the length of forumPage)." })
  forumCount(@Root() r: ForumComplianceReport): number {
    return r.forums.length;
  }

  @ListCap(COMPLIANCE_LIST_CAP)
  @FieldResolver(() => [ForumCompliance], {
    description: `The region's fora (placement REGION, e.g. the meetings with the kommunedirektører, 001), which every municipality of the region takes part in; at most ${COMPLIANCE_LIST_CAP} (regionalForumCount says how many). Not in \`forums\` or \`summary\`.`,
  })
  regionalForums(@Root() r: ForumComplianceReport): ForumCompliance[] {
    return capped(r.regionalForums, COMPLIANCE_LIST_CAP);
  }

  @FieldResolver(() => Int, { description: "How many of the region's fora the report judged." })
  regionalForumCount(@Root() r: ForumComplianceReport): number {
    return r.regionalForums.length;
  }
}

@Resolver(() => ForumCompliance)
export class ForumComplianceResolver {
  @ListCap(COMPLIANCE_MEETING_ROW_CAP)
  @FieldResolver(() => [ShortForumMeeting], { description: `Held meetings shorter than the minimum, at most ${COMPLIANCE_MEETING_ROW_CAP} (shortMeetingCount says how many).` })
  shortMeetings(@Root() c: ForumCompliance): ShortForumMeeting[] {
    return capped(c.shortMeetings, COMPLIANCE_MEETING_ROW_CAP);
  }

  @FieldResolver(() => Int)
  shortMeetingCount(@Root() c: ForumCompliance): number {
    return c.shortMeetings.length;
  }

  @ListCap(COMPLIANCE_MEETING_ROW_CAP)
  @FieldResolver(() => [MeetingMissingElements], {
    description: `Held meetings without an element required at every meeting, at most ${COMPLIANCE_MEETING_ROW_CAP} (missingElementsCount says how many).`,
  })
  missingElements(@Root() c: ForumCompliance): MeetingMissingElements[] {
    return capped(c.missingElements, COMPLIANCE_MEETING_ROW_CAP);
  }

  @FieldResolver(() => Int)
  missingElementsCount(@Root() c: ForumCompliance): number {
    return c.missingElements.length;
  }

  @ListCap(COMPLIANCE_MEETING_ROW_CAP)
  @FieldResolver(() => [LeadershipViolation], { description: `At most ${COMPLIANCE_MEETING_ROW_CAP} (leadershipViolationCount says how many).` })
  leadershipViolations(@Root() c: ForumCompliance): LeadershipViolation[] {
    return capped(c.leadershipViolations, COMPLIANCE_MEETING_ROW_CAP);
  }

  @FieldResolver(() => Int)
  leadershipViolationCount(@Root() c: ForumCompliance): number {
    return c.leadershipViolations.length;
  }
}

@Resolver(() => MissingForums)
export class MissingForumsResolver {
  @ListCap(COMPLIANCE_LIST_CAP)
  @FieldResolver(() => [Unit], { description: `At most ${COMPLIANCE_LIST_CAP} units, by name (unitCount says how many).` })
  units(@Root() m: MissingForums): Unit[] {
    return capped(m.units, COMPLIANCE_LIST_CAP);
  }

  @FieldResolver(() => Int)
  unitCount(@Root() m: MissingForums): number {
    return m.units.length;
  }
}
