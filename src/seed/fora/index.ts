import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import type { RegionSeeder } from '../region-seeder';
import { AttendanceStatus, ForumMeetingStatus, ForumPlacement, UnitSizeBand } from '../../entities/fora/enums';
import { NewForumKind } from '../../services/fora/args';
import { osloToday } from '../../services/dates';
import { addDays, weekdayOf } from '../../services/fora/periods';
import { osloInstant } from '../../services/fora/time';
import { KINDS_BY_REGION } from './kinds';

/**
 * Demo fora: the kinds of 001/003/004 (kinds.ts), a TST at every unit with its members, last school
 * year's meetings with realistic gaps (some units below the minimum, absences, one short meeting,
 * open follow-ups), a few planned meetings ahead, and in Tynset one drøftingsteam and one network
 * (003); in Valdres an innsatsteam (004). Everything about meetings is ILLUSTRATIVE, and the data
 * says so: every forum's `notes`, every minutes text and case label. Member "names" are role titles.
 *
 * Meetings are written in the context of the forum's own leader (TST_LEADER of the unit, the
 * MUNICIPAL_DIRECTOR for municipal fora), as RLS requires; the seed's REGION_ADMIN context is
 * restored at the end.
 */

const ILLUSTRATIVE = 'ILLUSTRATIVE demo data: members are role titles; meetings, attendance and minutes are made up to show compliance.';

type Row = Record<string, unknown>;

/** Many rows in one statement (column names from the first row). */
async function insertRows(em: EntityManager, table: string, rows: Row[]): Promise<void> {
  if (!rows.length) return;
  const columns = Object.keys(rows[0]).join(', ');
  await em.query(`INSERT INTO ${table} (${columns}) SELECT ${columns} FROM json_populate_recordset(NULL::${table}, $1)`, [JSON.stringify(rows)]);
}

async function actAs(em: EntityManager, role: string, scope: { unit?: string; municipality?: string } = {}): Promise<void> {
  await em.query(`SELECT set_config('app.role', $1, true), set_config('app.unit_id', $2, true), set_config('app.municipality_id', $3, true)`, [role, scope.unit ?? '', scope.municipality ?? '']);
}

interface SeededKind {
  id: string;
  members: Map<string, string>;
  elements: Map<string, string>;
}

async function seedKinds(em: EntityManager, regionId: string, kinds: NewForumKind[]): Promise<Map<string, SeededKind>> {
  const out = new Map<string, SeededKind>();
  for (const k of kinds) {
    const id = randomUUID();
    await insertRows(em, 'forum_kind', [
      {
        id,
        region_id: regionId,
        code: k.code,
        name: k.name,
        description: k.description ?? null,
        source: k.source ?? null,
        notes: k.notes ?? null,
        placement: k.placement,
        required_unit_kinds: k.requiredUnitKinds ?? [],
        leadership: k.leadership,
        rotation_months: k.rotationMonths ?? null,
        leader_description: k.leaderDescription ?? null,
        min_meeting_minutes: k.minMeetingMinutes ?? null,
        large_unit_size: k.largeUnitSize ?? null,
        minutes_to_kind_id: k.minutesToKindCode ? out.get(k.minutesToKindCode)!.id : null,
        minutes_by_convener: k.minutesByConvener ?? false,
      },
    ]);
    const members = new Map(k.members.map((m) => [m.code, randomUUID()]));
    const elements = new Map(k.agendaElements.map((e) => [e.code, randomUUID()]));
    await insertRows(
      em,
      'forum_kind_member',
      k.members.map((m, position) => ({
        id: members.get(m.code),
        region_id: regionId,
        kind_id: id,
        position,
        code: m.code,
        name: m.name,
        attendance: m.attendance,
        service_kind: m.serviceKind ?? null,
        attendances_per_half_year: m.attendancesPerHalfYear ?? null,
      })),
    );
    await insertRows(
      em,
      'forum_kind_cadence',
      k.cadence.map((c, position) => ({
        region_id: regionId,
        kind_id: id,
        position,
        period: c.period,
        unit_size: c.unitSize ?? UnitSizeBand.ANY,
        min_meetings: c.minMeetings,
        max_meetings: c.maxMeetings ?? null,
      })),
    );
    await insertRows(
      em,
      'forum_kind_agenda_element',
      k.agendaElements.map((e, position) => ({
        id: elements.get(e.code),
        region_id: regionId,
        kind_id: id,
        position,
        code: e.code,
        title: e.title,
        description: e.description ?? null,
        required: e.required,
      })),
    );
    out.set(k.code, { id, members, elements });
  }
  return out;
}

