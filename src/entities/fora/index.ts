import { Forum, ForumCalendarToken, ForumLeaderTerm, ForumMembership, ForumUnit } from './forum';
import { ForumKind, ForumKindAgendaElement, ForumKindCadence, ForumKindMember, ForumTermSetting } from './kind';
import {
  ForumAgendaItem,
  ForumAgendaSection,
  ForumAttendance,
  ForumCaseConsent,
  ForumCaseItem,
  ForumFollowUp,
  ForumFollowUpNote,
  ForumMeeting,
  ForumMinutes,
} from './meeting';

export * from './enums';
export * from './forum';
export * from './kind';
export * from './meeting';

/** Every entity of the fora feature. */
export const foraEntities = [
  ForumTermSetting,
  ForumKind,
  ForumKindMember,
  ForumKindCadence,
  ForumKindAgendaElement,
  Forum,
  ForumUnit,
  ForumMembership,
  ForumLeaderTerm,
  ForumCalendarToken,
  ForumMeeting,
  ForumAttendance,
  ForumAgendaSection,
  ForumFollowUp,
  ForumAgendaItem,
  ForumMinutes,
  ForumFollowUpNote,
  ForumCaseConsent,
  ForumCaseItem,
];
