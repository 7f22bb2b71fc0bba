import { ForumKindResolver } from './forum-kind-resolver';
import { ForumLeaderTermResolver, ForumMembershipResolver } from './forum-membership-resolver';
import {
  ForumAgendaItemResolver,
  ForumAttendanceResolver,
  ForumCaseConsentResolver,
  ForumCaseItemResolver,
  ForumFollowUpResolver,
  ForumMeetingResolver,
} from './forum-meeting-resolver';
import { ForumResolver } from './forum-resolver';

export const foraResolvers = [
  ForumKindResolver,
  ForumResolver,
  ForumMembershipResolver,
  ForumLeaderTermResolver,
  ForumMeetingResolver,
  ForumAttendanceResolver,
  ForumAgendaItemResolver,
  ForumCaseItemResolver,
  ForumFollowUpResolver,
  ForumCaseConsentResolver,
];
