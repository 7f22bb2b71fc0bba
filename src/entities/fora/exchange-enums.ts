import { registerEnumType } from 'type-graphql';

/** A role a member holds in a forum, by which a seat of another forum can be defined (003: "leder av tverrfaglig samarbeidsgruppe" sits in the SLT steering group). */
export enum ForumRole {
  LEADER = 'LEADER',
}
registerEnumType(ForumRole, { name: 'ForumRole', description: 'LEADER = whoever leads the forum on the day (its leader term).' });

/** Where a referred case stands, as the receiving forum records it. */
export enum ForumReferralOutcome {
  PENDING = 'PENDING',
  ACCEPTED = 'ACCEPTED',
  DECLINED = 'DECLINED',
  CONCLUDED = 'CONCLUDED',
}
registerEnumType(ForumReferralOutcome, {
  name: 'ForumReferralOutcome',
  description: 'PENDING (not yet answered); ACCEPTED (taken up) then CONCLUDED (done with); or DECLINED (not taken up). Recorded by the receiving forum.',
});
