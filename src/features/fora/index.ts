import { Forum, ForumCaseConsent, ForumCaseReferral, ForumFollowUp, ForumKind, ForumKindAgendaElement, ForumKindMember, ForumMeeting, ForumMembership } from '../../entities/fora';
import { calendarRoute } from '../../http/fora/calendar-route';
import * as resolvers from '../../resolvers/fora';
import { CALENDAR_PATH } from '../../services/fora/calendar';
import { READ_FORUM_CALENDAR, READ_FORUM_CONTENT, READ_FORUM_KINDS, READ_FORUM_REFERRALS, READ_FORUMS, recordedRowReadable } from '../../services/fora/guard';
import { Feature, resolversIn } from '../feature';
import { foraData } from './data';

/** Collaboration fora (TST and the teams, networks and groups of 003/004): kinds as data, meetings, consent, compliance, service load, calendar feeds. */
export const fora: Feature = {
  ...foraData,
  resolvers: resolversIn(resolvers),
  // The rules of forumKinds, forums/forum and Forum.consents (RLS says the same; a forum's row is
  // known to every fora role, node(id:) shows it to those who oversee it, as forum(id:) does).
  nodeTypes: [
    { entity: ForumKind, read: READ_FORUM_KINDS },
    { entity: ForumKindMember, read: READ_FORUM_KINDS },
    { entity: ForumKindAgendaElement, read: READ_FORUM_KINDS },
    { entity: Forum, read: READ_FORUMS },
    { entity: ForumMembership, read: READ_FORUMS },
    { entity: ForumMeeting, read: READ_FORUMS },
    { entity: ForumFollowUp, read: READ_FORUMS },
    { entity: ForumCaseConsent, read: { ...READ_FORUM_CONTENT, auditSnapshot: recordedRowReadable('forum_case_consent') } },
    { entity: ForumCaseReferral, read: { ...READ_FORUM_REFERRALS, auditSnapshot: recordedRowReadable('forum_case_referral') } },
  ],
  auditedTypes: { ForumTermSetting: READ_FORUM_KINDS, ForumLeaderTerm: READ_FORUMS, ForumCalendarToken: { ...READ_FORUM_CALENDAR, auditSnapshot: recordedRowReadable('forum_calendar_token') } },
  routes: (router, deps) => {
    router.get(CALENDAR_PATH, calendarRoute(deps));
  },
};
