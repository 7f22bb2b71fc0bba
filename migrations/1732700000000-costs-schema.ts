import { MigrationInterface, QueryRunner } from 'typeorm';
import { and, enableTenantRls, hasRole, inRegion, or, ownMunicipality, ownService, regionAdmin } from './rls-v1';

/**
 * Monthly cost reports to the owner municipalities (seed 001, "Samhandling med eierkommunene"):
 * cost categories mapped to KOSTRA funksjon/art (per region), dated cost agreements (allocation
 * key) per shared service, budgets with a monthly profile, the host's ledger entries (append-only),
 * cost reports in immutable published versions, alert rules, alerts, and their webhook deliveries.
 *
 * RLS, on top of the service checks (docs/costs.md):
 * - configuration (categories, agreements): read by every cost role of the region; categories
 *   written by REGION_ADMIN, agreements by REGION_ADMIN or the service's HOST_FINANCE.
 * - budgets, ledger, alert rules: the service's SERVICE_LEADER and HOST_FINANCE read, HOST_FINANCE
 *   writes. Ledger entries are append-only: no UPDATE or DELETE policy, no grant.
 * - reports: the service's leader and host finance read every version and line; MUNICIPAL_DIRECTOR,
 *   MUNICIPAL_FINANCE and AUDITOR of an owner municipality read PUBLISHED versions, and of their
 *   lines only their own municipality's and the totals. A published version has no UPDATE or DELETE
 *   policy (only DRAFT rows match), and a trigger refuses the change even to the table owner.
 * - alerts and deliveries: the service's roles and the municipality concerned; only the
 *   municipality's director or finance may acknowledge (a column-level grant: nothing else changes).
 * - webhooks: the municipality's director and finance; the sending HOST_FINANCE of a service the
 *   municipality owns reads it too (it signs with the secret).
 *
 * The webhook job queue (graphile-worker) lives in its own schema `graphile_worker`, installed by
 * its own migrator (src/jobs/queue.ts); the API role has no privilege there. A delivery row enqueues
 * its job in the same transaction through a SECURITY DEFINER trigger, so an alert that is committed
 * always has its job, and one that is rolled back never has one.
 */
export class CostsSchema1732700000000 implements MigrationInterface {
  name = 'CostsSchema1732700000000';

