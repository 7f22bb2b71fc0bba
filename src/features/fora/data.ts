import { Fora1732600000000 } from '../../../migrations/1732600000000-fora-schema';
import { ForaRuleVersions1733751000000 } from '../../../migrations/1733751000000-fora-rule-versions';
import { ForaAttendanceAgendaForumIndex1733856000000 } from '../../../migrations/1733856000000-fora-attendance-agenda-forum-index';
import { ForaRegionalOversight1733752000000 } from '../../../migrations/1733752000000-fora-regional-oversight';
import { ForaMinutesReferralsRoleSeats1733770000000 } from '../../../migrations/1733770000000-fora-minutes-referrals-role-seats';
import { ForaTermDatesByYear1733830000000 } from '../../../migrations/1733830000000-fora-term-dates-by-year';
import * as entities from '../../entities/fora';
import { seedFora } from '../../seed/fora';
import { entitiesIn, FeatureData } from '../feature';

/** Collaboration fora (TST and the teams, networks and groups of 003/004): kinds as data, meetings, consent, compliance, service load, calendar feeds. */
export const foraData: FeatureData = {
  name: 'fora',
  entities: entitiesIn(entities),
  migrations: [
    Fora1732600000000,
    ForaRuleVersions1733751000000,
    ForaRegionalOversight1733752000000,
    ForaMinutesReferralsRoleSeats1733770000000,
    ForaTermDatesByYear1733830000000,
    ForaAttendanceAgendaForumIndex1733856000000,
  ],
  seed: seedFora,
};
