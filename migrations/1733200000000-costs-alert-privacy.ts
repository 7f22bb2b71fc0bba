import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What owners read of an alert and its webhook deliveries, for rows written before the fix:
 * - an alert's message named the service's alert rule (`Rule "…".`), which is the service's own;
 *   the sentence goes (the rule stays linked by rule_id for the service);
 * - a delivery's last_error held the network's own error text (which address answered, how); it
 *   becomes one of the fixed phrases deliveries write now.
 * Data only; the old words are not kept, so `down` changes nothing back.
 */
export class CostsAlertPrivacy1733200000000 implements MigrationInterface {
  name = 'CostsAlertPrivacy1733200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`UPDATE cost_alert SET message = regexp_replace(message, ' Rule ".*"\\.$', '') WHERE message ~ ' Rule ".*"\\.$'`);
    await q.query(`UPDATE cost_alert_delivery SET last_error = 'the receiver answered HTTP ' || left(substring(last_error FROM 6), 1) || 'xx' WHERE last_error ~ '^HTTP \\d{3}$'`);
    await q.query(`UPDATE cost_alert_delivery SET last_error = 'no answer' WHERE last_error LIKE 'not reachable:%' OR last_error LIKE 'no answer within %'`);
  }

  async down(): Promise<void> {
    // Nothing to restore: the removed words are gone on purpose.
  }
}
