import { Fora1732600000000 } from '../../migrations/1732600000000-fora-schema';
import { Forum, foraEntities, ForumCaseConsent, ForumFollowUp, ForumKind, ForumKindAgendaElement, ForumKindMember, ForumMeeting, ForumMembership } from '../entities/fora';
import { foraResolvers } from '../resolvers/fora';
import { calendarRoute } from '../resolvers/fora/calendar-route';
import { seedFora } from '../seed/fora';
import { CALENDAR_PATH } from '../services/fora/calendar';
import { mayOversee } from '../services/fora/guard';
import { Feature } from './feature';

/** Collaboration fora (TST and the teams, networks and groups of 003/004): kinds as data, meetings, consent, compliance, service load, calendar feeds. */
export const fora: Feature = {
  name: 'fora',
  entities: foraEntities,
  resolvers: foraResolvers,
  // RLS decides (structure: insiders and oversight; consents: insiders). A forum's row is known
  // to every fora role; node(id:) shows it to those who oversee it.
  nodeTypes: [
    { entity: ForumKind },
    { entity: ForumKindMember },
    { entity: ForumKindAgendaElement },
    { entity: Forum, visible: mayOversee },
    { entity: ForumMembership },
    { entity: ForumMeeting },
    { entity: ForumFollowUp },
    { entity: ForumCaseConsent },
  ],
  migrations: [Fora1732600000000],
  seed: seedFora,
  routes: (router, deps) => {
    router.get(CALENDAR_PATH, calendarRoute(deps));
  },
};
