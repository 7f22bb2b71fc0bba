import { MigrationInterface, QueryRunner } from 'typeorm';
import { and, enableTenantRls, holdsAt, inRegion } from './rls';

/**
 * Issue 20, items 2 and 4 (docs/costs.md, "KOSTRA accounts" and "ERP ledger exports").
 *
 * `kostra_accounts_file`: one imported KOSTRA accounting file (SSB's position-based 48-character
 * lines) of one municipality, year and quarter (0 = the annual accounts). A corrected file for the
 * same municipality, year, quarter and skjema supersedes the earlier one, which is kept
 * (`superseded_at`); at most one current file per key. `kostra_accounts_line`: its lines, amounts in
 * **1000 kr as in the file** (never øre). Neither is ever changed except the supersession mark.
 *
 * RLS (the functions below, invoker rights): a municipality's finance, director and auditor read
 * their own files and those of a municipality hosting a service they own (the host's KOSTRA accounts
 * are public at SSB anyway); the service leader and host finance read the host's and the owners'
 * files of their service. Writing: the municipality's own MUNICIPAL_FINANCE, or the service's
 * HOST_FINANCE for the host and the owners of its service (the host often collects the owners'
 * files).
 *
 * `ledger_mapping`: per shared service, how its host's ERP export is read (columns, encoding,
 * delimiter, decimal separator, date format, sign convention). Read by the service's leader and
 * host finance, written by its host finance.
 */