interface SeatSpec {
  seat: string;
  person?: string;
  service?: string | null;
  onDemand?: boolean;
  from?: string;
  to?: string;
}

interface ForumSpec {
  kind: string;
  name: string;
  placement: ForumPlacement;
  municipalityId: string;
  unitId?: string;
  groupUnitIds?: string[];
  establishedOn: string;
  seats: SeatSpec[];
  /** Leader terms: index into seats, from, to. */
  leaders: { seat: number; from: string; to?: string }[];
}

interface MeetingSpec {
  date: string;
  status?: ForumMeetingStatus;
  minutes?: number;
  cancelReason?: string;
  /** Seat codes absent / excused. */
  absent?: string[];
  excused?: string[];
  /** Element codes covered (default: every element of the kind). */
  elements?: string[];
  followUpDone?: boolean;
  sentOn?: string | null;
  convener?: string;
}

interface SeededForum {
  id: string;
  memberships: { id: string; seat: string; from: string; to: string | null; onDemand: boolean }[];
}

async function seedForum(em: EntityManager, regionId: string, kinds: Map<string, SeededKind>, spec: ForumSpec): Promise<SeededForum> {
  const kind = kinds.get(spec.kind)!;
  const id = randomUUID();
  await insertRows(em, 'forum', [
    {
      id,
      region_id: regionId,
      kind_id: kind.id,
      placement: spec.placement,
      name: spec.name,
      municipality_id: spec.municipalityId,
      unit_id: spec.unitId ?? null,
      established_on: spec.establishedOn,
      notes: ILLUSTRATIVE,
      created_by: 'seed',
    },
  ]);
  await insertRows(
    em,
    'forum_unit',
    (spec.groupUnitIds ?? []).map((unitId) => ({ region_id: regionId, forum_id: id, unit_id: unitId })),
  );
  const memberships = spec.seats.map((s) => ({ id: randomUUID(), seat: s.seat, from: s.from ?? spec.establishedOn, to: s.to ?? null, onDemand: !!s.onDemand, spec: s }));
  await insertRows(
    em,
    'forum_membership',
    memberships.map((m) => ({
      id: m.id,
      region_id: regionId,
      forum_id: id,
      kind_id: kind.id,
      kind_member_id: kind.members.get(m.seat),
      person_name: m.spec.person ?? null,
      service_id: m.spec.service ?? null,
      attendance: m.onDemand ? 'ON_DEMAND' : 'MANDATORY',
      valid_from: m.from,
      valid_to: m.to,
      created_by: 'seed',
    })),
  );
  await insertRows(
    em,
    'forum_leader_term',
    spec.leaders.map((l) => ({ region_id: regionId, forum_id: id, membership_id: memberships[l.seat].id, valid_from: l.from, valid_to: l.to ?? null })),
  );
  return { id, memberships };
}

/** A weekday (Tuesday–Thursday) on or after `date`, moved `shift` days. */
function meetingDay(date: string, shift = 0): string {
  let d = addDays(date, shift);
  while (weekdayOf(d) < 2 || weekdayOf(d) > 4) d = addDays(d, 1);
  return d;
}

