import { registerEnumType } from 'type-graphql';

export enum ForumPlacement {
  UNIT = 'UNIT',
  UNIT_GROUP = 'UNIT_GROUP',
  MUNICIPALITY = 'MUNICIPALITY',
  REGION = 'REGION',
}
registerEnumType(ForumPlacement, {
  name: 'ForumPlacement',
  description: 'Where a forum sits: one unit (a TST at a school), a group of units (a network), a municipality, or the region across municipalities.',
});

export enum ForumLeadership {
  FIXED = 'FIXED',
  ROTATING = 'ROTATING',
}
registerEnumType(ForumLeadership, { name: 'ForumLeadership', description: 'FIXED = one leader until changed; ROTATING = leadership passes to another member every `rotationMonths`.' });

export enum ForumAttendanceDuty {
  MANDATORY = 'MANDATORY',
  ON_DEMAND = 'ON_DEMAND',
}
registerEnumType(ForumAttendanceDuty, { name: 'ForumAttendanceDuty', description: 'MANDATORY = møteplikt (attends every meeting); ON_DEMAND = joins when needed.' });

export enum CadencePeriod {
  AUTUMN_TERM = 'AUTUMN_TERM',
  SPRING_TERM = 'SPRING_TERM',
  MONTH = 'MONTH',
  HALF_YEAR = 'HALF_YEAR',
  YEAR = 'YEAR',
}
registerEnumType(CadencePeriod, {
  name: 'CadencePeriod',
  description:
    'The window a cadence rule counts meetings in. Terms as configured for the region (default autumn 1 Aug–31 Dec, spring 1 Jan–30 Jun); MONTH counts only months that overlap a term; HALF_YEAR and YEAR are calendar periods.',
});

export enum UnitSizeBand {
  ANY = 'ANY',
  BELOW_LARGE = 'BELOW_LARGE',
  LARGE = 'LARGE',
}
registerEnumType(UnitSizeBand, { name: 'UnitSizeBand', description: "Which units a cadence rule applies to: all, those below the kind's `largeUnitSize`, or those at or above it." });

export enum AgendaRequirement {
  EVERY_MEETING = 'EVERY_MEETING',
  EVERY_HALF_YEAR = 'EVERY_HALF_YEAR',
  OPTIONAL = 'OPTIONAL',
}
registerEnumType(AgendaRequirement, { name: 'AgendaRequirement', description: 'How often a template element must be on the agenda.' });

export enum ForumMeetingStatus {
  PLANNED = 'PLANNED',
  HELD = 'HELD',
  CANCELLED = 'CANCELLED',
}
registerEnumType(ForumMeetingStatus, { name: 'ForumMeetingStatus' });

export enum AttendanceStatus {
  PRESENT = 'PRESENT',
  ABSENT = 'ABSENT',
  EXCUSED = 'EXCUSED',
}
registerEnumType(AttendanceStatus, { name: 'AttendanceStatus', description: 'EXCUSED = absent with notice (meldt forfall).' });

export enum Weekday {
  MONDAY = 'MONDAY',
  TUESDAY = 'TUESDAY',
  WEDNESDAY = 'WEDNESDAY',
  THURSDAY = 'THURSDAY',
  FRIDAY = 'FRIDAY',
}
registerEnumType(Weekday, { name: 'Weekday' });
