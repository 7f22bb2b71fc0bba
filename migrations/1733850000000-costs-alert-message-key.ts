import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An alert's text in the reader's language (issue 22): each new alert stores the key of its message
 * in the catalogues (src/i18n) and its params, and the API renders it in the reader's language
 * (`CostAlert.message`); the webhook body carries it in the deployment's default language with the
 * key and params. `message` stays: the English text, written as before, and for alerts raised before
 * this migration (no key) what every reader gets. Old rows are not rewritten: their key and params
 * cannot be told from the stored sentence safely (a service or category name may hold any text).
 */
export class CostsAlertMessageKey1733850000000 implements MigrationInterface {
  name = 'CostsAlertMessageKey1733850000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE cost_alert
      ADD COLUMN message_key text CHECK (message_key ~ '^costs\\.alert\\.[A-Za-z]+$'),
      ADD COLUMN message_params jsonb CHECK (jsonb_typeof(message_params) = 'object' AND pg_column_size(message_params) <= 4000),
      ADD CONSTRAINT cost_alert_message_key_with_params CHECK ((message_key IS NULL) = (message_params IS NULL))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE cost_alert DROP CONSTRAINT cost_alert_message_key_with_params, DROP COLUMN message_params, DROP COLUMN message_key`);
  }
}