async function seedMeetings(em: EntityManager, regionId: string, kind: SeededKind, forum: SeededForum, meetings: MeetingSpec[], text: { caseLabel?: string; place: string | null }): Promise<void> {
  const base = (meetingId: string) => ({ region_id: regionId, forum_id: forum.id, meeting_id: meetingId });
  const rows: Record<string, Row[]> = {
    forum_meeting: [],
    forum_attendance: [],
    forum_agenda_section: [],
    forum_agenda_item: [],
    forum_minutes: [],
    forum_case_item: [],
    forum_follow_up: [],
    forum_follow_up_note: [],
  };
  const now = osloToday(new Date());
  const responsible = [...kind.members.keys()].filter((c) => ['ppt', 'barnevern', 'helsestasjon', 'enheten'].includes(c));
  meetings.forEach((m, i) => {
    const id = randomUUID();
    const status = m.status ?? (m.date < now ? ForumMeetingStatus.HELD : ForumMeetingStatus.PLANNED);
    const held = status === ForumMeetingStatus.HELD;
    rows.forum_meeting.push({
      id,
      region_id: regionId,
      forum_id: forum.id,
      starts_at: osloInstant(m.date, '12:30').toISOString(),
      planned_minutes: m.minutes ?? 150,
      actual_minutes: held ? (m.minutes ?? 150) : null,
      place: text.place,
      status,
      cancel_reason: m.cancelReason ?? null,
      sequence: status === ForumMeetingStatus.CANCELLED ? 1 : held ? 1 : 0,
      convened_by: held ? (m.convener ?? 'Møteleder') : null,
      minutes_written_by: held ? (m.convener ?? 'Møteleder') : null,
      minutes_sent_on: held && m.sentOn ? m.sentOn : null,
      created_by: 'seed',
      recorded_by: held ? 'seed' : null,
      recorded_at: held ? osloInstant(m.date, '16:00').toISOString() : null,
    });
    if (!held) return;
    for (const ms of forum.memberships) {
      if (ms.from > m.date || (ms.to !== null && ms.to < m.date)) continue;
      const attended = m.absent?.includes(ms.seat) ? AttendanceStatus.ABSENT : m.excused?.includes(ms.seat) ? AttendanceStatus.EXCUSED : AttendanceStatus.PRESENT;
      if (ms.onDemand && attended === AttendanceStatus.PRESENT && i % 3) continue; // on-demand members come now and then
      rows.forum_attendance.push({ ...base(id), membership_id: ms.id, status: attended });
    }
    const covered = (m.elements ?? [...kind.elements.keys()]).map((code) => kind.elements.get(code)!);
    rows.forum_agenda_section.push(...covered.map((elementId) => ({ ...base(id), kind_id: kind.id, element_id: elementId })));
    covered.forEach((elementId, position) => rows.forum_agenda_item.push({ ...base(id), position, element_id: elementId, title: `Punkt ${position + 1} (illustrativt)`, notes: null }));
    if (!covered.length) rows.forum_agenda_item.push({ ...base(id), position: 0, element_id: null, title: 'Drøfting av meldte saker (illustrativt)', notes: null });
    rows.forum_minutes.push({ ...base(id), text: `Illustrativt referat (demodata) fra møtet ${m.date}: gjennomgang av agendapunktene, avtalt oppfølging.` });
    if (text.caseLabel) {
      rows.forum_case_item.push({
        ...base(id),
        position: 0,
        element_id: covered[covered.length - 1] ?? null,
        label: text.caseLabel,
        summary: 'Bekymring drøftet anonymt; råd om tiltak på enheten (illustrativt).',
        consent_id: null,
      });
    }
    const followUpId = randomUUID();
    const due = addDays(m.date, 21);
    rows.forum_follow_up.push({
      id: followUpId,
      ...base(id),
      position: 0,
      kind_id: kind.id,
      responsible_member_id: responsible.length ? kind.members.get(responsible[i % responsible.length]) : [...kind.members.values()][0],
      responsible_service_id: null,
      due_on: due,
      done_on: m.followUpDone === false || due >= now ? null : addDays(due, -2),
    });
    rows.forum_follow_up_note.push({ region_id: regionId, forum_id: forum.id, follow_up_id: followUpId, description: 'Avtalt oppfølging (illustrativt)' });
  });
  for (const [table, list] of Object.entries(rows)) await insertRows(em, table, list);
}

interface SeedUnitRow {
  id: string;
  code: string;
  name: string;
  kind: string;
  size: number;
  municipality_id: string;
  number: string;
}

/** The start year of the last school year that is over (in July, the one that just ended). */
function lastSchoolYearStart(date: string): number {
  const year = Number(date.slice(0, 4));
  return Number(date.slice(5, 7)) >= 7 ? year - 1 : year - 2;
}

/** Gaps that make the demo's compliance worth reading (by unit code; ILLUSTRATIVE). */
const BELOW_MINIMUM_AUTUMN = new Set(['tolga-vingelen-barnehage', 'rendalen-ovre-rendal-skole']);
const BELOW_MINIMUM_SPRING = new Set(['tynset-kvikne-barnehage', 'sor-aurdal-bagn-barnehage']);
const CANCELLED_SPRING = new Set(['rendalen-ovre-rendal-barnehage']);
const SHORT_MEETING = 'folldal-barnehage';