  async up(q: QueryRunner): Promise<void> {
    const period = (column: string) => `${column} text NOT NULL CHECK (${column} ~ '^20[0-9]{2}-(0[1-9]|1[0-2])$')`;
    const ore = (column: string, nullable = false) => `${column} bigint ${nullable ? '' : 'NOT NULL'} CHECK (abs(${column}) <= 1000000000000000)`;
    const digits3 = (column: string) => `${column} text NOT NULL CHECK (${column} ~ '^[0-9]{3}$')`;

    await q.query(`CREATE TABLE cost_category (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      region_id uuid NOT NULL REFERENCES region(id),
      code text NOT NULL CHECK (code ~ '^[a-z0-9][a-z0-9-]{0,39}$'),
      name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
      description text CHECK (length(description) <= 2000),
      position int NOT NULL DEFAULT 0 CHECK (position BETWEEN 0 AND 10000),
      UNIQUE (region_id, code),
      UNIQUE (region_id, id)
    )`);
    await q.query(`CREATE TABLE cost_category_account (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      region_id uuid NOT NULL REFERENCES region(id),
      category_id uuid NOT NULL,
      ${digits3('funksjon')},
      ${digits3('art_from')},
      ${digits3('art_to')},
      CHECK (art_from <= art_to),
      FOREIGN KEY (region_id, category_id) REFERENCES cost_category(region_id, id) ON DELETE CASCADE,
      -- A ledger line (funksjon, art) belongs to at most one category of the region.
      CONSTRAINT cost_category_account_no_overlap EXCLUDE USING gist (region_id WITH =, funksjon WITH =, int4range(art_from::int, art_to::int, '[]') WITH &&)
    )`);
    await q.query(`CREATE INDEX cost_category_account_category_idx ON cost_category_account (category_id)`);

    await q.query(`CREATE TABLE cost_agreement (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      region_id uuid NOT NULL REFERENCES region(id),
      service_id uuid NOT NULL,
      valid_from date NOT NULL CHECK (extract(day FROM valid_from) = 1),
      valid_to date CHECK (valid_to >= valid_from AND extract(day FROM valid_to + 1) = 1),
      equal_share_bp int NOT NULL CHECK (equal_share_bp BETWEEN 0 AND 10000),
      population_share_bp int NOT NULL CHECK (population_share_bp BETWEEN 0 AND 10000),
      note text CHECK (length(note) <= 2000),
      created_at timestamptz NOT NULL DEFAULT now(),
      created_by text NOT NULL,
      CHECK (equal_share_bp + population_share_bp = 10000),
      UNIQUE (region_id, id),
      FOREIGN KEY (region_id, service_id) REFERENCES shared_service(region_id, id),
      CONSTRAINT cost_agreement_no_overlap EXCLUDE USING gist (service_id WITH =, daterange(valid_from, valid_to, '[]') WITH &&)
    )`);
    await q.query(`CREATE TABLE cost_agreement_direct_category (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      region_id uuid NOT NULL REFERENCES region(id),
      agreement_id uuid NOT NULL,
      category_id uuid NOT NULL,
      UNIQUE (agreement_id, category_id),
      FOREIGN KEY (region_id, agreement_id) REFERENCES cost_agreement(region_id, id) ON DELETE CASCADE,
      FOREIGN KEY (region_id, category_id) REFERENCES cost_category(region_id, id)
    )`);

    // A monthly profile: 12 non-negative weights with a positive sum (the budget is split by them).
    await q.query(`CREATE FUNCTION cost_profile_is_valid(p int[]) RETURNS boolean LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
      $$ SELECT cardinality(p) = 12 AND array_ndims(p) = 1
                AND NOT EXISTS (SELECT 1 FROM unnest(p) AS x WHERE x IS NULL OR x < 0 OR x > 1000000)
                AND (SELECT sum(x) FROM unnest(p) AS x) > 0 $$`);
    await q.query(`CREATE TABLE cost_budget (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      region_id uuid NOT NULL REFERENCES region(id),
      service_id uuid NOT NULL,
      category_id uuid NOT NULL,
      year int NOT NULL CHECK (year BETWEEN 2000 AND 2100),
      ${ore('amount_ore')},
      monthly_profile int[] NOT NULL CHECK (cost_profile_is_valid(monthly_profile)),
      note text CHECK (length(note) <= 2000),
      updated_at timestamptz NOT NULL DEFAULT now(),
      updated_by text NOT NULL,
      UNIQUE (service_id, year, category_id),
      FOREIGN KEY (region_id, service_id) REFERENCES shared_service(region_id, id),
      FOREIGN KEY (region_id, category_id) REFERENCES cost_category(region_id, id)
    )`);

    await q.query(`CREATE TABLE ledger_entry (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      region_id uuid NOT NULL REFERENCES region(id),
      service_id uuid NOT NULL,
      voucher text NOT NULL CHECK (voucher ~ '^[A-Za-z0-9][A-Za-z0-9._/-]{0,39}$'),
      voucher_line int NOT NULL CHECK (voucher_line BETWEEN 1 AND 1000000),
      posting_date date NOT NULL CHECK (posting_date BETWEEN '2000-01-01' AND '2100-12-31'),
      account text NOT NULL CHECK (account ~ '^[A-Za-z0-9][A-Za-z0-9.-]{0,39}$'),
      ${digits3('art')},
      ${digits3('funksjon')},
      ${ore('amount_ore')},
      municipality_id uuid,
      category_id uuid NOT NULL,
      imported_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (service_id, voucher, voucher_line),
      FOREIGN KEY (region_id, service_id) REFERENCES shared_service(region_id, id),
      FOREIGN KEY (region_id, municipality_id) REFERENCES municipality(region_id, id),
      FOREIGN KEY (region_id, category_id) REFERENCES cost_category(region_id, id)
    )`);
    await q.query(`CREATE INDEX ledger_entry_service_date_idx ON ledger_entry (service_id, posting_date)`);

    await q.query(`CREATE TABLE cost_report (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      region_id uuid NOT NULL REFERENCES region(id),
      service_id uuid NOT NULL,
      ${period('period')},
      version int NOT NULL CHECK (version >= 1),
      status text NOT NULL DEFAULT 'DRAFT' CHECK (status IN ('DRAFT', 'PUBLISHED')),
      supersedes_id uuid,
      correction_reason text CHECK (length(correction_reason) BETWEEN 1 AND 2000),
      agreement_id uuid NOT NULL,
      population_year int NOT NULL CHECK (population_year BETWEEN 2000 AND 2100),
      owner_municipality_ids uuid[] NOT NULL CHECK (cardinality(owner_municipality_ids) >= 1),
      forecast_method text NOT NULL CHECK (forecast_method IN ('RUN_RATE_BUDGET_PROFILE')),
      content_sha256 text NOT NULL CHECK (content_sha256 ~ '^[0-9a-f]{64}$'),
      note text CHECK (length(note) <= 2000),
      prepared_at timestamptz NOT NULL DEFAULT now(),
      prepared_by text NOT NULL,
      published_at timestamptz,
      published_by text,
      CHECK ((version = 1) = (supersedes_id IS NULL)),
      CHECK ((supersedes_id IS NULL) = (correction_reason IS NULL)),
      CHECK ((status = 'PUBLISHED') = (published_at IS NOT NULL AND published_by IS NOT NULL)),
      UNIQUE (service_id, period, version),
      UNIQUE (region_id, id),
      UNIQUE (region_id, service_id, id),
      UNIQUE (region_id, service_id, period, id),
      FOREIGN KEY (region_id, service_id) REFERENCES shared_service(region_id, id),
      FOREIGN KEY (region_id, agreement_id) REFERENCES cost_agreement(region_id, id),
      -- A correction supersedes a version of the same service and month.
      FOREIGN KEY (region_id, service_id, period, supersedes_id) REFERENCES cost_report(region_id, service_id, period, id)
    )`);
    await q.query(`CREATE UNIQUE INDEX cost_report_one_draft_idx ON cost_report (service_id, period) WHERE status = 'DRAFT'`);
    await q.query(`CREATE INDEX cost_report_service_period_idx ON cost_report (service_id, period DESC, version DESC)`);

    await q.query(`CREATE TABLE cost_report_line (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      region_id uuid NOT NULL REFERENCES region(id),
      service_id uuid NOT NULL,
      report_id uuid NOT NULL,
      municipality_id uuid,
      category_id uuid,
      position int NOT NULL CHECK (position >= 0),
      population int CHECK (population >= 0),
      share_ppm int CHECK (share_ppm BETWEEN 0 AND 1000000),
      ${ore('budget_year_ore')},
      ${ore('budget_ytd_ore')},
      ${ore('actual_ytd_ore')},
      forecast_ore bigint NOT NULL,
      deviation_ore bigint NOT NULL,
      deviation_bp int,
      CHECK (deviation_ore = actual_ytd_ore - budget_ytd_ore),
      CHECK ((deviation_bp IS NULL) = (budget_ytd_ore = 0)),
      UNIQUE NULLS NOT DISTINCT (report_id, municipality_id, category_id),
      FOREIGN KEY (region_id, service_id, report_id) REFERENCES cost_report(region_id, service_id, id) ON DELETE CASCADE,
      FOREIGN KEY (region_id, municipality_id) REFERENCES municipality(region_id, id),
      FOREIGN KEY (region_id, category_id) REFERENCES cost_category(region_id, id)
    )`);
    await q.query(`CREATE INDEX cost_report_line_report_idx ON cost_report_line (report_id, position)`);

    await q.query(`CREATE TABLE cost_alert_rule (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      region_id uuid NOT NULL REFERENCES region(id),
      service_id uuid NOT NULL,
      name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
      basis text NOT NULL CHECK (basis IN ('BUDGET', 'PREVIOUS_REPORT')),
      threshold_bp int CHECK (threshold_bp BETWEEN 1 AND 1000000),
      threshold_ore bigint CHECK (threshold_ore BETWEEN 1 AND 1000000000000000),
      municipality_id uuid,
      category_id uuid,
      active boolean NOT NULL DEFAULT true,
      created_at timestamptz NOT NULL DEFAULT now(),
      created_by text NOT NULL,
      CHECK (threshold_bp IS NOT NULL OR threshold_ore IS NOT NULL),
      UNIQUE (region_id, id),
      UNIQUE (region_id, service_id, id),
      FOREIGN KEY (region_id, service_id) REFERENCES shared_service(region_id, id),
      FOREIGN KEY (region_id, municipality_id) REFERENCES municipality(region_id, id),
      FOREIGN KEY (region_id, category_id) REFERENCES cost_category(region_id, id)
    )`);
    await q.query(`CREATE TABLE cost_alert (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      region_id uuid NOT NULL REFERENCES region(id),
      service_id uuid NOT NULL,
      municipality_id uuid NOT NULL,
      category_id uuid NOT NULL,
      rule_id uuid NOT NULL,
      ${period('period')},
      source text NOT NULL CHECK (source IN ('IMPORT', 'PUBLICATION')),
      report_id uuid,
      basis text NOT NULL CHECK (basis IN ('BUDGET', 'PREVIOUS_REPORT')),
      compared_ore bigint NOT NULL,
      actual_ore bigint NOT NULL,
      deviation_ore bigint NOT NULL,
      deviation_bp int,
      message text NOT NULL CHECK (length(message) BETWEEN 1 AND 2000),
      raised_at timestamptz NOT NULL DEFAULT now(),
      acknowledged_at timestamptz,
      acknowledged_by text,
      CHECK (deviation_ore = actual_ore - compared_ore),
      CHECK ((source = 'PUBLICATION') = (report_id IS NOT NULL)),
      CHECK ((acknowledged_at IS NULL) = (acknowledged_by IS NULL)),
      -- One alert per rule, municipality, category and month: crossing it again says nothing new.
      UNIQUE (rule_id, municipality_id, category_id, period),
      UNIQUE (region_id, id),
      FOREIGN KEY (region_id, service_id) REFERENCES shared_service(region_id, id),
      FOREIGN KEY (region_id, municipality_id) REFERENCES municipality(region_id, id),
      FOREIGN KEY (region_id, category_id) REFERENCES cost_category(region_id, id),
      FOREIGN KEY (region_id, service_id, rule_id) REFERENCES cost_alert_rule(region_id, service_id, id),
      FOREIGN KEY (region_id, service_id, report_id) REFERENCES cost_report(region_id, service_id, id)
    )`);
    await q.query(`CREATE INDEX cost_alert_service_idx ON cost_alert (service_id, raised_at DESC)`);
    await q.query(`CREATE INDEX cost_alert_municipality_idx ON cost_alert (municipality_id, raised_at DESC)`);

    await q.query(`CREATE TABLE cost_webhook (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      region_id uuid NOT NULL REFERENCES region(id),
      municipality_id uuid NOT NULL UNIQUE,
      url text NOT NULL CHECK (url ~ '^https?://[^\\s]+$' AND length(url) <= 2000),
      secret text NOT NULL CHECK (secret ~ '^whsec_[A-Za-z0-9+/=]{24,200}$'),
      active boolean NOT NULL DEFAULT true,
      updated_at timestamptz NOT NULL DEFAULT now(),
      updated_by text NOT NULL,
      UNIQUE (region_id, id),
      FOREIGN KEY (region_id, municipality_id) REFERENCES municipality(region_id, id)
    )`);
    await q.query(`CREATE TABLE cost_alert_delivery (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      region_id uuid NOT NULL REFERENCES region(id),
      service_id uuid NOT NULL,
      municipality_id uuid NOT NULL,
      alert_id uuid NOT NULL,
      webhook_id uuid NOT NULL,
      url text NOT NULL,
      status text NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'DELIVERED', 'FAILED', 'CANCELLED')),
      attempts int NOT NULL DEFAULT 0 CHECK (attempts >= 0),
      last_attempt_at timestamptz,
      last_status int,
      last_error text CHECK (length(last_error) <= 500),
      delivered_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      CHECK ((status = 'DELIVERED') = (delivered_at IS NOT NULL)),
      UNIQUE (alert_id, webhook_id),
      FOREIGN KEY (region_id, alert_id) REFERENCES cost_alert(region_id, id),
      FOREIGN KEY (region_id, webhook_id) REFERENCES cost_webhook(region_id, id),
      FOREIGN KEY (region_id, service_id) REFERENCES shared_service(region_id, id),
      FOREIGN KEY (region_id, municipality_id) REFERENCES municipality(region_id, id)
    )`);

    // Published versions never change, not even for the table owner (RLS already gives the API no
    // policy for it): the second guard.
    await q.query(`CREATE FUNCTION cost_report_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF OLD.status = 'PUBLISHED' THEN
          RAISE EXCEPTION 'cost report % version % is published and cannot change', OLD.period, OLD.version USING ERRCODE = 'check_violation';
        END IF;
        RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
      END $$`);
    await q.query(`CREATE TRIGGER cost_report_immutable BEFORE UPDATE OR DELETE ON cost_report FOR EACH ROW EXECUTE FUNCTION cost_report_refuse_change()`);
    await q.query(`CREATE FUNCTION cost_report_line_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'UPDATE' OR EXISTS (SELECT 1 FROM cost_report WHERE id = OLD.report_id AND status = 'PUBLISHED') THEN
          RAISE EXCEPTION 'lines of a published cost report cannot change' USING ERRCODE = 'check_violation';
        END IF;
        RETURN OLD;
      END $$`);
    await q.query(`CREATE TRIGGER cost_report_line_immutable BEFORE UPDATE OR DELETE ON cost_report_line FOR EACH ROW EXECUTE FUNCTION cost_report_line_refuse_change()`);
    await q.query(`CREATE FUNCTION ledger_entry_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'ledger entries are never changed: post a correction as a new entry' USING ERRCODE = 'check_violation';
      END $$`);
    await q.query(`CREATE TRIGGER ledger_entry_append_only BEFORE UPDATE OR DELETE ON ledger_entry FOR EACH ROW EXECUTE FUNCTION ledger_entry_refuse_change()`);

    // Live alerts: the notification is delivered when (and only if) the transaction commits.
    await q.query(`CREATE FUNCTION cost_alert_notify() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('cost_alert', json_build_object('id', NEW.id, 'regionId', NEW.region_id, 'serviceId', NEW.service_id)::text);
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER cost_alert_raised AFTER INSERT ON cost_alert FOR EACH ROW EXECUTE FUNCTION cost_alert_notify()`);
    // The webhook job, in the same transaction as its delivery row. SECURITY DEFINER: the API role
    // has no privilege on the queue's schema; this function can do exactly one thing there.
    await q.query(`CREATE FUNCTION cost_alert_delivery_enqueue() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
      SET search_path = pg_catalog, pg_temp AS $$
      BEGIN
        PERFORM graphile_worker.add_job('costs:deliver-alert',
          json_build_object('deliveryId', NEW.id, 'regionId', NEW.region_id, 'serviceId', NEW.service_id),
          max_attempts => 12);
        RETURN NULL;
      END $$`);
    await q.query(`REVOKE ALL ON FUNCTION cost_alert_delivery_enqueue() FROM PUBLIC`);
    await q.query(`CREATE TRIGGER cost_alert_delivery_enqueue AFTER INSERT ON cost_alert_delivery FOR EACH ROW EXECUTE FUNCTION cost_alert_delivery_enqueue()`);

    // Policy helpers (invoker rights: their queries run under the caller's RLS; no policy refers
    // back to its own table).
    await q.query(`CREATE FUNCTION cost_report_is_draft(r uuid) RETURNS boolean LANGUAGE sql STABLE PARALLEL SAFE AS
      $$ SELECT EXISTS (SELECT 1 FROM cost_report WHERE id = r AND status = 'DRAFT') $$`);
    await q.query(`CREATE FUNCTION cost_report_is_readable(r uuid) RETURNS boolean LANGUAGE sql STABLE PARALLEL SAFE AS
      $$ SELECT EXISTS (SELECT 1 FROM cost_report WHERE id = r) $$`);
    await q.query(`CREATE FUNCTION cost_service_has_owner(s uuid, m uuid) RETURNS boolean LANGUAGE sql STABLE PARALLEL SAFE AS
      $$ SELECT EXISTS (SELECT 1 FROM ownership_period p JOIN ownership_period_owner o ON o.period_id = p.id WHERE p.service_id = s AND o.municipality_id = m) $$`);

    const costReaders = hasRole('REGION_ADMIN', 'SERVICE_LEADER', 'HOST_FINANCE', 'MUNICIPAL_DIRECTOR', 'MUNICIPAL_FINANCE', 'AUDITOR');
    const serviceReaders = ownService(['SERVICE_LEADER', 'HOST_FINANCE']);
    const hostFinance = and(inRegion, ownService(['HOST_FINANCE']));
    const municipalReaders = ['MUNICIPAL_DIRECTOR', 'MUNICIPAL_FINANCE', 'AUDITOR'];

    for (const table of ['cost_category', 'cost_category_account']) {
      await enableTenantRls(q, table, { read: and(inRegion, costReaders), write: regionAdmin });
    }
    for (const table of ['cost_agreement', 'cost_agreement_direct_category']) {
      const own = table === 'cost_agreement' ? ownService(['HOST_FINANCE']) : and(hasRole('HOST_FINANCE'), `agreement_id IN (SELECT id FROM cost_agreement WHERE service_id = app_service_id())`);
      await enableTenantRls(q, table, { read: and(inRegion, costReaders), write: and(inRegion, or(hasRole('REGION_ADMIN'), own)) });
    }
    for (const table of ['cost_budget', 'cost_alert_rule']) {
      await enableTenantRls(q, table, { read: and(inRegion, serviceReaders), write: hostFinance });
    }
    await enableTenantRls(q, 'ledger_entry', { read: and(inRegion, serviceReaders), write: hostFinance, update: null, delete: null });

    const draft = `status = 'DRAFT'`;
    await enableTenantRls(q, 'cost_report', {
      read: and(inRegion, or(serviceReaders, and(`status = 'PUBLISHED'`, hasRole(...municipalReaders), `app_municipality_id() = ANY (owner_municipality_ids)`))),
      write: hostFinance,
      update: and(hostFinance, draft),
      delete: and(hostFinance, draft),
    });
    await enableTenantRls(q, 'cost_report_line', {
      read: and(inRegion, or(serviceReaders, and(hasRole(...municipalReaders), `(municipality_id = app_municipality_id() OR municipality_id IS NULL)`, 'cost_report_is_readable(report_id)'))),
      write: and(hostFinance, 'cost_report_is_draft(report_id)'),
      update: null,
    });
    // The municipality's director and finance: acknowledge its alerts, own its webhook.
    const municipalDesk = and(inRegion, ownMunicipality(['MUNICIPAL_DIRECTOR', 'MUNICIPAL_FINANCE']));
    await enableTenantRls(q, 'cost_alert', {
      read: and(inRegion, or(serviceReaders, ownMunicipality(municipalReaders))),
      write: hostFinance,
      update: municipalDesk,
      updateCheck: municipalDesk,
      updateColumns: ['acknowledged_at', 'acknowledged_by'],
      delete: null,
    });
    await enableTenantRls(q, 'cost_webhook', {
      read: or(municipalDesk, and(inRegion, hasRole('HOST_FINANCE'), 'cost_service_has_owner(app_service_id(), municipality_id)')),
      write: municipalDesk,
      delete: null,
    });
    await enableTenantRls(q, 'cost_alert_delivery', {
      read: and(inRegion, or(serviceReaders, ownMunicipality(municipalReaders))),
      write: hostFinance,
      delete: null,
    });
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'cost_alert_delivery',
      'cost_webhook',
      'cost_alert',
      'cost_alert_rule',
      'cost_report_line',
      'cost_report',
      'ledger_entry',
      'cost_budget',
      'cost_agreement_direct_category',
      'cost_agreement',
      'cost_category_account',
      'cost_category',
    ]) {
      await q.query(`DROP TABLE IF EXISTS ${table}`);
    }
    for (const fn of [
      'cost_profile_is_valid(int[])',
      'cost_report_refuse_change()',
      'cost_report_line_refuse_change()',
      'ledger_entry_refuse_change()',
      'cost_alert_notify()',
      'cost_alert_delivery_enqueue()',
      'cost_report_is_draft(uuid)',
      'cost_report_is_readable(uuid)',
      'cost_service_has_owner(uuid, uuid)',
    ]) {
      await q.query(`DROP FUNCTION IF EXISTS ${fn}`);
    }
  }
}