export class CostsKostraAccountsAndLedgerMappings1733650000000 implements MigrationInterface {
  name = 'CostsKostraAccountsAndLedgerMappings1733650000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE kostra_accounts_file (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      region_id uuid NOT NULL REFERENCES region(id),
      municipality_id uuid NOT NULL,
      year int NOT NULL CHECK (year BETWEEN 2000 AND 2100),
      quarter int NOT NULL CHECK (quarter BETWEEN 0 AND 4),
      skjema text NOT NULL CHECK (skjema ~ '^0[A-Z]$'),
      region_code text NOT NULL CHECK (region_code ~ '^[0-9]{6}$'),
      line_count int NOT NULL CHECK (line_count >= 1),
      content_sha256 text NOT NULL CHECK (content_sha256 ~ '^[0-9a-f]{64}$'),
      imported_at timestamptz NOT NULL DEFAULT now(),
      imported_by text NOT NULL,
      superseded_at timestamptz,
      UNIQUE (region_id, id),
      FOREIGN KEY (region_id, municipality_id) REFERENCES municipality(region_id, id)
    )`);
    await q.query(`CREATE UNIQUE INDEX kostra_accounts_file_current ON kostra_accounts_file (municipality_id, year, quarter, skjema) WHERE superseded_at IS NULL`);

    await q.query(`CREATE TABLE kostra_accounts_line (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      region_id uuid NOT NULL REFERENCES region(id),
      file_id uuid NOT NULL,
      municipality_id uuid NOT NULL,
      line int NOT NULL CHECK (line >= 1),
      kontoklasse text NOT NULL CHECK (kontoklasse ~ '^[0-9]$'),
      funksjon text NOT NULL CHECK (funksjon ~ '^[0-9]{3}$'),
      art text NOT NULL CHECK (art ~ '^[0-9]{3}$'),
      amount_1000_kr bigint NOT NULL CHECK (amount_1000_kr BETWEEN -999999999 AND 999999999),
      UNIQUE (file_id, line),
      FOREIGN KEY (region_id, file_id) REFERENCES kostra_accounts_file(region_id, id) ON DELETE CASCADE,
      FOREIGN KEY (region_id, municipality_id) REFERENCES municipality(region_id, id)
    )`);
    await q.query(`CREATE INDEX kostra_accounts_line_lookup ON kostra_accounts_line (municipality_id, funksjon, art)`);

    // Who reads / writes a municipality's KOSTRA accounts (see the comment above).
    // Grant-aware (1733500000000): each role's own scopes, never a role of one grant with the scope of another.
    await q.query(`CREATE FUNCTION kostra_accounts_readable(m uuid) RETURNS boolean LANGUAGE sql STABLE PARALLEL SAFE AS $$
      SELECT m = ANY (app_scopes('MUNICIPAL_FINANCE', 'MUNICIPAL_DIRECTOR', 'AUDITOR'))
          OR EXISTS (SELECT 1 FROM shared_service s WHERE s.host_municipality_id = m
                       AND EXISTS (SELECT 1 FROM unnest(app_scopes('MUNICIPAL_FINANCE', 'MUNICIPAL_DIRECTOR', 'AUDITOR')) AS own(id) WHERE cost_service_has_owner(s.id, own.id)))
          OR EXISTS (SELECT 1 FROM shared_service s WHERE s.id = ANY (app_scopes('SERVICE_LEADER', 'HOST_FINANCE')) AND (s.host_municipality_id = m OR cost_service_has_owner(s.id, m)))
    $$`);
    await q.query(`CREATE FUNCTION kostra_accounts_writable(m uuid) RETURNS boolean LANGUAGE sql STABLE PARALLEL SAFE AS $$
      SELECT m = ANY (app_scopes('MUNICIPAL_FINANCE'))
          OR EXISTS (SELECT 1 FROM shared_service s WHERE s.id = ANY (app_scopes('HOST_FINANCE')) AND (s.host_municipality_id = m OR cost_service_has_owner(s.id, m)))
    $$`);
    await q.query(`CREATE FUNCTION kostra_accounts_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'UPDATE' AND TG_TABLE_NAME = 'kostra_accounts_file' AND OLD.superseded_at IS NULL AND NEW.superseded_at IS NOT NULL
           AND (to_jsonb(NEW) - 'superseded_at') = (to_jsonb(OLD) - 'superseded_at') THEN
          RETURN NEW;
        END IF;
        RAISE EXCEPTION 'KOSTRA accounts are history: a corrected file supersedes, nothing is changed' USING ERRCODE = 'check_violation';
      END $$`);
    await q.query(`CREATE TRIGGER kostra_accounts_file_history BEFORE UPDATE ON kostra_accounts_file FOR EACH ROW EXECUTE FUNCTION kostra_accounts_refuse_change()`);
    await q.query(`CREATE TRIGGER kostra_accounts_line_history BEFORE UPDATE ON kostra_accounts_line FOR EACH ROW EXECUTE FUNCTION kostra_accounts_refuse_change()`);

    for (const table of ['kostra_accounts_file', 'kostra_accounts_line']) {
      await enableTenantRls(q, table, {
        read: and(inRegion, 'kostra_accounts_readable(municipality_id)'),
        write: and(inRegion, 'kostra_accounts_writable(municipality_id)'),
        update: table === 'kostra_accounts_file' ? and(inRegion, 'kostra_accounts_writable(municipality_id)') : null,
        updateColumns: table === 'kostra_accounts_file' ? ['superseded_at'] : undefined,
        delete: null,
      });
    }

    await q.query(`CREATE TABLE ledger_mapping (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      region_id uuid NOT NULL REFERENCES region(id),
      service_id uuid NOT NULL,
      profile text NOT NULL CHECK (profile IN ('CUSTOM', 'VISMA_ENTERPRISE', 'UNIT4_AGRESSO')),
      encoding text NOT NULL CHECK (encoding IN ('UTF_8', 'WINDOWS_1252', 'ISO_8859_1')),
      delimiter text NOT NULL CHECK (delimiter IN (';', ',', E'\\t', '|')),
      decimal_separator text NOT NULL CHECK (decimal_separator IN (',', '.')),
      date_format text NOT NULL CHECK (date_format IN ('DD.MM.YYYY', 'YYYY-MM-DD', 'DD/MM/YYYY', 'YYYYMMDD')),
      sign_convention text NOT NULL CHECK (sign_convention IN ('LEADING_MINUS', 'TRAILING_MINUS', 'DEBIT_CREDIT_COLUMNS')),
      date_column text NOT NULL CHECK (length(date_column) BETWEEN 1 AND 100),
      amount_column text CHECK (length(amount_column) BETWEEN 1 AND 100),
      debit_column text CHECK (length(debit_column) BETWEEN 1 AND 100),
      credit_column text CHECK (length(credit_column) BETWEEN 1 AND 100),
      art_column text NOT NULL CHECK (length(art_column) BETWEEN 1 AND 100),
      funksjon_column text NOT NULL CHECK (length(funksjon_column) BETWEEN 1 AND 100),
      ansvar_column text CHECK (length(ansvar_column) BETWEEN 1 AND 100),
      prosjekt_column text CHECK (length(prosjekt_column) BETWEEN 1 AND 100),
      voucher_column text NOT NULL CHECK (length(voucher_column) BETWEEN 1 AND 100),
      voucher_line_column text CHECK (length(voucher_line_column) BETWEEN 1 AND 100),
      municipality_column text CHECK (length(municipality_column) BETWEEN 1 AND 100),
      updated_at timestamptz NOT NULL DEFAULT now(),
      updated_by text NOT NULL,
      CHECK ((sign_convention = 'DEBIT_CREDIT_COLUMNS') = (amount_column IS NULL)),
      CHECK ((sign_convention = 'DEBIT_CREDIT_COLUMNS') = (debit_column IS NOT NULL AND credit_column IS NOT NULL)),
      UNIQUE (service_id),
      FOREIGN KEY (region_id, service_id) REFERENCES shared_service(region_id, id)
    )`);
    await enableTenantRls(q, 'ledger_mapping', {
      read: and(inRegion, holdsAt('service_id', 'SERVICE_LEADER', 'HOST_FINANCE')),
      write: and(inRegion, holdsAt('service_id', 'HOST_FINANCE')),
      delete: null,
    });
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['ledger_mapping', 'kostra_accounts_line', 'kostra_accounts_file']) await q.query(`DROP TABLE IF EXISTS ${table}`);
    for (const fn of ['kostra_accounts_readable(uuid)', 'kostra_accounts_writable(uuid)', 'kostra_accounts_refuse_change()']) await q.query(`DROP FUNCTION IF EXISTS ${fn}`);
  }
}