function tstMeetings(unit: SeedUnitRow, i: number, y: number, large: boolean): MeetingSpec[] {
  const autumn = [`${y}-09-16`, `${y}-11-12`, ...(large ? [`${y}-10-14`, `${y}-12-02`] : [])];
  const spring = [`${y + 1}-01-27`, `${y + 1}-03-10`, `${y + 1}-05-19`, ...(large ? [`${y + 1}-02-17`, `${y + 1}-04-21`] : [])];
  if (BELOW_MINIMUM_AUTUMN.has(unit.code)) autumn.splice(1, 1);
  if (BELOW_MINIMUM_SPRING.has(unit.code)) spring.splice(2, 1);
  const dates = [...autumn, ...spring].map((d) => meetingDay(d, i % 3)).sort();
  return dates.map((date, n) => {
    const k = i + n;
    const cancelled = CANCELLED_SPRING.has(unit.code) && date.startsWith(`${y + 1}-03`);
    return {
      date,
      status: cancelled ? ForumMeetingStatus.CANCELLED : ForumMeetingStatus.HELD,
      cancelReason: cancelled ? 'Sykdom i personalgruppen (illustrativt)' : undefined,
      minutes: unit.code === SHORT_MEETING && n === 2 ? 105 : 150,
      absent: [...(k % 5 === 0 ? ['barnevern'] : []), ...((i * 3 + n) % 11 === 0 ? ['helsesykepleier'] : [])],
      excused: k % 7 === 3 ? ['ppt'] : [],
      elements: k % 6 === 0 ? ['enheten', 'veiledning'] : undefined,
      followUpDone: k % 8 !== 0,
    };
  });
}

/** Meetings ahead in the current term (and one cancelled), so the calendar feed shows something. */
function upcoming(i: number): MeetingSpec[] {
  const now = osloToday(new Date());
  return [
    { date: meetingDay(addDays(now, 10), i % 3), status: ForumMeetingStatus.PLANNED },
    { date: meetingDay(addDays(now, 24), i % 3), status: ForumMeetingStatus.CANCELLED, cancelReason: 'Kolliderer med foreldremøte (illustrativt)' },
    { date: meetingDay(addDays(now, 38), i % 3), status: ForumMeetingStatus.PLANNED },
  ];
}

