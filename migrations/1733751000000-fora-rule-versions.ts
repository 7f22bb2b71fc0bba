import { MigrationInterface, QueryRunner } from 'typeorm';
import { enableTenantRls, inRegion, regionAdmin } from './rls';

/**
 * A forum kind's rules are versioned from a date (issue 21): the rules a report judges by are those
 * in force then, not today's.
 *
 * - `forum_kind.rules_valid_from`: the first day the kind's current rules (its columns below and its
 *   `forum_kind_cadence` rows) are in force. Existing kinds (and kinds the demo seed writes) have
 *   2000-01-01, the first day a report period can name; `createForumKind` sets the date the caller
 *   gives, by default the day of creation (Oslo).
 * - `forum_kind.min_days_between_meetings`: a new rule, the shortest spacing between two meetings of
 *   a forum of the kind; used to tell whether a term can still reach its minimum (AT_RISK).
 * - `forum_kind_rule_version`: the rules a kind had BEFORE its current ones, each in force from its
 *   `valid_from` to the day before the next version's (or the kind's `rules_valid_from`). Written by
 *   `updateForumKind` when it changes a rule from a later date; never changed afterwards.
 *
 * RLS: as the kind's other rows (read in the region, written by the REGION_ADMIN).
 */
export class ForaRuleVersions1733751000000 implements MigrationInterface {
  name = 'ForaRuleVersions1733751000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE forum_kind
      ADD COLUMN rules_valid_from date NOT NULL DEFAULT '2000-01-01',
      ADD COLUMN min_days_between_meetings int CHECK (min_days_between_meetings BETWEEN 1 AND 366)`);
    await q.query(`CREATE TABLE forum_kind_rule_version (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      region_id uuid NOT NULL REFERENCES region(id),
      kind_id uuid NOT NULL,
      valid_from date NOT NULL,
      cadence jsonb NOT NULL CHECK (jsonb_typeof(cadence) = 'array'),
      required_unit_kinds text[] NOT NULL DEFAULT '{}',
      leadership text NOT NULL CHECK (leadership IN ('FIXED', 'ROTATING')),
      rotation_months int CHECK (rotation_months > 0),
      min_meeting_minutes int CHECK (min_meeting_minutes > 0),
      large_unit_size int CHECK (large_unit_size > 0),
      min_days_between_meetings int CHECK (min_days_between_meetings BETWEEN 1 AND 366),
      created_by text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (kind_id, valid_from),
      FOREIGN KEY (region_id, kind_id) REFERENCES forum_kind(region_id, id) ON DELETE CASCADE
    )`);
    await enableTenantRls(q, 'forum_kind_rule_version', { read: inRegion, write: regionAdmin });
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE forum_kind_rule_version`);
    await q.query(`ALTER TABLE forum_kind DROP COLUMN min_days_between_meetings, DROP COLUMN rules_valid_from`);
  }
}