export const seedFora: RegionSeeder = async (em, region) => {
  const kindDefs = KINDS_BY_REGION[region.code] ?? [];
  if (!kindDefs.length) return;
  const regionId = region.id;
  const kinds = await seedKinds(em, regionId, kindDefs);
  const units: SeedUnitRow[] = await em.query(
    `SELECT u.id, u.code, u.name, u.kind, u.size, u.municipality_id, m.number FROM unit u JOIN municipality m ON m.id = u.municipality_id WHERE u.region_id = $1 ORDER BY m.number, u.name`,
    [regionId],
  );
  const serviceRows: { id: string; kind: string }[] = await em.query(`SELECT id, kind FROM shared_service WHERE region_id = $1`, [regionId]);
  const service = (kind: string) => serviceRows.find((s) => s.kind === kind)?.id ?? null;
  const y = lastSchoolYearStart(osloToday(new Date()));
  const established = `${y}-08-01`;
  const tst = kinds.get('tst')!;
  const large = kindDefs.find((k) => k.code === 'tst')!.largeUnitSize!;

  const tstOf = new Map<string, string>();
  for (const [i, unit] of units.entries()) {
    const head = unit.kind === 'KINDERGARTEN' ? 'Styrer' : 'Rektor';
    const seats: SeatSpec[] = [
      { seat: 'enheten', person: head },
      ...(unit.code === 'folldal-skole'
        ? [
            { seat: 'ppt', person: 'PPT-rådgiver A', service: service('PPT'), to: `${y}-12-31` },
            { seat: 'ppt', person: 'PPT-rådgiver B', service: service('PPT'), from: `${y + 1}-01-01` },
          ]
        : [{ seat: 'ppt', person: service('PPT') ? undefined : 'PPT-rådgiver', service: service('PPT') }]),
      { seat: 'helsesykepleier', person: 'Helsesykepleier' },
      { seat: 'barnevern', service: service('BARNEVERN') },
      ...(service('NAV') ? [{ seat: 'nav', service: service('NAV'), onDemand: true }] : []),
    ];
    await actAs(em, 'REGION_ADMIN');
    const forum = await seedForum(em, regionId, kinds, {
      kind: 'tst',
      name: `TST ${unit.name}`,
      placement: ForumPlacement.UNIT,
      municipalityId: unit.municipality_id,
      unitId: unit.id,
      establishedOn: established,
      seats,
      leaders: [{ seat: 0, from: established }],
    });
    tstOf.set(unit.code, forum.id);
    await actAs(em, 'TST_LEADER', { unit: unit.id });
    await seedMeetings(em, regionId, tst, forum, [...tstMeetings(unit, i, y, unit.size >= large), ...upcoming(i)], {
      caseLabel: unit.kind === 'KINDERGARTEN' ? 'Barn, 4 år (anonymt)' : 'Elev, 5. trinn (anonymt)',
      place: unit.name,
    });
  }

  const tynset = units.find((u) => u.number === '3427');
  if (tynset && kinds.has('droftingsteam')) {
    await actAs(em, 'REGION_ADMIN');
    const team = await seedForum(em, regionId, kinds, {
      kind: 'droftingsteam',
      name: 'Drøftingsteam for barn og unge, Tynset',
      placement: ForumPlacement.MUNICIPALITY,
      municipalityId: tynset.municipality_id,
      establishedOn: established,
      seats: [
        { seat: 'helsestasjon', person: 'Teamleder (helsesykepleier)' },
        { seat: 'ppt', service: service('PPT') },
        { seat: 'psykisk-helse', person: 'Psykisk helse og rus' },
        { seat: 'barnevern', service: service('BARNEVERN') },
        { seat: 'ergo-fysio', person: 'Fysioterapeut' },
        { seat: 'nav', service: service('NAV') },
        { seat: 'helse-velferd', person: 'Helse- og velferdskontoret' },
      ],
      leaders: [{ seat: 0, from: established }],
    });
    const teamDates: string[] = [];
    for (let month = 0; month < 11; month++) {
      const first = `${y + Math.floor((7 + month) / 12)}-${String(((7 + month) % 12) + 1).padStart(2, '0')}-05`;
      const count = first.startsWith(`${y}-10`) ? 1 : first.startsWith(`${y + 1}-03`) ? 5 : 2;
      for (let n = 0; n < count; n++) teamDates.push(meetingDay(first, n * 5));
    }
    await actAs(em, 'MUNICIPAL_DIRECTOR', { municipality: tynset.municipality_id });
    await seedMeetings(
      em,
      regionId,
      kinds.get('droftingsteam')!,
      team,
      teamDates.map((date, n) => ({ date, minutes: 90, absent: n % 4 === 1 ? ['barnevern'] : [], excused: n % 6 === 2 ? ['nav'] : [] })),
      { place: 'Tynset rådhus', caseLabel: 'Sak meldt fra skole (anonymt)' },
    );
    // 003: a case referred from a school's team to the drøftingsteam after measures were tried, anonymously; the team accepted it.
    const school = units.find((u) => u.code === 'tynset-barneskole');
    const schoolTst = school && tstOf.get(school.code);
    if (school && schoolTst) {
      const referralId = randomUUID();
      const referredOn = meetingDay(`${y}-10-20`);
      await actAs(em, 'TST_LEADER', { unit: school.id });
      await insertRows(em, 'forum_case_referral', [
        {
          id: referralId,
          region_id: regionId,
          from_forum_id: schoolTst,
          to_forum_id: team.id,
          referred_on: referredOn,
          label: 'Elev, 4. trinn (anonymt, illustrativt)',
          summary: 'Illustrativt (demodata): uro og fravær over tid.',
          measures_tried: 'Illustrativt: samtaler med helsesykepleier og tilpasset opplæring i ti uker.',
          referred_by: 'seed',
        },
      ]);
      await actAs(em, 'MUNICIPAL_DIRECTOR', { municipality: tynset.municipality_id });
      await em.query(`UPDATE forum_case_referral SET outcome = 'ACCEPTED', outcome_on = $2, outcome_text = $3, outcome_by = 'seed' WHERE id = $1`, [
        referralId,
        addDays(referredOn, 7),
        'Illustrativt: tas opp i drøftingsteamet.',
      ]);
    }

    await actAs(em, 'REGION_ADMIN');
    const groupCodes = ['tynset-barneskole', 'tynset-ungdomsskole', 'tynset-haugen-barnehage', 'tynset-sentrum-barnehage'];
    const networkFrom = `${y - 1}-08-01`;
    const network = await seedForum(em, regionId, kinds, {
      kind: 'tverrfaglig-nettverk',
      name: 'Tverrfaglig nettverk Tynset sentrum',
      placement: ForumPlacement.UNIT_GROUP,
      municipalityId: tynset.municipality_id,
      groupUnitIds: units.filter((u) => groupCodes.includes(u.code)).map((u) => u.id),
      establishedOn: networkFrom,
      seats: [
        { seat: 'skoler-barnehager', person: 'Rektor, Tynset ungdomsskole' },
        { seat: 'helsestasjon', person: 'Helsesykepleier' },
        { seat: 'ppt', service: service('PPT') },
        { seat: 'psykisk-helse', person: 'Psykisk helse og rus' },
        { seat: 'ergo-fysio', person: 'Fysioterapeut' },
        { seat: 'slt', person: 'SLT-koordinator', onDemand: true },
      ],
      leaders: [
        { seat: 0, from: networkFrom, to: `${y}-07-31` },
        { seat: 1, from: `${y}-08-01` },
      ],
    });
    const networkMeetings: MeetingSpec[] = [
      { date: meetingDay(`${y}-02-10`), elements: [], sentOn: `${y}-02-20` },
      { date: meetingDay(`${y}-05-12`), elements: ['slt'], sentOn: `${y}-05-20` },
      { date: meetingDay(`${y}-09-15`), elements: [], sentOn: `${y}-09-25` },
      { date: meetingDay(`${y}-11-17`), elements: [], sentOn: `${y}-11-27` },
      { date: meetingDay(`${y + 1}-02-09`), elements: ['slt'], sentOn: `${y + 1}-02-19` },
      { date: meetingDay(`${y + 1}-05-11`), elements: [], sentOn: null },
    ].map((m) => ({ ...m, minutes: 120 }));
    await actAs(em, 'MUNICIPAL_DIRECTOR', { municipality: tynset.municipality_id });
    await seedMeetings(em, regionId, kinds.get('tverrfaglig-nettverk')!, network, networkMeetings, { place: 'Tynset ungdomsskole' });
  }

  const sorAurdal = units.find((u) => u.number === '3449');
  if (sorAurdal && kinds.has('innsatsteam')) {
    await actAs(em, 'REGION_ADMIN');
    const team = await seedForum(em, regionId, kinds, {
      kind: 'innsatsteam',
      name: 'Tverrfaglig innsatsteam for barn og unge, Sør-Aurdal',
      placement: ForumPlacement.MUNICIPALITY,
      municipalityId: sorAurdal.municipality_id,
      establishedOn: established,
      seats: [
        { seat: 'kommunepsykolog', person: 'Kommunepsykolog' },
        { seat: 'helsestasjon', person: 'Helsesykepleier' },
        { seat: 'barnevern', service: service('BARNEVERN') },
        { seat: 'ppt-bup', person: 'PPT-rådgiver' },
        { seat: 'skole-barnehage', person: 'Rektor, Bagn skule' },
      ],
      leaders: [{ seat: 0, from: established }],
    });
    const dates = ['09', '10', '11', '12', '02', '03', '04', '05', '06'].map((mm, n) => meetingDay(`${n < 4 ? y : y + 1}-${mm}-08`));
    await actAs(em, 'MUNICIPAL_DIRECTOR', { municipality: sorAurdal.municipality_id });
    await seedMeetings(
      em,
      regionId,
      kinds.get('innsatsteam')!,
      team,
      dates.map((date, n) => ({ date, minutes: 90, convener: 'Kommunepsykolog', absent: n % 5 === 4 ? ['barnevern'] : [] })),
      { place: 'Bagn', caseLabel: 'Sak meldt med samtykke fra foresatte, drøftet anonymt' },
    );
  }
  await actAs(em, 'REGION_ADMIN');
};
